/// `count` identical pulses on one channel, `period` apart, from `start` on the session clock.
///
/// This is what flows to a transport. Constant stretches compress to one run; an
/// alternating run inverts every other pulse so monophasic trains stay compact.
public struct PulseRun: Hashable, Sendable {
    public var channel: Int
    public var start: TimeSpan
    public var period: TimeSpan
    public var count: Int
    /// The first pulse; with `alternates`, pulse i is inverted when i is odd.
    public var pulse: Pulse
    public var alternates: Bool

    public init(channel: Int, start: TimeSpan, period: TimeSpan, count: Int, pulse: Pulse, alternates: Bool) {
        self.channel = channel
        self.start = start
        self.period = period
        self.count = count
        self.pulse = pulse
        self.alternates = alternates
    }

    /// The time just after the last pulse's period.
    public var end: TimeSpan { start + period * Int64(count) }

    public func pulse(at index: Int) -> Pulse {
        alternates && index % 2 == 1 ? pulse.negated : pulse
    }

    /// Every pulse of the run with its time, for transports that drive each pulse themselves.
    public var expanded: Expansion { Expansion(self) }
}
