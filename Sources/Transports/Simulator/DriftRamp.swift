import StimulationCore

/// An impedance drift under way on one channel, applied in small steps.
///
/// Stepping rather than sliding keeps the electrode model constant between steps, so a
/// long run is judged once per step instead of once per pulse.
struct DriftRamp {
    /// 10 ms steps change the multiplier far less than the 5 % that telemetry reports,
    /// for any drift slower than ×1.5 in 100 ms.
    static let step = TimeSpan.milliseconds(10)

    let from: Double
    let to: Double
    let start: TimeSpan
    let end: TimeSpan
    /// When the multiplier next changes.
    private(set) var nextStep: TimeSpan

    init(from: Double, to: Double, start: TimeSpan, over: TimeSpan) {
        self.from = from
        self.to = to
        self.start = start
        end = start + over
        nextStep = min(start + Self.step, end)
    }

    /// The multiplier from `nextStep` on, and whether the drift has reached its target.
    mutating func advance() -> (multiplier: Double, finished: Bool) {
        let elapsed = Double((nextStep - start).nanoseconds) / Double((end - start).nanoseconds)
        let multiplier = nextStep >= end ? to : from + (to - from) * elapsed
        let finished = nextStep >= end
        nextStep = min(nextStep + Self.step, end)
        return (multiplier, finished)
    }
}
