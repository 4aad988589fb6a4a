import Foundation
import Glibc
import StimulationCore
import Synchronization
import Transports

/// The one driver of a session, from the handshake to the last event: the console, the headless runner and
/// the tests all run sessions through it. It ticks the engine on a clock — a real-time thread, or steps the
/// caller takes — and hands every event to its sinks through their own queues, so no sink can hold up output.
public final class SessionHost: Sendable {
    public enum Pacing: Sendable {
        /// Session time is the monotonic clock's, times a factor; the engine runs on a thread of its own.
        case realTime(speed: Int64)
        /// Session time moves only when the caller calls `advance(by:)`, on the caller's thread.
        case stepped
    }

    public enum Phase: Int, Sendable {
        /// The transport's handshake is under way (a serial device can take a second).
        case connecting
        /// The engine is ticking: the session is anywhere from idle to its end.
        case live
        /// The host has shut the session down; nothing more will happen.
        case closed
    }

    /// How often sinks get a snapshot, in session time.
    public static let snapshotInterval = TimeSpan.milliseconds(100)
    /// How often the front end's latest snapshot is refreshed when nothing else happens.
    static let publishInterval = TimeSpan.milliseconds(20)

    private enum Message: Sendable {
        case command(Command)
        case note(String)
    }

    private struct Driver: ~Copyable {
        var engine: Engine
        var sessionOperator: (any SessionOperator)?
        var nextSnapshot = TimeSpan.zero
        var lastSnapshotPosted: TimeSpan?
        var published: TimeSpan?
        var troubles: [String: String] = [:]
        /// Whether the last pass applied a command: the engine then plans its next wake afresh.
        var commanded = false
        var lastEvents: [SessionEvent] = []
        var overSignalled = false
        /// The session's last outputs, handed to each sink when it closes: they cannot be refused by a full queue.
        var finals: [SessionOutput] = []
        /// Every event, kept for the caller as well, when asked for (tests on the stepped clock): nil otherwise.
        var retained: [SessionEvent]?
    }

    private let driver: Mutex<Driver>
    private let pacing: Pacing
    private let realClock: MonotonicClock?
    private let manualClock: ManualClock?
    private let pumps: [SinkPump]
    /// Whether any sink reads snapshots: none is made for sinks that only read events.
    private let snapshotsWanted: Bool
    private let messages = BoundedQueue<Message>(capacity: 64)
    private let troubleReports = BoundedQueue<(sink: String, problem: String?)>(capacity: 64)
    private let latest: Mutex<EngineSnapshot?> = Mutex(nil)
    private let wake = DispatchSemaphore(value: 0)
    private let over = DispatchSemaphore(value: 0)
    private let phaseValue = Atomic<Int>(Phase.connecting.rawValue)
    private let stopRequested = Atomic<Bool>(false)
    private let threadFinished = DispatchSemaphore(value: 0)
    private let emergencyStop: EmergencyStopLine?
    private let started = Atomic<Bool>(false)
    private let shuttingDown = Mutex(())

    public convenience init(engine: sending Engine, pacing: Pacing, sinks: [any SessionSink] = [],
                            sessionOperator: (any SessionOperator)? = nil) {
        self.init(engine: engine, pacing: pacing, sinks: sinks, sessionOperator: sessionOperator, sinkCapacity: SinkPump.capacity,
                  abandonAfter: SinkPump.abandonAfter)
    }

    init(engine: sending Engine, pacing: Pacing, sinks: [any SessionSink], sessionOperator: (any SessionOperator)?,
         sinkCapacity: Int, abandonAfter: Double = SinkPump.abandonAfter, retainingEvents: Bool = false) {
        emergencyStop = engine.transport.emergencyStop
        self.pacing = pacing
        switch pacing {
        case .realTime(let speed):
            realClock = MonotonicClock(speed: speed)
            manualClock = nil
        case .stepped:
            realClock = nil
            manualClock = ManualClock()
        }
        driver = Mutex(Driver(engine: engine, sessionOperator: sessionOperator, retained: retainingEvents ? [] : nil))
        let reports = troubleReports
        let wake = wake
        pumps = sinks.map { sink in
            let name = sink.name
            return SinkPump(sink, capacity: sinkCapacity, abandonAfter: abandonAfter) { problem in
                reports.push((name, problem))
                wake.signal()
            }
        }
        snapshotsWanted = sinks.contains { $0.takesSnapshots }
    }

    public var phase: Phase { Phase(rawValue: phaseValue.load(ordering: .acquiring))! }

    /// Whether `shutDown` has been asked for (it may still be waiting for a handshake to end).
    var isClosing: Bool { stopRequested.load(ordering: .acquiring) }

    /// Session time now.
    public var now: TimeSpan { realClock?.now() ?? manualClock!.now() }

    /// Connects the transport and starts the session's clock. In real time this returns at once: the handshake
    /// runs on a thread of its own and the engine thread starts when it is done. Stepped, it returns connected.
    public func start() {
        guard !stopRequested.load(ordering: .acquiring), !started.exchange(true, ordering: .acquiringAndReleasing) else { return }
        switch pacing {
        case .stepped:
            connect()
        case .realTime:
            let connector = Thread { [self] in
                // The handshake times the device's clock: a busy machine must not stretch its round trip. A refusal
                // is said once, by the engine thread.
                _ = RealtimeScheduling.raiseCurrentThread()
                connect()
                let engineThread = Thread { [self] in runRealTime() }
                engineThread.name = "galvani-engine"
                engineThread.qualityOfService = .userInteractive
                engineThread.start()
            }
            connector.name = "galvani-connect"
            connector.start()
        }
    }

    /// Queues a command. STOP-ALL first pulls the transport's emergency line on the caller's thread: the device
    /// stops at once, even while the engine thread sleeps, is descheduled or stuck, and the engine then records it.
    /// Stepped, the command is applied before this returns. False when the queue is full (the command is not taken).
    @discardableResult
    public func send(_ command: Command) -> Bool {
        if command == .stopAll { emergencyStop?.pull() }
        return enqueue(.command(command))
    }

    /// The bedside sequence once the device is there, in one place for every front end: screening begun and answered,
    /// the targets set in the order given, and the start when asked for (the console starts on the operator's key).
    /// Queued before `start`, it is applied as soon as the handshake is done, unless the session was shut down
    /// meanwhile: then only what cannot raise output is applied.
    public func begin(screening answers: [Contraindication: Bool], overrideReason: String? = nil,
                      amplitudes: [(channel: Int, target: Current)] = [], start: Bool) {
        send(.beginScreening)
        send(.recordScreening(answers: answers, overrideReason: overrideReason))
        for (channel, target) in amplitudes { send(.setAmplitude(channel: channel, target)) }
        if start { send(.start) }
    }

    /// Records a note in every sink, in order with the session's events.
    public func note(_ text: String) { enqueue(.note(text)) }

    @discardableResult
    private func enqueue(_ message: Message) -> Bool {
        let accepted = messages.push(message)
        if case .stepped = pacing, phase == .live {
            driver.withLock { pass(&$0, at: manualClock!.now(), tick: false) }
        } else {
            wake.signal()
        }
        return accepted
    }

    /// Stepped sessions only: moves session time on and ticks the engine.
    public func advance(by span: TimeSpan) {
        guard let manualClock, phase == .live else { return }
        manualClock.advance(by: span)
        driver.withLock { pass(&$0, at: manualClock.now(), tick: true) }
    }

    /// The events since the last call, when the host was made `retainingEvents`: read on the caller's thread, with no
    /// sink's thread between, so a stepped test sees each event the moment the step that caused it returns.
    /// Stepped sessions only, as `inspect`.
    func takeRetainedEvents() -> [SessionEvent] {
        driver.withLock { driver in
            defer { if driver.retained != nil { driver.retained = [] } }
            return driver.retained ?? []
        }
    }

    /// A look inside the engine, under the session's lock, so never in the middle of a pass. Stepped sessions only: the
    /// real-time engine thread holds that lock for the whole session.
    func inspect<Result: Sendable>(_ body: (Engine) -> Result) -> Result {
        driver.withLock { body($0.engine) }
    }

    /// The latest snapshot: nil while connecting.
    public var snapshot: EngineSnapshot? {
        if case .stepped = pacing, phase == .live { return driver.withLock { $0.engine.snapshot } }
        return latest.withLock { $0 }
    }

    /// Where the session is: nil while connecting.
    public var state: SessionState? {
        if case .stepped = pacing, phase == .live { return driver.withLock { $0.engine.currentState } }
        return latest.withLock { $0?.state }
    }

    /// Whether the session has reached its end (finished, stopped or aborted).
    public var isOver: Bool { state?.isOver ?? false }

    /// Waits until the session is over, for at most `seconds`; true when it is.
    public func waitUntilOver(seconds: Double) -> Bool {
        if isOver { return true }
        let result = over.wait(timeout: .now() + seconds)
        if result == .success { over.signal() }
        return result == .success || isOver
    }

    /// Stops output, says goodbye to the device, hands the summary to every sink and waits until each has
    /// taken everything. Safe to call more than once, and before `start`.
    /// A second caller (a signal's thread beside the main one) waits for the first to finish, then returns.
    public func shutDown() {
        shuttingDown.withLock { _ in
            guard phaseValue.load(ordering: .acquiring) != Phase.closed.rawValue else { return }
            // Set before `started` is read, so a `start` that comes after it starts nothing.
            stopRequested.store(true, ordering: .releasing)
            if case .realTime = pacing, started.load(ordering: .acquiring) {
                wake.signal()
                threadFinished.wait()
            } else {
                driver.withLock { finish(&$0, at: now) }
            }
            // Every sink is told to finish at once, so one stuck on its output (a pipe nobody reads) holds up no other.
            let finals = driver.withLock { $0.finals }
            for pump in pumps { pump.beginClosing(with: finals) }
            for pump in pumps { pump.waitUntilClosed() }
            phaseValue.store(Phase.closed.rawValue, ordering: .releasing)
        }
    }

    private func connect() {
        driver.withLock { driver in
            let time = now
            if case .realTime = pacing {
                for refusal in [RealtimeScheduling.lockMemory()].compactMap({ $0 }) {
                    driver.engine.record(.hostNotice(refusal))
                }
            }
            driver.engine.connect(at: time)
            phaseValue.store(Phase.live.rawValue, ordering: .releasing)
            pass(&driver, at: time, tick: true)
        }
    }

    private func runRealTime() {
        if let refusal = RealtimeScheduling.raiseCurrentThread() {
            driver.withLock { $0.engine.record(.hostNotice(refusal)) }
        }
        let clock = realClock!
        driver.withLock { driver in
            var deadline = clock.now()
            while !stopRequested.load(ordering: .acquiring) {
                let now = clock.now()
                let due = now >= deadline
                pass(&driver, at: now, tick: due)
                if due || driver.commanded { deadline = driver.engine.nextWake(after: now) }
                _ = wake.wait(timeout: .now() + .nanoseconds(Int(clock.realDelay(until: deadline))))
            }
            finish(&driver, at: clock.now())
        }
        threadFinished.signal()
    }

    /// One pass: commands and notes in order, a tick when due (a command is followed by a tick at once, so a start
    /// or a new amplitude reaches the transport without waiting), then events and snapshots out.
    /// Once a shutdown is asked for, a pass is a closing one: a start or a stronger current would only make output
    /// that the shutdown stops a moment later (on a real device, pulses the operator did not want), so none is
    /// applied, nothing is ticked and no stand-in operator is asked.
    private func pass(_ driver: inout Driver, at time: TimeSpan, tick: Bool, closing asked: Bool = false) {
        // Asked while the handshake ran (the first pass), or between passes: a start queued before it never runs.
        let closing = asked || stopRequested.load(ordering: .acquiring)
        let pending = messages.drain().items
        driver.commanded = false
        for message in pending {
            switch message {
            case .command(let command) where closing && command.raisesOutput:
                driver.engine.record(.commandRefused("\(command) not applied: the session was closing"))
            case .command(let command):
                driver.engine.handle(command, at: time)
                driver.commanded = true
            case .note(let text):
                post(.note(text, at: time))
            }
        }
        for report in troubleReports.drain().items where driver.troubles[report.sink] != report.problem {
            driver.troubles[report.sink] = report.problem
            driver.engine.handle(.sinkTrouble(sink: report.sink, problem: report.problem), at: time)
        }
        if !closing, tick || driver.commanded { driver.engine.tick(at: time) }
        deliver(&driver, at: time)
        if !closing, var sessionOperator = driver.sessionOperator {
            let decision = sessionOperator.decide(after: driver.lastEvents, state: driver.engine.currentState,
                                                  alarms: driver.engine.alarms, at: time)
            driver.sessionOperator = sessionOperator
            if let note = decision.note { post(.note(note, at: time)) }
            if !decision.commands.isEmpty {
                for command in decision.commands { driver.engine.handle(command, at: time) }
                driver.engine.tick(at: time)
                driver.commanded = true
                deliver(&driver, at: time)
            }
        }
        while driver.nextSnapshot <= time {
            if snapshotsWanted { post(.snapshot(driver.engine.snapshot)) }
            driver.lastSnapshotPosted = driver.engine.now
            driver.nextSnapshot += Self.snapshotInterval
        }
        if case .realTime = pacing, driver.commanded || driver.published.map({ time - $0 >= Self.publishInterval }) ?? true {
            let snapshot = driver.engine.snapshot
            latest.withLock { $0 = snapshot }
            driver.published = time
        }
        if !driver.overSignalled, driver.engine.currentState.isOver {
            driver.overSignalled = true
            if case .realTime = pacing {
                let snapshot = driver.engine.snapshot
                latest.withLock { $0 = snapshot }
            }
            over.signal()
        }
    }

    private func deliver(_ driver: inout Driver, at time: TimeSpan) {
        let events = driver.engine.drainEvents()
        driver.lastEvents = events
        driver.retained?.append(contentsOf: events)
        for event in events { post(.event(event)) }
    }

    private func finish(_ driver: inout Driver, at time: TimeSpan) {
        if phase == .live {
            pass(&driver, at: time, tick: false, closing: true)
            driver.engine.shutDown(at: time)
            let last = driver.engine.drainEvents()
            driver.retained?.append(contentsOf: last)
            driver.finals = last.map { .event($0) }
            if driver.lastSnapshotPosted != driver.engine.now { driver.finals.append(.snapshot(driver.engine.snapshot)) }
            driver.finals.append(.ended(driver.engine.summary, at: driver.engine.now))
        }
        let snapshot = driver.engine.snapshot
        latest.withLock { $0 = snapshot }
    }

    private func post(_ output: SessionOutput) {
        let urgent = !output.isSnapshot
        for pump in pumps where (urgent || pump.sink.takesSnapshots) && !pump.post(output, urgent: urgent) {
            // Counted by the pump and handed to its sink as lost; the operator hears of it once per sink.
            let name = pump.sink.name
            troubleReports.push((name, "\(name) cannot keep up: events are being lost"))
        }
    }
}
