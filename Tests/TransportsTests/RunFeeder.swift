import StimulationCore
@testable import Transports

/// Feeds a transport as the engine does: every tick it polls, keeps the device alive and
/// tops each channel's queue up to `lead` ahead with a run of steady pulses.
struct RunFeeder {
    struct Feed {
        var channel: Int
        var period: TimeSpan
        var pulse: Pulse
        /// The time of the next pulse not yet submitted.
        var next: TimeSpan
        var submitted = 0
    }

    var feeds: [Feed]
    var tick = TimeSpan.milliseconds(10)
    var lead = TimeSpan.milliseconds(40)
    var keepsAlive = true
    private(set) var events: [TransportEvent] = []

    init(_ feeds: [(channel: Int, period: TimeSpan, pulse: Pulse)], from start: TimeSpan = .zero) {
        self.feeds = feeds.map { Feed(channel: $0.channel, period: $0.period, pulse: $0.pulse, next: start) }
    }

    /// Runs ticks from `start` while the time is before `end`; stops at the first error, which it throws.
    mutating func run(_ transport: SimulatorTransport, from start: TimeSpan, until end: TimeSpan) throws(TransportError) {
        var now = start
        while now < end {
            events += transport.poll(until: now)
            if keepsAlive { try transport.keepAlive(at: now) }
            var runs: [PulseRun] = []
            for i in feeds.indices {
                let target = now + lead
                let gap = (target - feeds[i].next).nanoseconds
                guard gap > 0 else { continue }
                let count = Int((gap + feeds[i].period.nanoseconds - 1) / feeds[i].period.nanoseconds)
                runs.append(PulseRun(channel: feeds[i].channel, start: feeds[i].next, period: feeds[i].period,
                                     count: count, pulse: feeds[i].pulse, alternates: false))
                feeds[i].next += feeds[i].period * Int64(count)
                feeds[i].submitted += count
            }
            try transport.submit(runs, at: now)
            now += tick
        }
        events += transport.poll(until: end)
    }
}
