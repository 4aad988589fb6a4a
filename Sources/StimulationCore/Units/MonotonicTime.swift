import Glibc

/// CLOCK_MONOTONIC in nanoseconds: the one clock every thread and process on the machine shares,
/// so times taken by the engine, a serial reader and a device emulator can be subtracted.
public enum MonotonicTime {
    public static func nanoseconds() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
    }
}
