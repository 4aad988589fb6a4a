/// EMS-style on/off cycling. The on time includes both ramps, so `on ≥ rampUp + rampDown`.
public struct DutyCycle: Hashable, Sendable {
    public var on: TimeSpan
    public var off: TimeSpan
    public var rampUp: TimeSpan
    public var rampDown: TimeSpan

    public init(on: TimeSpan, off: TimeSpan, rampUp: TimeSpan, rampDown: TimeSpan) {
        self.on = on
        self.off = off
        self.rampUp = rampUp
        self.rampDown = rampDown
    }

    public var cycle: TimeSpan { on + off }
    /// The fraction of time output is on, used for the average-power figure.
    public var onFraction: Double { on.seconds / cycle.seconds }
}
