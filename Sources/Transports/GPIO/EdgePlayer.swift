import Foundation
import StimulationCore
import Synchronization

/// Plays queued edges on the lines at their times, and supervises itself: every phase's real length is read back
/// from the clock, and one that ran longer than the board allows stops output at once.
///
/// One lock covers the queue, the line state and every line change, so a stop from any thread either comes before
/// an edge (which then never happens) or after it (and turns it off): no edge can slip out behind a stop.
final class EdgePlayer: Sendable {
    struct Settings: Sendable {
        var layout: BoardLayout
        /// Session time + offset = CLOCK_MONOTONIC.
        var offset: Int64
        var tolerance: TimeSpan
        var heartbeatPeriod: TimeSpan
        /// Output goes off when the engine has not been heard from for this long: a hung engine thread must not
        /// leave a stage enabled.
        var watchdog: TimeSpan
        /// ENABLE goes off once nothing has been queued for this long.
        var idleOff: TimeSpan
    }

    private struct State {
        var queue: [Edge] = []
        var head = 0
        var enabled = false
        var heartbeatHigh = false
        var nextHeartbeat: Int64 = .max
        var lastEdge: Int64 = 0
        /// Per channel: when its open phase's leg went on (before the ioctl), and how long it should last.
        var open: [(since: Int64, planned: TimeSpan)?]
        var lastAlive: Int64
        var failure: String?
        var reported = false
        var timing = EdgeTiming()
    }

    let settings: Settings
    private let output: any LineOutput
    private let clock: any EdgeClock
    private let state: Mutex<State>
    /// Signalled when edges arrive, so a thread waiting out a long idle stretch starts on them at once.
    let arrival = DispatchSemaphore(value: 0)

    init(settings: Settings, output: any LineOutput, clock: any EdgeClock) {
        self.settings = settings
        self.output = output
        self.clock = clock
        let channels = settings.layout.channels.count
        state = Mutex(State(open: Array(repeating: nil, count: channels),
                            lastAlive: clock.now()))
    }

    private func monotonic(_ time: TimeSpan) -> Int64 { time.nanoseconds + settings.offset }

    /// Queues a channel's edges; they arrive in time order per channel, and channels interleave.
    func enqueue(_ edges: [Edge]) {
        guard !edges.isEmpty else { return }
        state.withLock { s in
            guard s.failure == nil else { return }
            s.queue.removeFirst(s.head)
            s.head = 0
            s.queue.append(contentsOf: edges)
            // Stable: edges at one time keep their order (code before leg).
            s.queue = s.queue.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
            s.lastAlive = clock.now()
        }
        arrival.signal()
    }

    /// The engine is alive: keeps the software watchdog from cutting output.
    func alive() { state.withLock { $0.lastAlive = clock.now() } }

    /// Output off on every channel and ENABLE off, the queue dropped; from any thread, without waiting for the
    /// output thread. With a reason, the session ends on it.
    func cut(_ reason: String? = nil) {
        state.withLock { s in cutLocked(&s, reason) }
    }

    /// One channel off and its queued edges dropped; the others play on.
    func stop(channel: Int) throws(GPIOError) {
        let lines = settings.layout.channels[channel - 1]
        let result: Result<Void, GPIOError> = state.withLock { s in
            s.queue = s.queue[s.head...].filter { $0.channel != channel }
            s.head = 0
            s.open[channel - 1] = nil
            do throws(GPIOError) { try output.set(0, mask: lines.legs | lines.dac) } catch { return .failure(error) }
            return .success(())
        }
        try result.get()
    }

    /// The failure that stopped output, once.
    func takeFailure() -> String? {
        state.withLock { s in
            guard let failure = s.failure, !s.reported else { return nil }
            s.reported = true
            return failure
        }
    }

    var timing: EdgeTiming { state.withLock { $0.timing } }
    var isEnabled: Bool { state.withLock { $0.enabled } }

    private func cutLocked(_ s: inout State, _ reason: String?) {
        s.queue.removeAll()
        s.head = 0
        s.open = s.open.map { _ in nil }
        s.enabled = false
        s.nextHeartbeat = .max
        var failure = reason
        do {
            try output.set(0, mask: settings.layout.output | BoardLayout.heartbeat)
        } catch {
            failure = failure ?? "the stage could not be switched off: \(error.message)"
        }
        if s.failure == nil, let failure { s.failure = failure }
    }

    private func set(_ s: inout State, _ bits: UInt64, mask: UInt64) -> Bool {
        do {
            try output.set(bits, mask: mask)
            return true
        } catch {
            cutLocked(&s, "a GPIO line could not be set: \(error.message)")
            return false
        }
    }

    /// Plays everything due by now; returns when the next thing is due (CLOCK_MONOTONIC), and whether it is an edge
    /// (worth spinning for) or only housekeeping.
    func step() -> (next: Int64, edge: Bool) {
        state.withLock { s in
            var now = clock.now()
            guard s.failure == nil else { return (now + 10_000_000, false) }
            if !s.enabled, s.head < s.queue.count {
                guard set(&s, BoardLayout.enable, mask: BoardLayout.enable) else { return (now, false) }
                s.enabled = true
                s.nextHeartbeat = now
            }
            if s.enabled, now >= s.nextHeartbeat {
                s.heartbeatHigh.toggle()
                guard set(&s, s.heartbeatHigh ? BoardLayout.heartbeat : 0, mask: BoardLayout.heartbeat) else { return (now, false) }
                s.nextHeartbeat = now + settings.heartbeatPeriod.nanoseconds
            }
            while s.head < s.queue.count, monotonic(s.queue[s.head].time) <= now {
                let edge = s.queue[s.head]
                s.head += 1
                guard play(edge, &s, now: now) else { return (clock.now() + 10_000_000, false) }
                s.lastEdge = now
                now = clock.now()
            }
            // After the edges: when the whole process stood still, the phase it left open is the precise cause.
            if s.enabled, now - s.lastAlive > settings.watchdog.nanoseconds {
                cutLocked(&s, "the engine was not heard from for \(TimeSpan(nanoseconds: now - s.lastAlive)) "
                    + "(more than \(settings.watchdog)): output stopped, since nobody was watching it")
                return (now + 10_000_000, false)
            }
            if s.enabled, s.head == s.queue.count, now - s.lastEdge > settings.idleOff.nanoseconds {
                s.enabled = false
                s.nextHeartbeat = .max
                s.heartbeatHigh = false
                _ = set(&s, 0, mask: BoardLayout.enable | BoardLayout.heartbeat)
            }
            let nextEdge = s.head < s.queue.count ? monotonic(s.queue[s.head].time) : Int64.max
            // Idle or not, come back often enough to run the watchdog and turn ENABLE off in time.
            let housekeeping = min(s.nextHeartbeat, now + 10_000_000)
            return nextEdge <= housekeeping ? (nextEdge, true) : (housekeeping, false)
        }
    }

    private func play(_ edge: Edge, _ s: inout State, now: Int64) -> Bool {
        let deadline = monotonic(edge.time)
        let c = edge.channel - 1
        switch edge.role {
        case .code:
            return set(&s, edge.bits, mask: edge.mask)
        case .on(let planned):
            // A phase whose start is already later than the tolerance is not begun: started late it would crowd the
            // next pulse, and its whole rhythm is gone anyway.
            if now - deadline > settings.tolerance.nanoseconds {
                s.timing.skippedPhases += 1
                return true
            }
            let before = clock.now()
            guard set(&s, edge.bits, mask: edge.mask) else { return false }
            s.timing.late(by: before - deadline)
            s.open[c] = (before, planned)
            return true
        case .off:
            guard set(&s, edge.bits, mask: edge.mask) else { return false }
            let after = clock.now()
            s.timing.late(by: after - deadline)
            guard let open = s.open[c] else { return true }
            s.open[c] = nil
            let lasted = after - open.since
            let over = lasted - open.planned.nanoseconds
            s.timing.stretched(by: over)
            if over > settings.tolerance.nanoseconds {
                cutLocked(&s, "a phase on channel \(edge.channel) lasted \(TimeSpan(nanoseconds: lasted)) instead of \(open.planned) "
                    + "(\(TimeSpan(nanoseconds: over)) over, beyond the board's \(settings.tolerance)): it carried more charge "
                    + "than was admitted, so output stopped")
                return false
            }
            return true
        }
    }
}
