import StimulationCore

/// An alarm stays until it is acknowledged and its cause has gone; acknowledging alone
/// does not clear a condition that is still present (IEC 60601-1-8 latching practice).
public struct Alarm: Hashable, Sendable, Identifiable {
    public enum Cause: Hashable, Sendable {
        case electrode(channel: Int)
        case transport
        case emergencyStop
        case governor(channel: Int)
        case amplitudeLimited(channel: Int)
        /// Events cannot reach a sink (the named one): a record is at risk, the patient is not.
        case sink(String)
    }

    public var id: Int
    public var cause: Cause
    public var priority: AlarmPriority
    public var message: String
    public var raisedAt: TimeSpan
    public var acknowledged: Bool
    /// Whether the condition that raised it is still present.
    public var conditionPresent: Bool

    public var channel: Int? {
        switch cause {
        case .electrode(let c), .governor(let c), .amplitudeLimited(let c): c
        default: nil
        }
    }
}
