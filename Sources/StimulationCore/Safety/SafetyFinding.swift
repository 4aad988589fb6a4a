/// A limit a programme or a run breaks (a violation) or comes close to (a warning), with both numbers.
public struct SafetyFinding: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable {
        case violation
        case warning
    }

    public var severity: Severity
    public var limit: SafetyLimit
    public var message: String

    public var description: String { message }

    static func violation(_ limit: SafetyLimit, _ message: String) -> SafetyFinding {
        SafetyFinding(severity: .violation, limit: limit, message: message)
    }

    static func warning(_ limit: SafetyLimit, _ message: String) -> SafetyFinding {
        SafetyFinding(severity: .warning, limit: limit, message: message)
    }

    func on(channel: Int) -> SafetyFinding {
        SafetyFinding(severity: severity, limit: limit, message: "channel \(channel): " + message)
    }
}
