import StimulationCore

/// Where the output thread sets lines: a kernel line request, or a recorder in tests.
protocol LineOutput: Sendable {
    func set(_ bits: UInt64, mask: UInt64) throws(GPIOError)
}

extension GPIOLineRequest: LineOutput {}

/// The output thread's clock: CLOCK_MONOTONIC, or a scripted one in tests that makes an edge late on purpose.
protocol EdgeClock: Sendable {
    func now() -> Int64
    /// Returns at `deadline` or later; used for waits of microseconds (a dead time), so it spins.
    func wait(until deadline: Int64)
}

struct MonotonicEdgeClock: EdgeClock {
    func now() -> Int64 { MonotonicTime.nanoseconds() }
    func wait(until deadline: Int64) { while MonotonicTime.nanoseconds() < deadline {} }
}
