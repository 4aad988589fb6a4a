/// Reads one `[[programme]]`: the fields its modality and shape need, nothing else,
/// each within the modality's range; then checks timing and the safety figures at
/// its maximum amplitude on every channel.
struct ProgrammeReader {
    let reader: TableReader
    let channels: Int
    let protocolElectrode: Electrode?

    static let keys = ["name", "modality", "duration", "shape", "frequency", "phase_width", "asymmetry", "gap",
                       "polarity", "separation", "carrier", "beat", "depth", "amplitude", "burst", "duty",
                       "dense_disperse", "sweep", "channel", "electrode"]

    func read() -> Programme? {
        let r = reader
        let errorsBefore = r.context.errorCount
        func clean() -> Bool { r.context.errorCount == errorsBefore }
        r.rejectUnknownKeys()
        let name = r.nonEmptyString("name")
        let modality = r.choice("modality", Modality.self)
        let duration = time("duration").flatMap { checkDuration($0) }
        let electrode = r.has("electrode")
            ? ElectrodeReader.read(r.subtable("electrode", label: "\(r.label) electrode", allowed: ElectrodeReader.keys))
            : protocolElectrode
        guard let modality, let electrode else {
            _ = r.string("shape")
            return nil
        }
        if modality == .ifcFourPole, channels % 2 != 0 {
            r.error("modality", "\"ifc-4-pole\" crosses two carriers per pair of channels; the protocol has \(channels) "
                + "channel\(channels == 1 ? "" : "s"): use an even number, or \"ifc-2-pole-premodulated\" on one")
        }
        let spec = r.context.policy.spec(for: modality, electrode: electrode.kind)
        let shape = readShape(modality: modality)
        let carrier = readCarrier(modality: modality, spec: spec)
        let (frequency, width) = readPulseTiming(modality: modality, shape: shape, spec: spec)
        let amplitude = readAmplitude(modality: modality, electrode: electrode.kind, spec: spec)
        let burst = readBurst(modality: modality, spec: spec)
        let duty = readDuty(duration: duration)
        let denseDisperse = readDenseDisperse(modality: modality, spec: spec)
        let overrides = readOverrides(modality: modality, shape: shape, spec: spec)
        let sweeps = readSweeps(modality: modality, shape: shape, spec: spec)
        checkOverridesAgainstModulation(overrides, sweeps: sweeps, denseDisperse: denseDisperse)

        guard let name, let duration, let shape, let amplitude, clean() else { return nil }
        guard let frequency = frequency ?? carrier?.frequency ?? denseDisperse?.disperse else { return nil }
        let programme = Programme(name: name, modality: modality, duration: duration, shape: shape, frequency: frequency,
                                  phaseWidth: width ?? .zero, carrier: carrier, burst: burst, duty: duty,
                                  denseDisperse: denseDisperse, sweeps: sweeps, overrides: overrides,
                                  amplitude: amplitude, electrode: electrode)
        checkTiming(programme)
        guard clean() else { return nil }
        checkSafety(programme)
        return programme
    }

    // MARK: - Fields

    private func time(_ key: String, in table: TableReader? = nil, required: Bool = true) -> TimeSpan? {
        (table ?? reader).quantity(key, .time, required: required).map(TimeSpan.init(nanoseconds:))
    }

    private func frequency(_ key: String, in table: TableReader? = nil, required: Bool = true,
                           within range: ClosedRange<Frequency>?, what: String) -> Frequency? {
        let t = table ?? reader
        guard let mHz = t.quantity(key, .frequency, required: required) else { return nil }
        let value = Frequency(millihertz: mHz)
        guard mHz > 0 else { t.error(key, "must be above 0 Hz"); return nil }
        if let range, !range.contains(value) {
            t.error(key, "is \(value); \(what) allows \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return value
    }

    private func checkDuration(_ duration: TimeSpan) -> TimeSpan? {
        let longest = reader.context.policy.longestProgramme
        guard duration > .zero, duration <= longest else {
            reader.error("duration", "is \(duration); a programme lasts more than 0 s and at most \(longest)")
            return nil
        }
        return duration
    }

    private func readShape(modality: Modality) -> PulseShape? {
        let r = reader
        guard let name = r.string("shape") else { return nil }
        guard PulseShape.names.contains(name) else {
            r.error("shape", "\"\(name)\" is not one of " + PulseShape.names.map { "\"\($0)\"" }.joined(separator: ", "))
            return nil
        }
        for (key, owner) in [("asymmetry", "asymmetric-biphasic"), ("gap", "biphasic-gap"), ("separation", "twin-peak")]
            where name != owner {
            r.forbid(key, because: "it only applies to shape \"\(owner)\"")
        }
        if name != "monophasic" && name != "twin-peak" {
            r.forbid("polarity", because: "it only applies to shapes \"monophasic\" and \"twin-peak\"")
        }
        if modality.usesCarrier != (name == "sine-carrier") {
            r.error("shape", modality.usesCarrier
                ? "\"\(name)\" cannot carry \(modality.displayName); it is built from a \"sine-carrier\""
                : "\"sine-carrier\" is only for Russian current and IFC, not \(modality.displayName)")
            return nil
        }
        switch name {
        case "symmetric-biphasic": return .symmetricBiphasic
        case "asymmetric-biphasic":
            guard let ratio = r.number("asymmetry") else { return nil }
            guard ratio > 1, ratio <= 10 else {
                r.error("asymmetry", "is \(ratio); the second phase is 1 to 10 times as long as the first (more than 1)")
                return nil
            }
            return .asymmetricBiphasic(ratio: ratio)
        case "biphasic-gap":
            guard let gap = time("gap") else { return nil }
            guard gap > .zero else { r.error("gap", "must be longer than 0 µs"); return nil }
            return .biphasicWithGap(gap: gap)
        case "monophasic":
            guard let polarity = r.choice("polarity", PulseShape.Polarity.self) else { return nil }
            return .monophasic(polarity: polarity)
        case "square-wave": return .squareWave
        case "twin-peak":
            let polarity = r.choice("polarity", PulseShape.Polarity.self)
            guard let separation = time("separation"), let polarity else { return nil }
            return .twinPeak(separation: separation, polarity: polarity)
        default: return .sineCarrier
        }
    }

    private func readCarrier(modality: Modality, spec: ModalitySpec) -> Carrier? {
        let r = reader
        guard modality.usesCarrier else {
            for key in ["carrier", "beat", "depth"] {
                r.forbid(key, because: "only Russian current and IFC use a carrier")
            }
            return nil
        }
        let carrier = frequency("carrier", within: spec.carrier, what: modality.displayName)
        var beat: Frequency?
        if modality.usesBeat {
            if let mHz = r.quantity("beat", .frequency) {
                beat = Frequency(millihertz: mHz)
                if let range = spec.beat, !range.contains(beat!) {
                    r.error("beat", "is \(beat!); \(modality.displayName) allows \(range.lowerBound) to \(range.upperBound)")
                }
            }
        } else {
            r.forbid("beat", because: "only IFC has a beat frequency")
        }
        var depth: Ratio?
        if modality == .ifcPremodulated {
            if let perMille = r.quantity("depth", .ratio) {
                depth = Ratio(perMille: perMille)
                if !(0...1000).contains(perMille) { r.error("depth", "is \(depth!); allowed: 0 % to 100 %") }
            }
        } else {
            r.forbid("depth", because: "only premodulated IFC has a modulation depth")
        }
        guard let carrier else { return nil }
        return Carrier(frequency: carrier, beat: beat, depth: depth)
    }

    private func readPulseTiming(modality: Modality, shape: PulseShape?, spec: ModalitySpec) -> (Frequency?, TimeSpan?) {
        let r = reader
        if modality.usesCarrier {
            r.forbid("frequency", because: "the carrier sets the rate of \(modality.displayName)")
            r.forbid("phase_width", because: "the carrier sets the phase width of \(modality.displayName)")
            return (nil, nil)
        }
        var frequency: Frequency?
        if r.has("dense_disperse") {
            r.forbid("frequency", because: "`dense_disperse` sets the frequencies")
        } else {
            frequency = self.frequency("frequency", within: spec.frequency, what: modality.displayName)
        }
        guard let shape else { return (frequency, nil) }
        guard shape.takesPhaseWidth else {
            r.forbid("phase_width", because: "a \(shape.name) takes its phase width from the frequency")
            return (frequency, nil)
        }
        guard let width = time("phase_width") else { return (frequency, nil) }
        if let range = spec.phaseWidth, !range.contains(width) {
            r.error("phase_width", "is \(width); \(modality.displayName) allows \(range.lowerBound) to \(range.upperBound)")
            return (frequency, nil)
        }
        return (frequency, width)
    }

    private func readAmplitude(modality: Modality, electrode: Electrode.Kind, spec: ModalitySpec) -> AmplitudeWindow? {
        guard let t = reader.subtable("amplitude", label: "\(reader.label) amplitude",
                                      allowed: ["start", "target", "max"], required: true) else { return nil }
        t.rejectUnknownKeys()
        let start = t.quantity("start", .current).map(Current.init(microamps:))
        let target = t.quantity("target", .current).map(Current.init(microamps:))
        let maximum = t.quantity("max", .current).map(Current.init(microamps:))
        guard let start, let target, let maximum else { return nil }
        var valid = true
        if start < .zero { t.error("start", "is \(start); amplitudes are 0 or more"); valid = false }
        if maximum <= .zero { t.error("max", "is \(maximum); it must be above 0"); valid = false }
        if maximum > spec.ceiling {
            t.error("max", "is \(maximum), above the \(modality.displayName) ceiling of \(spec.ceiling) (\(SafetyLimit.modalityCeiling(modality, electrode).source))")
            valid = false
        }
        if target > maximum { t.error("target", "is \(target), above `max` \(maximum)"); valid = false }
        if start > target { t.error("start", "is \(start), above `target` \(target); every session starts low and rises"); valid = false }
        return valid ? AmplitudeWindow(start: start, target: target, maximum: maximum) : nil
    }

    private func readBurst(modality: Modality, spec: ModalitySpec) -> Burst? {
        let r = reader
        let needed = modality == .tensBurst || modality == .russian
        if modality.usesBeat { r.forbid("burst", because: "IFC is a continuous carrier") }
        guard let t = r.subtable("burst", label: "\(r.label) burst", allowed: ["rate", "length"], required: needed) else {
            return nil
        }
        t.rejectUnknownKeys()
        let rate = frequency("rate", in: t, within: spec.burstRate, what: "\(modality.displayName) burst rate")
        let length = time("length", in: t)
        guard let rate, let length else { return nil }
        guard length > .zero, length < rate.period else {
            t.error("length", "is \(length); a burst must be shorter than its cycle of \(rate.period) at \(rate)")
            return nil
        }
        return Burst(rate: rate, length: length)
    }

    private func readDuty(duration: TimeSpan?) -> DutyCycle? {
        guard let t = reader.subtable("duty", label: "\(reader.label) duty", allowed: ["on", "off", "ramp_up", "ramp_down"])
        else { return nil }
        t.rejectUnknownKeys()
        let on = time("on", in: t), off = time("off", in: t)
        let up = time("ramp_up", in: t), down = time("ramp_down", in: t)
        guard let on, let off, let up, let down else { return nil }
        var valid = true
        if on <= .zero { t.error("on", "must be longer than 0 s"); valid = false }
        if off <= .zero { t.error("off", "must be longer than 0 s; leave out [duty] for continuous output"); valid = false }
        if up < .zero { t.error("ramp_up", "must not be negative"); valid = false }
        if down < .zero { t.error("ramp_down", "must not be negative"); valid = false }
        if up + down > on {
            t.error("ramp_up", "\(up) plus `ramp_down` \(down) is longer than `on` \(on); the ramps happen inside the on time")
            valid = false
        }
        if let duration, on + off > duration {
            t.error("on", "\(on) plus `off` \(off) is longer than the programme's \(duration); not one cycle would complete")
            valid = false
        }
        return valid ? DutyCycle(on: on, off: off, rampUp: up, rampDown: down) : nil
    }

    private func readDenseDisperse(modality: Modality, spec: ModalitySpec) -> DenseDisperse? {
        let r = reader
        guard r.has("dense_disperse") else { return nil }
        guard !modality.usesCarrier else {
            r.forbid("dense_disperse", because: "carrier modalities do not alternate frequencies")
            return nil
        }
        guard let t = r.subtable("dense_disperse", label: "\(r.label) dense_disperse",
                                 allowed: ["disperse", "dense", "switch_every"]) else { return nil }
        t.rejectUnknownKeys()
        let disperse = frequency("disperse", in: t, within: spec.frequency, what: modality.displayName)
        let dense = frequency("dense", in: t, within: spec.frequency, what: modality.displayName)
        let every = time("switch_every", in: t)
        guard let disperse, let dense, let every else { return nil }
        guard disperse < dense else {
            t.error("disperse", "\(disperse) must be lower than `dense` \(dense)")
            return nil
        }
        guard every >= disperse.period else {
            t.error("switch_every", "is \(every); it must hold at least one \(disperse) period (\(disperse.period))")
            return nil
        }
        return DenseDisperse(disperse: disperse, dense: dense, switchEvery: every)
    }

    private func readOverrides(modality: Modality, shape: PulseShape?, spec: ModalitySpec) -> [Int: ChannelOverride] {
        let r = reader
        guard r.has("channel") else { return [:] }
        guard !modality.usesCarrier else {
            r.forbid("channel", because: "IFC pairs its carriers by channel itself; Russian current runs alike on every channel")
            return [:]
        }
        guard let all = r.subtable("channel", label: "\(r.label) channel", allowed: []) else { return [:] }
        var overrides: [Int: ChannelOverride] = [:]
        for key in all.keys {
            guard let number = Int(key), (1...channels).contains(number) else {
                all.error(key, "names no channel; use a channel number from 1 to \(channels), as in [programme.channel.2]")
                continue
            }
            guard let t = all.subtable(key, label: "\(r.label) channel \(number)", allowed: ["frequency", "phase_width"])
            else { continue }
            t.rejectUnknownKeys()
            let f = frequency("frequency", in: t, required: false, within: spec.frequency, what: modality.displayName)
            var width: TimeSpan?
            if t.has("phase_width") {
                if let shape, !shape.takesPhaseWidth {
                    t.forbid("phase_width", because: "a \(shape.name) takes its phase width from the frequency")
                } else if let w = time("phase_width", in: t) {
                    if let range = spec.phaseWidth, !range.contains(w) {
                        t.error("phase_width", "is \(w); \(modality.displayName) allows \(range.lowerBound) to \(range.upperBound)")
                    } else {
                        width = w
                    }
                }
            }
            if f == nil, width == nil, !t.has("frequency"), !t.has("phase_width") {
                t.context.error(at: t.path, "\(t.label) overrides nothing; give `frequency` or `phase_width`")
            }
            overrides[number] = ChannelOverride(frequency: f, phaseWidth: width)
        }
        return overrides
    }

    private func readSweeps(modality: Modality, shape: PulseShape?, spec: ModalitySpec) -> [Sweep] {
        let r = reader
        guard let tables = r.tableArray("sweep", label: { "\(r.label) sweep \($0 + 1)" },
                                        allowed: ["parameter", "profile", "from", "to", "cycle"], required: false)
        else { return [] }
        var sweeps: [Sweep] = []
        for t in tables {
            t.rejectUnknownKeys()
            let parameter = t.choice("parameter", Sweep.Parameter.self)
            let profile = t.choice("profile", Sweep.Profile.self)
            let cycle = time("cycle", in: t)
            guard let parameter, let profile, let cycle else { continue }
            if sweeps.contains(where: { $0.parameter == parameter }) {
                t.error("parameter", "\"\(parameter.rawValue)\" is already swept in this programme; one sweep per parameter")
                continue
            }
            let longest = r.context.policy.longestSweepCycle
            guard cycle > .zero, cycle <= longest else {
                t.error("cycle", "is \(cycle); a sweep cycle is longer than 0 s and at most \(longest)")
                continue
            }
            guard let (from, to) = sweepEnds(t, parameter: parameter, modality: modality, shape: shape, spec: spec) else { continue }
            guard from != to else { t.error("to", "equals `from`; a sweep must move"); continue }
            sweeps.append(Sweep(parameter: parameter, profile: profile, from: from, to: to, cycle: cycle))
        }
        return sweeps
    }

    private func sweepEnds(_ t: TableReader, parameter: Sweep.Parameter, modality: Modality, shape: PulseShape?,
                           spec: ModalitySpec) -> (Int64, Int64)? {
        switch parameter {
        case .frequency:
            guard !modality.usesCarrier else { t.error("parameter", "\"frequency\" cannot sweep a carrier; IFC sweeps its `beat`"); return nil }
            guard !reader.has("dense_disperse") else { t.error("parameter", "\"frequency\" cannot sweep while `dense_disperse` alternates it"); return nil }
            let a = frequency("from", in: t, within: spec.frequency, what: modality.displayName)
            let b = frequency("to", in: t, within: spec.frequency, what: modality.displayName)
            guard let a, let b else { return nil }
            return (a.millihertz, b.millihertz)
        case .beat:
            guard modality.usesBeat else { t.error("parameter", "\"beat\" only applies to IFC"); return nil }
            let a = t.quantity("from", .frequency), b = t.quantity("to", .frequency)
            guard let a, let b else { return nil }
            for (key, v) in [("from", a), ("to", b)] where !(spec.beat ?? Frequency(millihertz: 0)...Frequency(millihertz: 0)).contains(Frequency(millihertz: v)) || v <= 0 {
                t.error(key, "is \(Frequency(millihertz: v)); an IFC beat sweeps within \(spec.beat!.lowerBound) (exclusive) to \(spec.beat!.upperBound)")
                return nil
            }
            return (a, b)
        case .width:
            guard let shape, shape.takesPhaseWidth else { t.error("parameter", "\"width\" cannot sweep a shape whose width follows its frequency"); return nil }
            let a = time("from", in: t), b = time("to", in: t)
            guard let a, let b else { return nil }
            for (key, v) in [("from", a), ("to", b)] where !(spec.phaseWidth?.contains(v) ?? true) {
                t.error(key, "is \(v); \(modality.displayName) allows \(spec.phaseWidth!.lowerBound) to \(spec.phaseWidth!.upperBound)")
                return nil
            }
            return (a.nanoseconds, b.nanoseconds)
        case .amplitude:
            let a = t.quantity("from", .ratio), b = t.quantity("to", .ratio)
            guard let a, let b else { return nil }
            for (key, v) in [("from", a), ("to", b)] where !(0...1000).contains(v) {
                t.error(key, "is \(Ratio(perMille: v)); an amplitude sweep runs within 0 % to 100 % of the set amplitude")
                return nil
            }
            return (a, b)
        }
    }

    // MARK: - Whole-programme checks

    /// A per-channel value that a sweep or dense-disperse would overrule is an error, not a silent loss.
    private func checkOverridesAgainstModulation(_ overrides: [Int: ChannelOverride], sweeps: [Sweep],
                                                 denseDisperse: DenseDisperse?) {
        for (channel, override) in overrides.sorted(by: { $0.key < $1.key }) {
            let path = reader.keyPath("channel.\(channel)")
            if override.frequency != nil, sweeps.contains(where: { $0.parameter == .frequency }) || denseDisperse != nil {
                reader.context.error(at: path + ".frequency", "\(reader.label) channel \(channel): `frequency` cannot be "
                    + "set per channel while a frequency sweep or `dense_disperse` moves it")
            }
            if override.phaseWidth != nil, sweeps.contains(where: { $0.parameter == .width }) {
                reader.context.error(at: path + ".phase_width", "\(reader.label) channel \(channel): `phase_width` cannot "
                    + "be set per channel while a width sweep moves it")
            }
        }
    }

    /// Phases must fit in the shortest period, bursts must hold a pulse, sweeps must be slower than the pulses.
    private func checkTiming(_ programme: Programme) {
        let r = reader
        for channel in 1...channels {
            let plan = ChannelPlan(programme: programme, channel: channel)
            let shortest = plan.frequencyRange.upperBound.period
            let slowest = plan.frequencyRange.lowerBound.period
            let widest = plan.widthRange.upperBound
            let pulse = programme.shape.pulse(amplitude: .milliamps(1), width: widest, period: shortest)
            if case .twinPeak(let separation, _) = programme.shape, separation <= widest {
                r.error("separation", "is \(separation); the second peak must start after the first ends (\(widest))")
                return
            }
            if pulse.duration > shortest {
                let key = r.has("sweep") ? "sweep" : "phase_width"
                r.error(key, "makes a \(pulse.duration) pulse that does not fit in the \(shortest) period at "
                    + "\(plan.frequencyRange.upperBound) (channel \(channel))")
                return
            }
            if let burst = programme.burst, burst.length < slowest {
                r.error("burst", "length \(burst.length) is shorter than one pulse period (\(slowest)); the burst would be empty")
                return
            }
            if let sweep = plan.timingSweep ?? programme.sweep(of: .width) ?? programme.sweep(of: .amplitude),
               sweep.cycle < slowest * 2 {
                r.error("sweep", "cycle \(sweep.cycle) is shorter than two pulse periods (\(slowest * 2)); the sweep would skip pulses")
                return
            }
            if let duty = programme.duty, duty.on < slowest {
                r.error("duty", "on time \(duty.on) is shorter than one pulse period (\(slowest))")
                return
            }
        }
    }

    /// Every limit of the policy at the programme's maximum amplitude, on every channel.
    private func checkSafety(_ programme: Programme) {
        let policy = reader.context.policy
        var seen = Set<SafetyLimit>()
        for channel in 1...channels {
            let figures = SafetyFigures(plan: ChannelPlan(programme: programme, channel: channel),
                                        amplitude: programme.amplitude.maximum, testLoad: policy.testLoad)
            for finding in policy.findings(figures) where seen.insert(finding.limit).inserted {
                let path = reader.keyPath("amplitude.max")
                switch finding.severity {
                case .violation: reader.context.error(at: path, "\(reader.label): \(finding.message) (limit: \(finding.limit))")
                case .warning: reader.context.warning(at: path, "\(reader.label): \(finding.message)")
                }
            }
        }
    }
}
