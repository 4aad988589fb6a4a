import StimulationCore

extension Engine {
    /// How often the transport's reports are read when nothing else is due. Devices stop a faulted channel
    /// themselves within a pulse; this bounds how late the host raises the alarm and stops the others. 80 ms is the
    /// refill rhythm of the 160 ms lead, so reads ride on refills: each of the engine's wakes cost about 150 µs of a
    /// core here, and halving them was half the console's cost. The alarm is still shown within the console's
    /// 250 ms frame.
    static let reportInterval = TimeSpan.milliseconds(80)

    /// How often the engine wakes on its own while it refills a lead this long: at half of it, or sooner to read reports.
    static func rhythm(lead: TimeSpan) -> TimeSpan { min(reportInterval, TimeSpan(nanoseconds: lead.nanoseconds / 2)) }

    /// Whether a queue is being refilled, so the engine wakes at half its lead and not only to read reports.
    var refilling: Bool { state == .running && coveredUntil != nil && channels.contains(where: \.outputOn) }

    /// How long after the last keep-alive the next one may go, with whatever wake comes first. The engine wakes at least
    /// once a rhythm (refills while refilling, report reads always), so a keep-alive sent from this point on is never
    /// later than its interval and never needs a wake of its own: keep-alives off that rhythm were a fifth of its wakes.
    var keepAliveFrom: TimeSpan {
        let rhythm = refilling ? Self.rhythm(lead: lookahead) : Self.reportInterval
        return max(.zero, policy.keepAliveInterval - rhythm)
    }

    /// When the engine next has something to do: refill the queue once half the lookahead is left, send the
    /// keep-alive when due, let the transport send what it holds, read the transport's reports. Between those, waking would only cost the machine;
    /// a command wakes the engine thread at once whatever this says.
    public func nextWake(after now: TimeSpan) -> TimeSpan {
        var next = now + Self.reportInterval
        if linkUp { next = min(next, lastKeepAlive + policy.keepAliveInterval) }
        if linkUp, let send = transport.nextSend { next = min(next, send) }
        if refilling, let coveredUntil {
            next = min(next, coveredUntil - TimeSpan(nanoseconds: lookahead.nanoseconds / 2))
        }
        return max(next, now + EngineTiming.tick)
    }
}
