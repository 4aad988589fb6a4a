import Dispatch
import Foundation
import StimulationCore
import Synchronization
import Testing
import Transports
@testable import StimulationEngine

/// The one driver of a session: real time on its own threads, or stepped; every event reaches every sink in order.
@Suite struct SessionHostTests {
    /// Polls with a generous deadline that only catches a hang; it never waits a fixed time.
    func eventually(_ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if condition() { return true }
            usleep(2_000)
        }
        return false
    }

    @Test func commandsGoInAndSnapshotsComeOutInRealTime() throws {
        let collector = EventCollector(), eventsOnly = EventCollector(takesSnapshots: false)
        let engine = Engine(therapyProtocol: try EngineHarness.bundled("tens-conventional"), transport: RecordingTransport())
        let host = SessionHost(engine: engine, pacing: .realTime(speed: 1), sinks: [collector, eventsOnly])
        host.start()
        #expect(eventually { host.snapshot.map { $0.linkUp && $0.state == .idle } ?? false })
        host.begin(screening: EngineHarness.clearScreening, start: true)
        #expect(eventually { host.snapshot.map { $0.state == .running && $0.channels[0].commanded > .zero } ?? false })
        host.send(.stopAll)
        #expect(eventually {
            host.snapshot.map { $0.emergencyLatched && $0.state == .paused && $0.channels.allSatisfy { $0.commanded == .zero } } ?? false
        })
        // A sink of events alone sleeps until one comes (it does not poll) and still hears it while the session runs.
        #expect(eventually { eventsOnly.events.contains { $0.kind == .emergencyStop } })
        host.shutDown()
        #expect(eventsOnly.events == collector.events)
        #expect(!eventsOnly.outputs.contains { if case .snapshot = $0 { true } else { false } }, "no snapshots for it")
        #expect(collector.closed)
        #expect(collector.events.contains { $0.kind == .emergencyStop })
        guard case .ended(let summary, _) = collector.outputs.last else {
            Issue.record("the last output is not the summary")
            return
        }
        #expect(summary.state == .stopped)
    }

    @Test func aSteppedSessionHandsEveryEventToEverySinkInOrder() throws {
        let therapyProtocol = try EngineHarness.bundled("tens-conventional")
        let first = EventCollector(), second = EventCollector()
        let host = SessionHost(engine: Engine(therapyProtocol: therapyProtocol, transport: RecordingTransport()),
                               pacing: .stepped, sinks: [first, second])
        // The same session read on the stepping thread, with no sink's queue between, for comparison.
        var reference = EngineHarness(therapyProtocol)
        host.begin(screening: EngineHarness.clearScreening, start: true)
        host.start()
        reference.startSession()
        for _ in 0..<400 { host.advance(by: EngineTiming.tick) }
        reference.run(for: .seconds(2))
        host.send(.stop)
        reference.send(.stop)
        host.shutDown()
        reference.shutDown()
        #expect(first.events == reference.events)
        #expect(second.events == first.events)
        // A snapshot every 100 ms of session time: 0 to 2 s.
        let snapshots = first.outputs.compactMap { if case .snapshot(let s) = $0 { s.time } else { nil } }
        #expect(snapshots == (0...20).map { TimeSpan.milliseconds(Int64($0) * 100) })
    }

    @Test func theHandshakeRunsOffTheCallersThreadAndStopWaitsForIt() throws {
        let transport = RecordingTransport()
        let gate = DispatchSemaphore(value: 0)
        transport.openGate = gate
        let host = SessionHost(engine: Engine(therapyProtocol: try EngineHarness.bundled("tens-conventional"), transport: transport),
                               pacing: .realTime(speed: 1))
        host.start()
        #expect(host.phase == .connecting)
        #expect(host.snapshot == nil)
        #expect(host.send(.stopAll))
        gate.signal()
        #expect(eventually { host.snapshot?.emergencyLatched == true })
        host.shutDown()
        #expect(host.phase == .closed)
    }

    @Test func leavingWhileTheDeviceConnectsStartsNothing() throws {
        let transport = RecordingTransport()
        let gate = DispatchSemaphore(value: 0)
        transport.openGate = gate
        let collector = EventCollector()
        let host = SessionHost(engine: Engine(therapyProtocol: try EngineHarness.bundled("tens-conventional"), transport: transport),
                               pacing: .realTime(speed: 1), sinks: [collector])
        // The demo queues its start before the handshake; the operator leaves before the device answers.
        host.begin(screening: EngineHarness.clearScreening, amplitudes: [(1, .milliamps(10))], start: true)
        host.start()
        // STOP pressed while connecting is kept: it is latched and recorded as the session closes.
        host.send(.stopAll)
        let closed = DispatchSemaphore(value: 0)
        Thread {
            host.shutDown()
            closed.signal()
        }.start()
        #expect(eventually { host.isClosing })
        gate.signal()
        #expect(closed.wait(timeout: .now() + 30) == .success)
        #expect(transport.submitted.isEmpty, "no pulse reached the device")
        #expect(transport.closed, "the device was told goodbye")
        #expect(!collector.events.contains { if case .stateChanged(_, .running, _) = $0.kind { true } else { false } })
        // The record still has the whole story: the device, the screening, the STOP, and what was not applied.
        let kinds = collector.events.map(\.kind)
        #expect(kinds.contains { if case .connected = $0 { true } else { false } })
        #expect(kinds.contains { if case .screeningRecorded = $0 { true } else { false } })
        #expect(kinds.contains(.emergencyStop))
        #expect(kinds.filter { if case .commandRefused(let why) = $0 { why.hasSuffix("not applied: the session was closing") } else { false } }
            .count == 2, "the amplitude and the start")
        guard case .ended = collector.outputs.last else {
            Issue.record("the sinks were not handed the session's end")
            return
        }
    }

    /// A sink that takes nothing until told: its queue fills while the session goes on.
    final class StuckSink: SessionSink {
        let name: String
        let mayBeAbandoned: Bool
        let release = DispatchSemaphore(value: 0)
        let lostCount = Mutex(0)
        let last = Mutex<SessionOutput?>(nil)
        init(name: String = "the stuck sink", mayBeAbandoned: Bool = false) {
            self.name = name
            self.mayBeAbandoned = mayBeAbandoned
        }
        func receive(_ outputs: [SessionOutput], lost: Int) {
            release.wait()
            release.signal()
            lostCount.withLock { $0 += lost }
            if let final = outputs.last { last.withLock { $0 = final } }
        }
        func close() {}
    }

    @Test func aSinkThatFallsBehindRaisesAnAlarmAndIsToldWhatItLost() throws {
        let stuck = StuckSink()
        let host = SessionHost(engine: Engine(therapyProtocol: try EngineHarness.bundled("tens-conventional"),
                                              transport: RecordingTransport()),
                               pacing: .stepped, sinks: [stuck], sessionOperator: nil, sinkCapacity: 8)
        host.begin(screening: EngineHarness.clearScreening, start: true)
        host.start()
        // Stepped on a thread of its own, so a session that waits for its sink fails here instead of hanging the suite.
        let stepped = DispatchSemaphore(value: 0)
        Thread {
            for _ in 0..<400 { host.advance(by: EngineTiming.tick) }
            stepped.signal()
        }.start()
        guard stepped.wait(timeout: .now() + 60) == .success else {
            Issue.record("the session waited for a sink that fell behind")
            stuck.release.signal()
            stepped.wait()
            host.shutDown()
            return
        }
        let snapshot = try #require(host.snapshot)
        #expect(snapshot.state == .running, "output does not depend on a sink")
        #expect(snapshot.alarms.contains { $0.cause == .sink("the stuck sink") && $0.message.contains("cannot keep up") })
        stuck.release.signal()
        host.shutDown()
        #expect(stuck.lostCount.withLock { $0 } > 0)
        // However far behind it fell, the sink gets the session's end: a full queue cannot refuse it.
        guard case .ended(let summary, _) = stuck.last.withLock({ $0 }) else {
            Issue.record("the sink never got the session's end")
            return
        }
        #expect(summary.state == .stopped)
    }

    @Test func aSinkStuckOnItsOutputDoesNotKeepTheRecordsFromTheEnd() throws {
        let screen = StuckSink(name: "a pipe nobody reads", mayBeAbandoned: true)
        let records = EventCollector()
        let host = SessionHost(engine: Engine(therapyProtocol: try EngineHarness.bundled("tens-conventional"),
                                              transport: RecordingTransport()),
                               pacing: .stepped, sinks: [screen, records])
        host.start()
        host.advance(by: EngineTiming.tick)
        let started = Date()
        host.shutDown()
        #expect(Date().timeIntervalSince(started) < 60, "shutDown waited for a sink that may be abandoned")
        #expect(records.closed)
        guard case .ended = records.outputs.last else {
            Issue.record("the records never got the session's end")
            return
        }
        screen.release.signal()
    }

    /// A reader on a busy machine is slow, not gone: as long as the sink keeps taking outputs it gets all of them,
    /// the end included, however long that takes in all.
    @Test func aSlowSinkThatKeepsTakingGetsTheWholeSessionToItsEnd() throws {
        final class SlowSink: SessionSink, @unchecked Sendable {
            let name = "a slow reader"
            var mayBeAbandoned: Bool { true }
            let outputs = Mutex<[SessionOutput]>([])
            func receive(_ batch: [SessionOutput], lost: Int) {
                usleep(100_000)
                outputs.withLock { $0 += batch }
            }
            func close() {}
        }
        let slow = SlowSink()
        let host = SessionHost(engine: Engine(therapyProtocol: try EngineHarness.bundled("tens-conventional"),
                                              transport: RecordingTransport()),
                               pacing: .stepped, sinks: [slow], sessionOperator: nil, sinkCapacity: 1 << 15, abandonAfter: 0.2)
        host.begin(screening: EngineHarness.clearScreening, start: true)
        host.start()
        // 30 s of session: about 300 snapshots and the events, taken 64 at a time, 100 ms each: far longer than 0.2 s in all.
        for _ in 0..<6_000 { host.advance(by: EngineTiming.tick) }
        host.shutDown()
        guard case .ended = slow.outputs.withLock({ $0.last }) else {
            Issue.record("a slow sink lost the session's end")
            return
        }
    }

    @Test func aFullCommandQueueRefusesInsteadOfBlocking() {
        let queue = BoundedQueue<Command>(capacity: 3)
        #expect(queue.push(.start))
        #expect(queue.push(.pause))
        #expect(queue.push(.resume))
        #expect(!queue.push(.stop))
        let drained = queue.drain()
        #expect(drained.items == [.start, .pause, .resume])
        #expect(drained.dropped == 1)
        #expect(queue.push(.stop))
    }
}
