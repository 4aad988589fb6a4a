import Glibc
import StimulationCore
import Synchronization

/// Session time: how long since the clock started. The engine reads nothing else,
/// so a manual clock runs a 20-minute session in milliseconds exactly as it would in real time.
public protocol SessionClock: Sendable {
    func now() -> TimeSpan
}

/// CLOCK_MONOTONIC from when the clock was made, optionally sped up for demos and headless runs.
public final class MonotonicClock: SessionClock {
    private let origin: Int64
    private let speed: Int64

    public init(speed: Int64 = 1) {
        precondition(speed >= 1)
        origin = MonotonicTime.nanoseconds()
        self.speed = speed
    }

    public func now() -> TimeSpan { TimeSpan(nanoseconds: (MonotonicTime.nanoseconds() - origin) * speed) }

    /// Real nanoseconds until session time `t`, for sleeping.
    public func realDelay(until t: TimeSpan) -> Int64 {
        max(0, (t.nanoseconds - now().nanoseconds) / speed)
    }
}

/// A clock that moves only when told: tests and `--speed max` runs.
public final class ManualClock: SessionClock {
    private let time: Mutex<TimeSpan>

    public init(_ start: TimeSpan = .zero) { time = Mutex(start) }

    public func now() -> TimeSpan { time.withLock { $0 } }

    public func advance(by span: TimeSpan) {
        time.withLock { $0 += span }
    }
}
