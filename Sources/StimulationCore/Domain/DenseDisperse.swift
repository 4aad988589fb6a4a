/// Electroacupuncture's alternation between a low ("disperse") and a high ("dense")
/// frequency, switching every `switchEvery`. The programme starts with the disperse frequency.
public struct DenseDisperse: Hashable, Sendable {
    public var disperse: Frequency
    public var dense: Frequency
    public var switchEvery: TimeSpan

    public init(disperse: Frequency, dense: Frequency, switchEvery: TimeSpan) {
        self.disperse = disperse
        self.dense = dense
        self.switchEvery = switchEvery
    }

    /// The frequency in force at programme time `t`.
    public func frequency(at t: TimeSpan) -> Frequency {
        (t.nanoseconds / switchEvery.nanoseconds) % 2 == 0 ? disperse : dense
    }
}
