/// Medium-frequency settings: the carrier, and for IFC the beat and (premodulated) its depth.
public struct Carrier: Hashable, Sendable {
    public var frequency: Frequency
    /// IFC beat: the second carrier runs `beat` above the first (4-pole), or the envelope
    /// of a single carrier is modulated at `beat` (premodulated). Nil for Russian current.
    public var beat: Frequency?
    /// Premodulated IFC: how deep the envelope dips, 0–100 %.
    public var depth: Ratio?

    public init(frequency: Frequency, beat: Frequency? = nil, depth: Ratio? = nil) {
        self.frequency = frequency
        self.beat = beat
        self.depth = depth
    }
}
