import Glibc
import StimulationCore

/// Session time in real time: CLOCK_MONOTONIC from when the clock was made, optionally sped up for demos and headless runs.
public final class MonotonicClock: Sendable {
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
