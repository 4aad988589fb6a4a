/// A well-formed protocol file built from the fuzzer's bytes: every field a programme can have,
/// each present or not, each with an extreme value, so overflow and range checks are reached
/// that byte-level mutation of a file rarely finds.
struct StructuredProtocol {
    let text: String

    init(_ bytes: [UInt8]) {
        var c = ByteCursor(bytes)
        let modalities = ["tens-conventional", "tens-acupuncture-like", "tens-burst", "tens-modulated", "ems", "russian",
                          "ifc-4-pole", "ifc-2-pole-premodulated", "electroacupuncture", "microcurrent", "high-volt-pulsed"]
        let shapes = ["symmetric-biphasic", "asymmetric-biphasic", "biphasic-gap", "monophasic", "square-wave", "twin-peak",
                      "sine-carrier"]
        let channels = Int(c.byte() % 9)
        var lines = ["format = 1", "id = \"fuzz\"", "title = \"Fuzz\"", "indication = \"x\"", "placement = \"x\"",
                     "channels = \(channels)", "contraindications = []",
                     "[electrode]", "kind = \"\(c.pick(["pad", "needle"]))\"", "area = \"\(c.pick(ExtremeValue.areas))\""]
        for _ in 0..<(1 + Int(c.byte() % 3)) {
            lines += ["[[programme]]", "name = \"p\"", "modality = \"\(c.pick(modalities))\"",
                      "duration = \"\(c.pick(ExtremeValue.times))\"", "shape = \"\(c.pick(shapes))\""]
            func maybe(_ key: String, _ values: [String]) {
                if c.chance(5) { lines.append("\(key) = \"\(c.pick(values))\"") }
            }
            maybe("frequency", ExtremeValue.frequencies)
            maybe("phase_width", ExtremeValue.times)
            maybe("gap", ExtremeValue.times)
            maybe("separation", ExtremeValue.times)
            maybe("carrier", ExtremeValue.frequencies)
            maybe("beat", ExtremeValue.frequencies)
            maybe("depth", ExtremeValue.ratios)
            if c.chance(4) { lines.append("asymmetry = \(c.pick(["0", "1", "1.5", "10", "11", "1e308", "-1"]))") }
            if c.chance(4) { lines.append("polarity = \"\(c.pick(["positive", "negative", "alternating"]))\"") }
            lines.append("amplitude = { start = \"\(c.pick(ExtremeValue.currents))\", target = \"\(c.pick(ExtremeValue.currents))\", "
                + "max = \"\(c.pick(ExtremeValue.currents))\" }")
            if c.chance(3) {
                lines.append("burst = { rate = \"\(c.pick(ExtremeValue.frequencies))\", length = \"\(c.pick(ExtremeValue.times))\" }")
            }
            if c.chance(3) {
                lines.append("duty = { on = \"\(c.pick(ExtremeValue.times))\", off = \"\(c.pick(ExtremeValue.times))\", "
                    + "ramp_up = \"\(c.pick(ExtremeValue.times))\", ramp_down = \"\(c.pick(ExtremeValue.times))\" }")
            }
            if c.chance(3) {
                lines.append("dense_disperse = { disperse = \"\(c.pick(ExtremeValue.frequencies))\", dense = "
                    + "\"\(c.pick(ExtremeValue.frequencies))\", switch_every = \"\(c.pick(ExtremeValue.times))\" }")
            }
            for _ in 0..<Int(c.byte() % 3) {
                let parameter = c.pick(["frequency", "width", "amplitude", "beat"])
                let values = parameter == "width" ? ExtremeValue.times : parameter == "amplitude" ? ExtremeValue.ratios
                    : ExtremeValue.frequencies
                lines.append("[[programme.sweep]]")
                lines += ["parameter = \"\(parameter)\"", "profile = \"\(c.pick(["triangle", "sine", "square", "sawtooth"]))\"",
                          "from = \"\(c.pick(values))\"", "to = \"\(c.pick(values))\"", "cycle = \"\(c.pick(ExtremeValue.times))\""]
            }
            if c.chance(2) {
                lines.append("[programme.channel.\(c.pick(["1", "2", "01", "9"]))]")
                maybe("frequency", ExtremeValue.frequencies)
                maybe("phase_width", ExtremeValue.times)
            }
        }
        text = lines.joined(separator: "\n") + "\n"
    }
}
