import StimulationCore

extension Engine {
    /// How often the transport's reports are read when nothing else is due: an electrode fault, a device fault
    /// or a closed line is acted on within this, as it was when the engine ticked every 5 ms plus this margin.
    static let reportInterval = TimeSpan.milliseconds(20)

    /// When the engine next has something to do: refill the queue once half the lookahead is left, send the
    /// keep-alive when due, read the transport's reports. Between those, waking would only cost the machine;
    /// a command wakes the engine thread at once whatever this says.
    public func nextWake(after now: TimeSpan) -> TimeSpan {
        var next = now + Self.reportInterval
        if linkUp { next = min(next, lastKeepAlive + policy.keepAliveInterval) }
        if state == .running, let coveredUntil, channels.contains(where: \.outputOn) {
            next = min(next, coveredUntil - TimeSpan(nanoseconds: policy.engineLookahead.nanoseconds / 2))
        }
        return max(next, now + EngineTiming.tick)
    }
}
