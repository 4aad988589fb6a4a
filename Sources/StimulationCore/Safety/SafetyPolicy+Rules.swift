/// The one implementation of every safety rule. The loader applies them to a programme's worst
/// case at its maximum amplitude; the governor applies them to each run about to leave.
extension SafetyPolicy {
    /// Charge per phase is the largest single phase's charge, whatever its sign.
    public static func chargePerPhase(of pulse: Pulse) -> Charge {
        Charge(microcoulombs: pulse.phases.map { abs($0.charge.microcoulombs) }.max() ?? 0)
    }

    /// The net charge left behind: by one pulse, or by an alternating pair when the train inverts every other pulse.
    public static func netCharge(of pulse: Pulse, alternates: Bool) -> Charge {
        alternates ? pulse.netCharge + pulse.negated.netCharge : pulse.netCharge
    }

    /// Microcurrent's long subsensory phases have a ceiling of their own; every other modality shares the pulsed one.
    public func chargeCeiling(microcurrent: Bool) -> (limit: SafetyLimit, charge: Charge) {
        microcurrent ? (.microcurrentChargePerPhase, microcurrentChargePerPhase) : (.pulsedChargePerPhase, pulsedChargePerPhase)
    }

    /// Why `pulse` breaks the charge rules of `modality`, or nil when it does not.
    public func chargeFinding(_ pulse: Pulse, alternates: Bool, modality: Modality) -> SafetyFinding? {
        chargePerPhaseViolation(Self.chargePerPhase(of: pulse), microcurrent: modality == .microcurrent, context: "")
            ?? netChargeViolation(Self.netCharge(of: pulse, alternates: alternates),
                                  window: alternates ? "per alternating pair" : "per pulse", context: "")
    }

    /// A device whose phases may come out up to `stretch` long (host-timed GPIO edges) can deliver that much more
    /// charge in each phase: the ceiling must hold at the stretched width too.
    public func chargeFinding(_ pulse: Pulse, stretchedBy stretch: TimeSpan, modality: Modality) -> SafetyFinding? {
        let worst = pulse.phases.filter { $0.amplitude != .zero }
            .map { abs(Phase(amplitude: $0.amplitude, duration: $0.duration + stretch, form: $0.form).charge.microcoulombs) }
            .max() ?? 0
        return chargePerPhaseViolation(Charge(microcoulombs: worst), microcurrent: modality == .microcurrent,
                                       context: " with a phase \(stretch) longer, as the device's timing allows")
    }

    func chargePerPhaseViolation(_ charge: Charge, microcurrent: Bool, context: String) -> SafetyFinding? {
        let (limit, ceiling) = chargeCeiling(microcurrent: microcurrent)
        guard charge > ceiling else { return nil }
        return .violation(limit, "charge per phase \(charge)\(context) exceeds the ceiling of \(ceiling)")
    }

    func netChargeViolation(_ net: Charge, window: String, context: String) -> SafetyFinding? {
        guard abs(net.microcoulombs) > netChargeTolerance.microcoulombs else { return nil }
        return .violation(.netCharge, "net charge \(net) \(window)\(context); every pulse or alternating pair must put "
            + "back the charge it takes (use a biphasic shape or polarity = \"alternating\")")
    }

    /// Every figure limit checked against `figures`, as violations and warnings.
    public func findings(_ figures: SafetyFigures) -> [SafetyFinding] {
        var found: [SafetyFinding] = []
        let f = figures, at = "at \(f.amplitude)"
        if let violation = chargePerPhaseViolation(f.chargePerPhase, microcurrent: f.isMicrocurrent, context: " \(at)") {
            found.append(violation)
        }
        if let violation = netChargeViolation(f.netCharge, window: f.netChargeWindow, context: " \(at)") {
            found.append(violation)
        }
        if f.rms > rmsCurrent {
            found.append(.violation(.rmsCurrent, "rms current \(f.rms) \(at) exceeds the output ceiling of \(rmsCurrent)"))
        }
        switch f.electrode.kind {
        case .pad:
            if f.density > densityCeiling {
                found.append(.violation(.densityCeiling, "rms current density \(f.density) \(at) on \(f.electrode.area) "
                    + "exceeds the ceiling of \(densityCeiling)"))
            } else if f.density > densityWarning {
                found.append(.warning(.densityWarning, "rms current density \(f.density) \(at) on \(f.electrode.area) is above "
                    + "\(densityWarning): watch the skin under the pads (IEC 60601-2-10)"))
            }
        case .needle:
            if f.shannonK > shannonK {
                found.append(.violation(.shannonK, "Shannon k \(DecimalText.figure(f.shannonK)) for \(f.chargePerPhase) per phase "
                    + "on a \(f.electrode.area) needle exceeds \(DecimalText.figure(shannonK))"))
            }
            if f.density > densityWarning {
                found.append(.warning(.densityWarning, "rms current density \(f.density) \(at) on a \(f.electrode.area) needle "
                    + "is above \(densityWarning)"))
            }
        }
        if f.powerDensity > powerDensity {
            found.append(.violation(.powerDensity, "average power density \(f.powerDensity) into \(testLoad) exceeds \(powerDensity)"))
        }
        if f.pulseEnergy > pulseEnergy {
            found.append(.violation(.pulseEnergy, "energy per pulse \(f.pulseEnergy) into \(testLoad) exceeds \(pulseEnergy)"))
        }
        return found.map { $0.on(channel: f.channel) }
    }

    /// The largest amplitude up to `limit` at which every figure of the plan passes. Figures grow
    /// with amplitude, so a binary search finds the boundary to the µA.
    public func figureCeiling(plan: ChannelPlan, upTo limit: Current) -> Current {
        func passes(_ microamps: Int64) -> Bool {
            !findings(SafetyFigures(plan: plan, amplitude: Current(microamps: microamps), testLoad: testLoad))
                .contains { $0.severity == .violation }
        }
        if passes(limit.microamps) { return limit }
        var low: Int64 = 0, high = limit.microamps
        while high - low > 1 {
            let middle = low + (high - low) / 2
            if passes(middle) { low = middle } else { high = middle }
        }
        return Current(microamps: low)
    }
}
