import StimulationCore
import StimulationEngine
import Synchronization

/// The console's sink: the events an operator should read in words although no alarm stands — a command refused,
/// an output gap on a busy machine, an amplitude held at a ceiling, something about the host. The latest is shown
/// on the alarm line for a few seconds.
final class ConsoleEvents: SessionSink {
    let name = "the console"
    let mayBeAbandoned = true
    /// The screen reads the latest snapshot from the host directly; this sink only words events.
    let takesSnapshots = false
    static let showMilliseconds: Int64 = 5_000
    private let latest = Mutex<String?>(nil)

    func receive(_ outputs: [SessionOutput], lost: Int) {
        for case .event(let event) in outputs {
            guard let words = Self.words(event.kind) else { continue }
            latest.withLock { $0 = words }
        }
    }

    func close() {}

    /// The newest notice since the last call, if any.
    func take() -> String? { latest.withLock { value in defer { value = nil }; return value } }

    static func words(_ kind: SessionEvent.Kind) -> String? {
        switch kind {
        case .commandRefused(let reason): "Not done: \(reason)"
        case .outputGap(let length, let softStart):
            "Output paused \(length.nanoseconds / 1_000_000) ms while the computer was busy"
                + (softStart ? "; it came back ramping up from zero" : "; it went on at the same amplitude")
        case .amplitudeClamped(let channel, _, let limit, AmplitudeCeiling.prescribed):
            "Channel \(channel) is at \(limit): \(HomeView.highestWords)"
        case .amplitudeClamped(let channel, let requested, let limit, let source):
            "Channel \(channel): \(requested) asked, held at \(limit) (\(source))"
        case .hostNotice(let message): message
        default: nil
        }
    }
}
