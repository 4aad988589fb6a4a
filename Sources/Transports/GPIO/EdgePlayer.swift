import Foundation
import StimulationCore
import Synchronization

/// Plays queued edges on the lines at their times, and supervises itself: every phase's real length is read back
/// from the clock, and one that ran longer than the board allows stops output.
///
/// One lock covers the queues, the line state and every line change, so a stop from any thread either comes before
/// an edge (which then never happens) or after it (and turns it off): no edge can slip out behind a stop.
///
/// Each channel has its own queue, played in order. A pulse is played whole or not at all: one whose start is later
/// than the tolerance is skipped whole, and once begun, each of its phases keeps its planned length (a late leg
/// moves the rest of its pulse later) and the other leg waits out the dead time, however late the thread woke.
final class EdgePlayer: Sendable {
    struct Settings: Sendable {
        var layout: BoardLayout
        /// Session time + offset = CLOCK_MONOTONIC.
        var offset: Int64
        var tolerance: TimeSpan
        var deadTime: TimeSpan
        var heartbeatPeriod: TimeSpan
        /// Output goes off when the engine has not been heard from for this long: a hung engine thread must not
        /// leave a stage enabled.
        var watchdog: TimeSpan
        /// ENABLE goes off once nothing has been queued for this long.
        var idleOff: TimeSpan
    }

    private struct Lane {
        var queue: [Edge] = []
        var head = 0
        /// How late the pulse under way runs, so its remaining edges move with it and every phase keeps its length.
        var delay: Int64 = 0
        /// The pulse being skipped, by its planned start.
        var skipping: TimeSpan?
        /// When the open phase's leg went on (read before the ioctl), and how long it should last.
        var open: (since: Int64, planned: TimeSpan, leg: UInt64)?
        /// When the last leg went off (read after the ioctl), and which.
        var lastOff: (at: Int64, leg: UInt64)?

        var next: Edge? { head < queue.count ? queue[head] : nil }
    }

    private struct State {
        var lanes: [Lane]
        var enabled = false
        var heartbeatHigh = false
        var nextHeartbeat: Int64 = .max
        var lastEdge: Int64 = 0
        var lastAlive: Int64
        /// The operator's STOP from another thread: nothing is queued until the engine has taken the stop in.
        var latched = false
        var failure: String?
        var reported = false
        var timing = EdgeTiming()

        var queued: Bool { lanes.contains { $0.next != nil } }
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
        state = Mutex(State(lanes: Array(repeating: Lane(), count: settings.layout.channels.count), lastAlive: clock.now()))
    }

    private func monotonic(_ time: TimeSpan) -> Int64 { time.nanoseconds + settings.offset }

    /// Queues one channel's edges, in time order after what it already holds.
    func enqueue(_ edges: [Edge]) {
        guard let channel = edges.first?.channel else { return }
        state.withLock { s in
            s.lastAlive = clock.now()
            guard s.failure == nil, !s.latched else { return }
            s.lanes[channel - 1].queue.removeFirst(s.lanes[channel - 1].head)
            s.lanes[channel - 1].head = 0
            s.lanes[channel - 1].queue.append(contentsOf: edges)
        }
        arrival.signal()
    }

    /// The engine is alive: keeps the software watchdog from cutting output.
    func alive() { state.withLock { $0.lastAlive = clock.now() } }

    /// Output off on every channel and ENABLE off, the queues dropped; from any thread, without waiting for the
    /// output thread. With a reason, the session ends on it. `latch` (the operator's STOP from the key's own thread)
    /// also refuses new edges until the engine has handled the stop: an engine midway through queueing cannot
    /// switch the stage back on behind it.
    func cut(_ reason: String? = nil, latch: Bool = false) {
        state.withLock { s in
            if latch { s.latched = true }
            cutLocked(&s, reason)
        }
    }

    /// The engine has taken the stop in; it queues again only once the operator starts again.
    func unlatch() { state.withLock { $0.latched = false } }

    /// One channel off and its queued edges dropped; the others play on.
    func stop(channel: Int) throws(GPIOError) {
        let lines = settings.layout.channels[channel - 1]
        let result: Result<Void, GPIOError> = state.withLock { s in
            s.lanes[channel - 1] = Lane(lastOff: s.lanes[channel - 1].open.map { (clock.now(), $0.leg) } ?? s.lanes[channel - 1].lastOff)
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
        let now = clock.now()
        s.lanes = s.lanes.map { Lane(lastOff: $0.open.map { (now, $0.leg) } ?? $0.lastOff) }
        s.enabled = false
        s.heartbeatHigh = false
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

    /// When a lane's next edge is due: its planned time, moved by the lateness of the pulse under way.
    private func due(_ lane: Lane) -> Int64? {
        lane.next.map { monotonic($0.time) + lane.delay }
    }

    /// The lane whose next edge is due first; nil when every queue is empty. No allocation: this runs per edge.
    private func earliest(_ lanes: [Lane]) -> Int? {
        var best: (lane: Int, at: Int64)?
        for c in lanes.indices {
            guard let at = due(lanes[c]) else { continue }
            if best == nil || at < best!.at { best = (c, at) }
        }
        return best?.lane
    }

    /// Plays everything due by now; returns when the next thing is due (CLOCK_MONOTONIC), and whether it is an edge
    /// (worth spinning for) or only housekeeping.
    func step() -> (next: Int64, edge: Bool) {
        state.withLock { s in
            var now = clock.now()
            guard s.failure == nil else { return (now + 10_000_000, false) }
            if !s.enabled, s.queued {
                guard set(&s, BoardLayout.enable, mask: BoardLayout.enable) else { return (now, false) }
                s.enabled = true
                s.nextHeartbeat = now
            }
            if s.enabled, now >= s.nextHeartbeat {
                s.heartbeatHigh.toggle()
                guard set(&s, s.heartbeatHigh ? BoardLayout.heartbeat : 0, mask: BoardLayout.heartbeat) else { return (now, false) }
                s.nextHeartbeat = now + settings.heartbeatPeriod.nanoseconds
            }
            while let c = earliest(s.lanes), due(s.lanes[c])! <= now {
                let edge = s.lanes[c].queue[s.lanes[c].head]
                s.lanes[c].head += 1
                guard play(edge, lane: c, &s, now: now) else { return (clock.now() + 10_000_000, false) }
                s.lastEdge = now
                now = clock.now()
            }
            // After the edges: when the whole process stood still, the phase it left open is the precise cause.
            if s.enabled, now - s.lastAlive > settings.watchdog.nanoseconds {
                cutLocked(&s, "the engine was not heard from for \(TimeSpan(nanoseconds: now - s.lastAlive)) "
                    + "(more than \(settings.watchdog)): output stopped, since nobody was watching it")
                return (now + 10_000_000, false)
            }
            if s.enabled, !s.queued, now - s.lastEdge > settings.idleOff.nanoseconds {
                s.enabled = false
                s.nextHeartbeat = .max
                s.heartbeatHigh = false
                _ = set(&s, 0, mask: BoardLayout.enable | BoardLayout.heartbeat)
            }
            let nextEdge = earliest(s.lanes).map { due(s.lanes[$0])! } ?? .max
            // Idle or not, come back often enough to run the watchdog and turn ENABLE off in time.
            let housekeeping = min(s.nextHeartbeat, now + 10_000_000)
            return nextEdge <= housekeeping ? (nextEdge, true) : (housekeeping, false)
        }
    }

    private func play(_ edge: Edge, lane c: Int, _ s: inout State, now: Int64) -> Bool {
        let planned = monotonic(edge.time)
        if edge.first {
            s.lanes[c].delay = 0
            // A pulse whose start is already later than the tolerance is not begun: started late it would crowd the
            // next one, and its rhythm is gone anyway. Skipped whole, so no phase goes without its balancing one.
            s.lanes[c].skipping = now - planned > settings.tolerance.nanoseconds ? edge.pulse : nil
            if s.lanes[c].skipping != nil { s.timing.skippedPulses += 1 }
        }
        guard s.lanes[c].skipping != edge.pulse else { return true }
        switch edge.role {
        case .code:
            return set(&s, edge.bits, mask: edge.mask)
        case .on(let length):
            // The other leg went off less than the dead time ago (the thread woke late and the edges bunched up):
            // wait it out, or both legs could conduct while they switch.
            if let off = s.lanes[c].lastOff, off.leg != edge.bits {
                clock.wait(until: off.at + settings.deadTime.nanoseconds)
            }
            let before = clock.now()
            guard set(&s, edge.bits, mask: edge.mask) else { return false }
            s.timing.late(by: before - planned)
            s.lanes[c].delay = max(s.lanes[c].delay, before - planned)
            s.lanes[c].open = (before, length, edge.bits)
            return true
        case .off:
            guard set(&s, edge.bits, mask: edge.mask) else { return false }
            let after = clock.now()
            s.timing.late(by: after - planned - s.lanes[c].delay)
            if edge.last { s.lanes[c].delay = 0 }
            guard let open = s.lanes[c].open else { return true }
            s.lanes[c].open = nil
            s.lanes[c].lastOff = (after, open.leg)
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
