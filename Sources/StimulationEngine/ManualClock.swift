import StimulationCore
import Synchronization

/// A clock that moves only when told: tests and `--speed max` runs.
public final class ManualClock: Sendable {
    private let time: Mutex<TimeSpan>

    public init(_ start: TimeSpan = .zero) { time = Mutex(start) }

    public func now() -> TimeSpan { time.withLock { $0 } }

    public func advance(by span: TimeSpan) {
        time.withLock { $0 += span }
    }
}
