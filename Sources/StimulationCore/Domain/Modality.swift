/// The therapies Galvani drives. Raw values are the names protocol files use.
///
/// Implanted stimulation (SCS, implanted FES) and iontophoresis are deliberately
/// absent: they are not surface therapies a console should drive.
public enum Modality: String, CaseIterable, Sendable, Codable {
    case tensConventional = "tens-conventional"
    case tensAcupunctureLike = "tens-acupuncture-like"
    case tensBurst = "tens-burst"
    case tensModulated = "tens-modulated"
    case ems = "ems"
    case russian = "russian"
    case ifcFourPole = "ifc-4-pole"
    case ifcPremodulated = "ifc-2-pole-premodulated"
    case electroacupuncture = "electroacupuncture"
    case microcurrent = "microcurrent"
    case highVoltPulsed = "high-volt-pulsed"

    public var displayName: String {
        switch self {
        case .tensConventional: "TENS conventional"
        case .tensAcupunctureLike: "TENS acupuncture-like"
        case .tensBurst: "TENS burst"
        case .tensModulated: "TENS modulated"
        case .ems: "EMS/NMES"
        case .russian: "Russian current"
        case .ifcFourPole: "IFC 4-pole"
        case .ifcPremodulated: "IFC 2-pole premodulated"
        case .electroacupuncture: "Electroacupuncture"
        case .microcurrent: "Microcurrent"
        case .highVoltPulsed: "High-volt pulsed"
        }
    }

    /// One press of the amplitude keys (DOMAIN: µA steps for microcurrent, 0.5–1 mA for TENS).
    public var amplitudeStep: Current {
        switch self {
        case .microcurrent: .microamps(10)
        case .electroacupuncture: .microamps(100)
        case .tensConventional, .tensAcupunctureLike, .tensBurst, .tensModulated: .microamps(500)
        case .highVoltPulsed: .milliamps(5)
        case .ems, .russian, .ifcFourPole, .ifcPremodulated: .milliamps(1)
        }
    }

    /// Medium-frequency modalities are built from sine carrier cycles, not discrete pulses.
    public var usesCarrier: Bool { self == .russian || self == .ifcFourPole || self == .ifcPremodulated }

    /// The modalities whose beat frequency comes from a second carrier or an envelope.
    public var usesBeat: Bool { self == .ifcFourPole || self == .ifcPremodulated }
}
