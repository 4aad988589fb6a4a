/// A well-formed fault script built from the fuzzer's bytes, with extreme times and ratios in every field.
struct StructuredFaultScript {
    let text: String

    init(_ bytes: [UInt8]) {
        var c = ByteCursor(bytes)
        let kinds = ["pad-lift", "lead-break", "short", "contact-restored", "impedance-drift", "device-fault", "disconnect"]
        var lines = ["format = 1"]
        for _ in 0..<(1 + Int(c.byte() % 4)) {
            let kind = c.pick(kinds)
            lines += ["[[fault]]", "at = \"\(c.pick(ExtremeValue.times))\"", "kind = \"\(kind)\""]
            if kind != "device-fault", kind != "disconnect" || c.chance(1) {
                lines.append("channel = \(c.pick(["1", "4", "0", "5", "-1", "9223372036854775807"]))")
            }
            if kind == "pad-lift" || c.chance(1) { lines.append("lift = \"\(c.pick(ExtremeValue.ratios))\"") }
            if kind == "impedance-drift" || c.chance(1) {
                lines += ["to = \"\(c.pick(ExtremeValue.ratios))\"", "over = \"\(c.pick(ExtremeValue.times))\""]
            }
            if kind == "device-fault" || c.chance(1) { lines.append("message = \"\(c.pick(["x", "", "red button"]))\"") }
        }
        text = lines.joined(separator: "\n") + "\n"
    }
}
