import StimulationEngine
import Synchronization

/// Keeps what a session hands its sinks, to compare with what the records kept.
final class Collector: SessionSink {
    let name = "the test's collector"
    private let kept = Mutex<[SessionOutput]>([])

    func receive(_ outputs: [SessionOutput], lost: Int) { kept.withLock { $0.append(contentsOf: outputs) } }
    func close() {}

    var outputs: [SessionOutput] { kept.withLock { $0 } }
    var events: [SessionEvent] { outputs.compactMap { if case .event(let e) = $0 { e } else { nil } } }
}
