import StimulationCore

/// What `protocols show` prints: each programme's parameters and its safety figures at maximum amplitude.
struct ProtocolReport: Encodable {
    var id: String
    var title: String
    var indication: String
    var placement: String
    var channels: Int
    var contraindications: [String]
    var totalDuration: String
    var programmes: [ProgrammeReport]
    var warnings: [String]

    struct ProgrammeReport: Encodable {
        var number: Int
        var name: String
        var modality: String
        var parameters: [String: String]
        var safety: [ChannelFigures]
    }

    struct ChannelFigures: Encodable {
        var channel: Int
        var atAmplitude: String
        var chargePerPhaseMicrocoulombs: Double
        var rmsMilliamps: Double
        var densityMilliampsPerSquareCentimetre: Double
        var powerDensityWattsPerSquareCentimetre: Double
        var pulseEnergyMillijoules: Double
        var shannonK: Double?
        var netChargeMicrocoulombs: Double
        var netChargeWindow: String
    }

    init(_ loaded: ProtocolLoader.Loaded) {
        let p = loaded.therapyProtocol
        id = p.id
        title = p.title
        indication = p.indication
        placement = p.placement
        channels = p.channels
        contraindications = p.contraindications.map(\.rawValue)
        totalDuration = p.totalDuration.description
        warnings = loaded.warnings.map(\.description)
        programmes = p.programmes.enumerated().map { index, programme in
            ProgrammeReport(number: index + 1, name: programme.name, modality: programme.modality.rawValue,
                            parameters: Self.parameters(of: programme),
                            safety: (1...p.channels).map { Self.figures(programme, channel: $0) })
        }
    }

    static func figures(_ programme: Programme, channel: Int) -> ChannelFigures {
        let f = SafetyFigures(plan: ChannelPlan(programme: programme, channel: channel), amplitude: programme.amplitude.maximum,
                              testLoad: SafetyPolicy.clinic.testLoad)
        return ChannelFigures(channel: channel, atAmplitude: f.amplitude.description,
                              chargePerPhaseMicrocoulombs: f.chargePerPhase.microcoulombs, rmsMilliamps: f.rms.milliamps,
                              densityMilliampsPerSquareCentimetre: f.density.milliampsPerSquareCentimetre,
                              powerDensityWattsPerSquareCentimetre: f.powerDensity.wattsPerSquareCentimetre,
                              pulseEnergyMillijoules: f.pulseEnergy.millijoules,
                              shannonK: f.electrode.kind == .needle ? f.shannonK : nil,
                              netChargeMicrocoulombs: f.netCharge.microcoulombs, netChargeWindow: f.netChargeWindow)
    }

    static func parameters(of programme: Programme) -> [String: String] {
        var out: [String: String] = [
            "duration": programme.duration.description,
            "shape": shapeText(programme.shape),
            "amplitude": "start \(programme.amplitude.start), target \(programme.amplitude.target), max \(programme.amplitude.maximum)",
            "electrode": "\(programme.electrode.kind.rawValue), \(programme.electrode.area)",
        ]
        if let carrier = programme.carrier {
            out["carrier"] = carrier.frequency.description
            if let beat = carrier.beat { out["beat"] = beat.description }
            if let depth = carrier.depth { out["depth"] = depth.description }
        } else if let dd = programme.denseDisperse {
            out["dense-disperse"] = "\(dd.disperse) / \(dd.dense), switching every \(dd.switchEvery)"
        } else {
            out["frequency"] = programme.frequency.description
        }
        if programme.shape.takesPhaseWidth { out["phase width"] = programme.phaseWidth.description }
        if let burst = programme.burst { out["burst"] = "\(burst.rate) bursts of \(burst.length)" }
        if let duty = programme.duty {
            out["duty"] = "on \(duty.on), off \(duty.off), ramp up \(duty.rampUp), ramp down \(duty.rampDown)"
        }
        for sweep in programme.sweeps {
            out["sweep \(sweep.parameter.rawValue)"] = "\(sweep.profile.rawValue) \(sweepValue(sweep, sweep.from)) ↔ "
                + "\(sweepValue(sweep, sweep.to)) over \(sweep.cycle)"
        }
        for (channel, override) in programme.overrides.sorted(by: { $0.key < $1.key }) {
            var parts: [String] = []
            if let f = override.frequency { parts.append(f.description) }
            if let w = override.phaseWidth { parts.append(w.description) }
            out["channel \(channel)"] = parts.joined(separator: ", ")
        }
        return out
    }

    static func sweepValue(_ sweep: Sweep, _ value: Int64) -> String {
        switch sweep.parameter {
        case .frequency, .beat: Frequency(millihertz: value).description
        case .width: TimeSpan(nanoseconds: value).description
        case .amplitude: Ratio(perMille: value).description
        }
    }

    static func shapeText(_ shape: PulseShape) -> String {
        switch shape {
        case .asymmetricBiphasic(let ratio): "\(shape.name), second phase \(ratio)× as long"
        case .biphasicWithGap(let gap): "\(shape.name), gap \(gap)"
        case .monophasic(let polarity): "\(shape.name), \(polarity.rawValue) polarity"
        case .twinPeak(let separation, let polarity): "\(shape.name), peaks \(separation) apart, \(polarity.rawValue) polarity"
        default: shape.name
        }
    }

    var text: String {
        var out = "\(title)  [\(id)]\n"
        out += "Indication: \(indication)\n"
        out += "Channels: \(channels)   Total: \(totalDuration)\n"
        if !contraindications.isEmpty { out += "Screen especially for: \(contraindications.joined(separator: ", "))\n" }
        out += "Placement:\n" + placement.split(separator: "\n", omittingEmptySubsequences: false)
            .map { "  " + $0 }.joined(separator: "\n") + "\n"
        for programme in programmes {
            out += "\nProgramme \(programme.number): \(programme.name) (\(programme.modality))\n"
            for (key, value) in programme.parameters.sorted(by: { $0.key < $1.key }) {
                out += "  " + pad(key + ":", 18) + value + "\n"
            }
            out += "  Safety at maximum amplitude:\n"
            out += "    ch  amplitude   charge/phase   rms        density        power        energy      net charge"
                + (programme.safety.contains { $0.shannonK != nil } ? "   Shannon k" : "") + "\n"
            for f in programme.safety {
                var line = "    " + pad(String(f.channel), 4) + pad(f.atAmplitude, 12)
                line += pad(fig(f.chargePerPhaseMicrocoulombs, 3) + " µC", 15)
                line += pad(fig(f.rmsMilliamps, 3) + " mA", 11)
                line += pad(fig(f.densityMilliampsPerSquareCentimetre, 3) + " mA/cm²", 15)
                line += pad(fig(f.powerDensityWattsPerSquareCentimetre, 4) + " W/cm²", 13)
                line += pad(fig(f.pulseEnergyMillijoules, 4) + " mJ", 12)
                line += fig(f.netChargeMicrocoulombs, 3) + " µC " + f.netChargeWindow
                if let k = f.shannonK { line += "   " + fig(k, 2) }
                out += line + "\n"
            }
        }
        if !warnings.isEmpty {
            out += "\nWarnings:\n" + warnings.map { "  " + $0 }.joined(separator: "\n") + "\n"
        }
        return out
    }

    private func fig(_ value: Double, _ decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        return rounded == 0 ? "0" : String(rounded)
    }
}
