import StimulationCore

extension Engine {
    /// How often the transport's reports are read when nothing else is due. Devices stop a faulted channel
    /// themselves within a pulse; this bounds how late the host raises the alarm and stops the others.
    static let reportInterval = TimeSpan.milliseconds(40)

    /// How long after the last keep-alive the next one may go, with whatever wake comes first. The engine wakes at least
    /// every `reportInterval`, so a keep-alive sent from this point on is never later than its interval and never needs a
    /// wake of its own: a fifth of the engine's wakes were keep-alives off the 40 ms rhythm of refills and reports.
    var keepAliveFrom: TimeSpan { max(.zero, policy.keepAliveInterval - Self.reportInterval) }

    /// When the engine next has something to do: refill the queue once half the lookahead is left, send the
    /// keep-alive when due, let the transport send what it holds, read the transport's reports. Between those, waking would only cost the machine;
    /// a command wakes the engine thread at once whatever this says.
    public func nextWake(after now: TimeSpan) -> TimeSpan {
        var next = now + Self.reportInterval
        if linkUp { next = min(next, lastKeepAlive + policy.keepAliveInterval) }
        if linkUp, let send = transport.nextSend { next = min(next, send) }
        if state == .running, let coveredUntil, channels.contains(where: \.outputOn) {
            next = min(next, coveredUntil - TimeSpan(nanoseconds: lookahead.nanoseconds / 2))
        }
        return max(next, now + EngineTiming.tick)
    }
}
