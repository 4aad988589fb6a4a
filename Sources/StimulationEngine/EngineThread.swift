import Foundation
import Glibc
import StimulationCore
import Synchronization
import Transports

/// Runs an engine on a thread of its own, waking only when the engine has something to do
/// (`Engine.nextWake`) or a command arrives; a command is followed by a tick at once, so a
/// start or a new amplitude reaches the transport without waiting for the next wake.
///
/// Front ends talk to it only through a bounded command queue, a bounded event queue and
/// the latest snapshot: none of them can block the engine, and the engine blocks on nothing
/// but its own sleep until the next tick.
public final class EngineThread: Sendable {
    private let engine: Mutex<Engine>
    private let clock: MonotonicClock
    private let commands = BoundedQueue<Command>(capacity: 64)
    private let events = BoundedQueue<SessionEvent>(capacity: 1 << 16)
    private let latest: Mutex<EngineSnapshot?> = Mutex(nil)
    /// Signalled by every command, so the thread wakes at once instead of at its next tick:
    /// an emergency stop must not wait out a tick.
    private let wake = DispatchSemaphore(value: 0)
    private let stopRequested = Atomic<Bool>(false)
    private let emergencyStop: EmergencyStopLine?
    private let finished = Atomic<Bool>(false)

    /// How often a snapshot is published when no command has arrived.
    public static let snapshotInterval = TimeSpan.milliseconds(20)

    public init(engine: sending Engine, clock: MonotonicClock) {
        emergencyStop = engine.transport.emergencyStop
        self.engine = Mutex(engine)
        self.clock = clock
    }

    /// Connects the transport and starts ticking.
    public func start() {
        let thread = Thread { [self] in run() }
        thread.name = "galvani-engine"
        thread.qualityOfService = .userInteractive
        thread.start()
    }

    /// Queues a command for the next tick; false when the queue is full (the command is not taken).
    /// STOP-ALL first pulls the transport's emergency line on the caller's thread: the device stops at once,
    /// even if the engine thread is asleep, descheduled or stuck, and the engine then records it as usual.
    @discardableResult
    public func send(_ command: Command) -> Bool {
        if command == .stopAll { emergencyStop?.pull() }
        let accepted = commands.push(command)
        wake.signal()
        return accepted
    }

    /// The most recent snapshot, nil before the first tick.
    public var snapshot: EngineSnapshot? { latest.withLock { $0 } }

    /// Events since the last call, and how many were lost to a consumer that fell behind.
    public func takeEvents() -> (events: [SessionEvent], dropped: Int) {
        let drained = events.drain()
        return (drained.items, drained.dropped)
    }

    /// Asks the thread to stop output, close the transport and exit; returns once it has.
    public func shutDown() {
        stopRequested.store(true, ordering: .releasing)
        wake.signal()
        while !finished.load(ordering: .acquiring) { usleep(1_000) }
    }

    private func run() {
        engine.withLock { engine in
            for refusal in [RealtimeScheduling.raiseCurrentThread(), RealtimeScheduling.lockMemory()].compactMap({ $0 }) {
                engine.record(.hostNotice(refusal))
            }
            var deadline = clock.now()
            engine.connect(at: deadline)
            var published: TimeSpan?
            while !stopRequested.load(ordering: .acquiring) {
                let now = clock.now()
                let pending = commands.drain().items
                for command in pending { engine.handle(command, at: now) }
                if now >= deadline || !pending.isEmpty {
                    engine.tick(at: now)
                    deadline = engine.nextWake(after: now)
                }
                for event in engine.drainEvents() { events.push(event) }
                // Readers draw at most a few dozen frames a second: a snapshot every few ticks is plenty,
                // and one at once after a command shows its effect without delay.
                if !pending.isEmpty || published.map({ now - $0 >= Self.snapshotInterval }) ?? true {
                    let snapshot = engine.snapshot
                    latest.withLock { $0 = snapshot }
                    published = now
                }
                _ = wake.wait(timeout: .now() + .nanoseconds(Int(clock.realDelay(until: deadline))))
            }
            let now = clock.now()
            for command in commands.drain().items { engine.handle(command, at: now) }
            engine.shutDown(at: now)
            for event in engine.drainEvents() { events.push(event) }
            let snapshot = engine.snapshot
            latest.withLock { $0 = snapshot }
        }
        finished.store(true, ordering: .releasing)
    }

}
