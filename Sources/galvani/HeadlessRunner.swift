import Glibc
import StimulationCore
import StimulationEngine
import Transports

/// A whole session without a terminal: on the wall clock (times a speed factor), or, at `--speed max`,
/// on a clock that advances one engine tick at a time as fast as the machine can go.
struct HeadlessRunner {
    enum Outcome {
        case finished, stopped, aborted
    }

    var therapyProtocol: TherapyProtocol
    var transport: any Transport
    var speed: RunSpeed
    var amplitudes: [(Int, Current)]
    var autoAcknowledge: TimeSpan?

    static let snapshotInterval = TimeSpan.milliseconds(100)

    func run() -> Outcome {
        let engine = Engine(therapyProtocol: therapyProtocol, transport: transport)
        var out = StandardOutput()
        var now = TimeSpan.zero
        var acknowledgeAt: TimeSpan?
        func emit() {
            for event in engine.drainEvents() {
                out.line(HeadlessJSON.line(HeadlessJSON.event(event)))
                if case .alarmRaised = event.kind, let delay = autoAcknowledge, acknowledgeAt == nil {
                    acknowledgeAt = event.time + delay
                }
            }
        }
        func stop(_ why: String) {
            out.line(HeadlessJSON.line(HeadlessJSON.note(why, at: now)))
            engine.handle(.stop, at: now)
            emit()
        }
        InterruptSignals.install()
        if case .factor = speed {
            for refusal in [RealtimeScheduling.raiseCurrentThread(), RealtimeScheduling.lockMemory()].compactMap({ $0 }) {
                out.line(HeadlessJSON.line(HeadlessJSON.note(refusal, at: now)))
            }
        }
        // Session time follows the wall clock from here, so a real device's clock, read during
        // the handshake, stays in step with it.
        let wallStart = MonotonicTime.nanoseconds()
        engine.connect(at: now)
        engine.handle(.beginScreening, at: now)
        engine.handle(.recordScreening(answers: Contraindication.noneApply,
                                       overrideReason: nil), at: now)
        for (channel, amplitude) in amplitudes { engine.handle(.setAmplitude(channel: channel, amplitude), at: now) }
        engine.handle(.start, at: now)
        emit()
        out.line(HeadlessJSON.line(HeadlessJSON.snapshot(engine.snapshot)))
        var nextSnapshot = Self.snapshotInterval
        while !engine.currentState.isOver {
            if case .factor(let factor) = speed {
                // Session time is the wall clock's: a run held up (a busy machine, a stopped process)
                // shows the engine the gap, as the engine thread would, instead of hiding it.
                out.flush()
                Self.sleep(until: wallStart + (now + EngineTiming.tick).nanoseconds / factor)
                now = TimeSpan(nanoseconds: (MonotonicTime.nanoseconds() - wallStart) * factor)
            } else {
                now += EngineTiming.tick
            }
            engine.tick(at: now)
            emit()
            if let signal = InterruptSignals.requested {
                stop("interrupted by signal \(signal); output stopped")
                break
            }
            if let due = acknowledgeAt, now >= due {
                acknowledgeAt = nil
                engine.handle(.acknowledge, at: now)
                emit()
            }
            if engine.currentState == .paused, acknowledgeAt == nil {
                let alarms = engine.snapshot.alarms
                // Waiting makes sense only for an acknowledged alarm whose condition may still go (a pad put back).
                if autoAcknowledge == nil, !alarms.isEmpty {
                    stop("paused with an alarm and no operator to acknowledge it (see --auto-acknowledge); stopping")
                } else if alarms.isEmpty {
                    stop("paused with nothing left to wait for and no operator to resume; stopping")
                }
            }
            while nextSnapshot <= now {
                out.line(HeadlessJSON.line(HeadlessJSON.snapshot(engine.snapshot)))
                nextSnapshot += Self.snapshotInterval
            }
        }
        if nextSnapshot - Self.snapshotInterval != now {
            out.line(HeadlessJSON.line(HeadlessJSON.snapshot(engine.snapshot)))
        }
        out.line(HeadlessJSON.line(HeadlessJSON.summary(engine.summary, at: now)))
        out.flush()
        // A device on a line is told goodbye rather than left to its watchdog.
        engine.shutDown(at: now)
        switch engine.currentState {
        case .finished: return .finished
        case .aborted: return .aborted
        default: return .stopped
        }
    }

    static func sleep(until target: Int64) {
        var ts = timespec(tv_sec: Int(target / 1_000_000_000), tv_nsec: Int(target % 1_000_000_000))
        while clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, nil) == EINTR {}
    }
}
