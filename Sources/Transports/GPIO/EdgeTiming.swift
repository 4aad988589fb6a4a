/// How late edges came and how long phases ran over, in microseconds, for the benchmark and the session's end.
public struct EdgeTiming: Sendable, Equatable {
    /// Counts per whole microsecond, the last bucket holding everything from `buckets - 1` µs on.
    public private(set) var lateness: [Int]
    public private(set) var stretch: [Int]
    /// Pulses not begun because their start was already later than the tolerance.
    public internal(set) var skippedPulses = 0
    public static let buckets = 50_001

    public init() {
        lateness = Array(repeating: 0, count: Self.buckets)
        stretch = Array(repeating: 0, count: Self.buckets)
    }

    mutating func late(by nanoseconds: Int64) { lateness[Self.bucket(nanoseconds)] += 1 }
    mutating func stretched(by nanoseconds: Int64) { stretch[Self.bucket(nanoseconds)] += 1 }

    private static func bucket(_ nanoseconds: Int64) -> Int { Int(min(max(nanoseconds, 0) / 1_000, Int64(buckets - 1))) }

    /// The smallest µs value at or below which `fraction` of the counts fall; nil with no counts.
    public static func percentile(_ counts: [Int], _ fraction: Double) -> Int? {
        let total = counts.reduce(0, +)
        guard total > 0 else { return nil }
        let wanted = Int((Double(total) * fraction).rounded(.up))
        var seen = 0
        for (micros, count) in counts.enumerated() {
            seen += count
            if seen >= max(wanted, 1) { return micros }
        }
        return counts.count - 1
    }

    public static func maximum(_ counts: [Int]) -> Int? { counts.lastIndex { $0 > 0 } }
}
