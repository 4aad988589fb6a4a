import Foundation
import StimulationCore
import Testing
import Transports
@testable import StimulationEngine

/// The real-time thread: commands in through the bounded queue, snapshots out, never blocking either side.
@Suite struct EngineThreadTests {
    /// Polls with a generous deadline that only catches a hang; it never waits a fixed time.
    func eventually(_ thread: EngineThread, _ condition: (EngineSnapshot) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if let snapshot = thread.snapshot, condition(snapshot) { return true }
            usleep(2_000)
        }
        return false
    }

    @Test func commandsGoInAndSnapshotsComeOut() throws {
        let engine = Engine(therapyProtocol: try EngineHarness.bundled("tens-conventional"), transport: RecordingTransport())
        let thread = EngineThread(engine: engine, clock: MonotonicClock())
        thread.start()
        #expect(eventually(thread) { $0.linkUp && $0.state == .idle })
        thread.send(.beginScreening)
        thread.send(.recordScreening(answers: EngineHarness.clearScreening, overrideReason: nil))
        thread.send(.start)
        #expect(eventually(thread) { $0.state == .running && $0.channels[0].commanded > .zero })
        thread.send(.stopAll)
        #expect(eventually(thread) { $0.emergencyLatched && $0.state == .paused && $0.channels.allSatisfy { $0.commanded == .zero } })
        thread.shutDown()
        let events = thread.takeEvents().events
        #expect(events.contains { $0.kind == .emergencyStop })
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
