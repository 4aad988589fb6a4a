import StimulationEngine
import Synchronization

/// Prints a session as JSON lines on standard output, in the order it happened.
final class HeadlessSink: SessionSink {
    let name = "the JSON output"
    /// A standard output nobody reads must not keep the process, and with it the records, from finishing.
    let mayBeAbandoned = true
    private let out = Mutex(StandardOutput())

    func receive(_ outputs: [SessionOutput], lost: Int) {
        out.withLock { out in
            if lost > 0 {
                out.line(SessionJSON.line(["type": "note", "message": "\(lost) outputs could not be printed: standard output fell behind"]))
            }
            for output in outputs {
                switch output {
                case .event(let event): out.line(SessionJSON.line(SessionJSON.event(event)))
                case .snapshot(let snapshot): out.line(SessionJSON.line(SessionJSON.snapshot(snapshot)))
                case .note(let text, let time): out.line(SessionJSON.line(SessionJSON.note(text, at: time)))
                case .ended(let summary, let time): out.line(SessionJSON.line(SessionJSON.summary(summary, at: time)))
                }
            }
            out.flush()
        }
    }

    func close() { out.withLock { $0.flush() } }
}
