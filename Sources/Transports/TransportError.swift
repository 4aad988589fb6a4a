/// Why a transport could not do what it was asked. The engine answers every one with output off and an alarm.
public struct TransportError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
