/// Pulses grouped into bursts: `rate` bursts a second, each `length` long.
/// Burst TENS uses 1–5 bursts/s of ~100 ms; Russian current 50 bursts/s of 10 ms.
public struct Burst: Hashable, Sendable {
    public var rate: Frequency
    public var length: TimeSpan

    public init(rate: Frequency, length: TimeSpan) {
        self.rate = rate
        self.length = length
    }
}
