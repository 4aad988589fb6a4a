/// The result code of an ACK: how the device took a frame. Anything but `ok` means the frame had no effect.
public enum WireResult: UInt8, Hashable, Sendable, CaseIterable {
    case ok = 0
    /// The payload does not match the message's layout; `detail` is the entry index within a RUNS frame, else 0.
    case malformed = 1
    case unknownType = 2
    /// A value outside what the device allows (a channel it lacks, an amplitude above its maximum);
    /// `detail` is the entry index within a RUNS frame. Never wrapped or clamped.
    case outOfRange = 3
    /// A run that starts before the previous run on its channel ends (its start + count × period), or
    /// that continues a stream the device no longer has (after a stop); `detail` is the entry index.
    case outOfOrder = 4
    /// A run that starts beyond the device's lookahead; `detail` is the entry index.
    case tooFarAhead = 5
    /// The channel's queue has no room; `detail` is the entry index.
    case queueFull = 6
    /// Not after a successful HELLO (or after a watchdog or device fault): only HELLO is accepted.
    case notReady = 7
    /// The sequence number is not the next one expected; `detail` is the one expected.
    case sequence = 8

    /// Plain words for an alarm.
    public var meaning: String {
        switch self {
        case .ok: "accepted"
        case .malformed: "the frame's layout was wrong"
        case .unknownType: "the device does not know that message"
        case .outOfRange: "a value was outside what the device allows"
        case .outOfOrder: "a run overlapped the previous one or continued a stopped stream"
        case .tooFarAhead: "a run started beyond the device's lookahead"
        case .queueFull: "the device's queue was full"
        case .notReady: "the device was not ready (no handshake, or after a fault)"
        case .sequence: "a frame was lost on the way to the device"
        }
    }
}
