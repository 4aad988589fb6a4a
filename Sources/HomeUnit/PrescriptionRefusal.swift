import StimulationCore

/// Why a home unit will not run a prescription, in words a patient understands, with what to do about it.
public enum PrescriptionRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    case unsigned
    case untrusted(fingerprint: String)
    case altered
    case expired(CalendarDay)
    case notYetValid(CalendarDay)
    case otherPatient(String, unit: String)
    case protocolMissing(String)
    case protocolChanged(String)
    case aboveProtocol(id: String, channel: Int, maximum: Current, protocolMaximum: Current)
    case channelMissing(id: String, channel: Int)

    static let ask = "Ask your clinician for a new prescription."

    public var description: String {
        switch self {
        case .unsigned:
            "This prescription is not signed, so this unit cannot tell who wrote it. \(Self.ask)"
        case .untrusted(let fingerprint):
            "This prescription was signed with a key this unit does not know (\(fingerprint)). Ask your clinician to "
                + "install their key on this unit, or for a new prescription."
        case .altered:
            "This prescription was changed after it was signed, so it is no longer the one your clinician wrote. \(Self.ask)"
        case .expired(let day):
            "This prescription ended on \(day.spoken). \(Self.ask)"
        case .notYetValid(let day):
            "This prescription starts on \(day.spoken); it cannot be used before then."
        case .otherPatient(let patient, let unit):
            "This prescription is for patient \(patient), but this unit is set up for \(unit). \(Self.ask)"
        case .protocolMissing(let id):
            "The treatment \"\(id)\" your clinician prescribed is not on this unit. Ask your clinician to install it."
        case .protocolChanged(let id):
            "The treatment \"\(id)\" on this unit has been changed since your clinician prescribed it. \(Self.ask)"
        case .aboveProtocol(let id, let channel, let maximum, let protocolMaximum):
            "The prescription allows \(maximum) on channel \(channel) of \"\(id)\", more than the treatment's own "
                + "maximum of \(protocolMaximum). \(Self.ask)"
        case .channelMissing(let id, let channel):
            "The prescription for \"\(id)\" does not set channel \(channel), which the treatment uses. \(Self.ask)"
        }
    }
}
