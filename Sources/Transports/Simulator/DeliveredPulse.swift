import StimulationCore

/// A pulse the simulated device put out: when, on which channel, and the peak current that flowed.
public struct DeliveredPulse: Hashable, Sendable {
    public var time: TimeSpan
    public var channel: Int
    public var delivered: Current

    public init(time: TimeSpan, channel: Int, delivered: Current) {
        self.time = time
        self.channel = channel
        self.delivered = delivered
    }
}
