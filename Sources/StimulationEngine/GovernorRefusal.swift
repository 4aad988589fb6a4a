/// Why the safety governor would not let a run through. The engine answers with output off and a high alarm.
public struct GovernorRefusal: Error, Hashable, Sendable, CustomStringConvertible {
    public var channel: Int
    public var reason: String
    public var description: String { "channel \(channel): \(reason)" }
}
