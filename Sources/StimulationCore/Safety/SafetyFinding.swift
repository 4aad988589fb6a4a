/// A limit a programme breaks (an error) or comes close to (a warning), with both numbers.
public struct SafetyFinding: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable {
        case violation
        case warning
    }

    public var severity: Severity
    public var limit: String
    public var message: String

    public var description: String { message }
}

extension SafetyFigures {
    /// Every limit of SafetyLimits checked against these figures.
    public var findings: [SafetyFinding] {
        var found: [SafetyFinding] = []
        func violation(_ limit: String, _ message: String) {
            found.append(SafetyFinding(severity: .violation, limit: limit, message: "channel \(channel): " + message))
        }
        func warning(_ limit: String, _ message: String) {
            found.append(SafetyFinding(severity: .warning, limit: limit, message: "channel \(channel): " + message))
        }

        let chargeCeiling = isMicrocurrent ? SafetyLimits.microcurrentChargePerPhaseCeiling
                                           : SafetyLimits.pulsedChargePerPhaseCeiling
        if chargePerPhase > chargeCeiling {
            violation("charge per phase", "charge per phase \(chargePerPhase) at \(amplitude) exceeds the ceiling of \(chargeCeiling)")
        }
        if abs(netCharge.microcoulombs) > SafetyLimits.netChargeTolerance.microcoulombs {
            violation("net DC", "net charge \(netCharge) \(netChargeWindow) at \(amplitude); every pulse or alternating pair "
                + "must put back the charge it takes (use a biphasic shape or polarity = \"alternating\")")
        }
        if rms > SafetyLimits.rmsCurrentCeiling {
            violation("rms current", "rms current \(rms) at \(amplitude) exceeds the output ceiling of \(SafetyLimits.rmsCurrentCeiling)")
        }
        switch electrode.kind {
        case .pad:
            if density > SafetyLimits.densityCeiling {
                violation("rms current density", "rms current density \(density) at \(amplitude) on \(electrode.area) exceeds the ceiling of \(SafetyLimits.densityCeiling)")
            } else if density > SafetyLimits.densityWarning {
                warning("rms current density", "rms current density \(density) at \(amplitude) on \(electrode.area) is above \(SafetyLimits.densityWarning): watch the skin under the pads (IEC 60601-2-10)")
            }
        case .needle:
            if shannonK > SafetyLimits.shannonCeiling {
                violation("Shannon k", "Shannon k \(DecimalText.figure(shannonK)) for \(chargePerPhase) per phase on a \(electrode.area) needle exceeds \(SafetyLimits.shannonCeiling)")
            }
            if density > SafetyLimits.densityWarning {
                warning("rms current density", "rms current density \(density) at \(amplitude) on a \(electrode.area) needle is above \(SafetyLimits.densityWarning)")
            }
        }
        if powerDensity > SafetyLimits.powerDensityCeiling {
            violation("power density", "average power density \(powerDensity) into \(SafetyLimits.testLoad) exceeds \(SafetyLimits.powerDensityCeiling)")
        }
        if pulseEnergy > SafetyLimits.pulseEnergyCeiling {
            violation("pulse energy", "energy per pulse \(pulseEnergy) into \(SafetyLimits.testLoad) exceeds \(SafetyLimits.pulseEnergyCeiling)")
        }
        return found
    }
}
