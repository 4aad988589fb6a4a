import StimulationCore

/// A frame sent and not yet acknowledged. Its words are put together only if it goes wrong,
/// not for each of the hundreds of frames a second that do not.
struct AwaitedFrame: CustomStringConvertible {
    var sequence: UInt8
    var kind: HostMessage.Kind
    var channel: UInt8?
    var sentAt: TimeSpan

    /// "KEEPALIVE", "RUNS for channel 2", "STOP-CHANNEL 3".
    var description: String {
        switch (kind, channel) {
        case (.runs, let channel?): "RUNS for channel \(channel)"
        case (_, let channel?): "\(kind.name) \(channel)"
        case (_, nil): kind.name
        }
    }
}
