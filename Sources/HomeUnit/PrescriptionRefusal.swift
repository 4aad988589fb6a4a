import Foundation
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
    case tooLong(id: String, lasts: TimeSpan, longest: TimeSpan)
    case clockBehind(now: Date, latest: Date)
    case dailyCountReached(Int, next: Date)
    case tooSoon(gap: TimeSpan, next: Date)
    case recordsUnavailable(String)

    public static let ask = "Ask your clinician for a new prescription."

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
        case .tooLong(let id, let lasts, let longest):
            "The treatment \"\(id)\" lasts \(Self.duration(lasts)), longer than the \(Self.duration(longest)) per session your "
                + "prescription allows. \(Self.ask)"
        case .clockBehind(let now, let latest):
            "This unit's clock says \(Self.moment(now)), earlier than a session it has already recorded "
                + "(\(Self.moment(latest))). Set the date and time right, then start again."
        case .dailyCountReached(let count, let next):
            "You have had the \(count == 1 ? "one session" : "\(count) sessions") your clinician allows today. "
                + "The next one is allowed from \(Self.moment(next))."
        case .tooSoon(let gap, let next):
            "Your clinician asks for at least \(Self.duration(gap)) between sessions. The next one is allowed from "
                + "\(Self.moment(next))."
        case .recordsUnavailable(let why):
            "This unit cannot read its treatment records (\(why)), so it cannot check how many sessions you have had. "
                + "No session can start until it can; tell your clinician."
        }
    }

    /// "45 minutes", "2 hours", "1 hour 30 minutes", "1 minute 30 seconds": exact, so two spans that differ never
    /// read the same.
    static func duration(_ span: TimeSpan) -> String {
        let seconds = span.nanoseconds / 1_000_000_000
        let parts = [(seconds / 3600, "hour"), (seconds / 60 % 60, "minute"), (seconds % 60, "second")]
            .filter { $0.0 > 0 }.map { "\($0.0) \($0.1)\($0.0 == 1 ? "" : "s")" }
        return parts.isEmpty ? "under a second" : parts.joined(separator: " ")
    }

    /// "14:30 on 2 December 2026", in the system's time zone.
    static func moment(_ date: Date, zone: TimeZone = .current) -> String {
        let c = Calendar.gregorian(in: zone).dateComponents([.hour, .minute], from: date)
        return String(format: "%02d:%02d on ", c.hour!, c.minute!) + CalendarDay(date, in: zone).spoken
    }
}
