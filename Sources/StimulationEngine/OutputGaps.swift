import StimulationCore

/// Stretches in which output ran out because the host fell behind its own queue: what a record and an
/// operator need to judge whether a busy machine touched the treatment.
public struct OutputGaps: Hashable, Sendable {
    public var count = 0
    public var total = TimeSpan.zero
    public var longest = TimeSpan.zero
    /// Gaps long enough that output came back by a fresh soft start.
    public var restarts = 0

    public init() {}

    mutating func add(_ gap: TimeSpan, restarted: Bool) {
        count += 1
        total += gap
        longest = max(longest, gap)
        if restarted { restarts += 1 }
    }
}
