import StimulationEngine
import Synchronization

/// A sink that keeps everything a session hands it, for tests to read afterwards.
final class EventCollector: SessionSink {
    let name = "the test's collector"
    let takesSnapshots: Bool

    init(takesSnapshots: Bool = true) { self.takesSnapshots = takesSnapshots }
    private let kept = Mutex<[SessionOutput]>([])
    private let closedFlag = Mutex(false)

    func receive(_ outputs: [SessionOutput], lost: Int) {
        precondition(lost == 0, "a test sink lost \(lost) outputs")
        kept.withLock { $0.append(contentsOf: outputs) }
    }

    func close() { closedFlag.withLock { $0 = true } }

    var outputs: [SessionOutput] { kept.withLock { $0 } }
    var closed: Bool { closedFlag.withLock { $0 } }

    var events: [SessionEvent] {
        outputs.compactMap { if case .event(let event) = $0 { event } else { nil } }
    }
}
