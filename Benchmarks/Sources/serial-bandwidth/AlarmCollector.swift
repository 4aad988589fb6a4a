import StimulationEngine
import Synchronization

/// Keeps the messages of alarms a session raises, for a failed run to explain itself.
final class AlarmCollector: SessionSink {
    let name = "the benchmark's alarm list"
    private let messages = Mutex<[String]>([])

    func receive(_ outputs: [SessionOutput], lost: Int) {
        for case .event(let event) in outputs {
            if case .alarmRaised(let alarm) = event.kind { messages.withLock { $0.append(alarm.message) } }
        }
    }

    func close() {}

    func take() -> [String] {
        messages.withLock { kept in
            defer { kept.removeAll() }
            return kept
        }
    }
}
