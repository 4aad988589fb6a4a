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
        origin = Self.monotonicNanoseconds()
        self.speed = speed
    }

    public func now() -> TimeSpan { TimeSpan(nanoseconds: (Self.monotonicNanoseconds() - origin) * speed) }

    /// Real nanoseconds until session time `t`, for sleeping.
    public func realDelay(until t: TimeSpan) -> Int64 {
        max(0, (t.nanoseconds - now().nanoseconds) / speed)
    }

    static func monotonicNanoseconds() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
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
