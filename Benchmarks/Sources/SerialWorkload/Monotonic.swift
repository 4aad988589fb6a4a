import Glibc

/// CLOCK_MONOTONIC in nanoseconds: the clock the serial reader, the emulator and the engine all use,
/// so timestamps taken on different threads can be subtracted.
public func monotonicNanoseconds() -> Int64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
}
