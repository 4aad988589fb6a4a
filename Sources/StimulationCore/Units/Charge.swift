/// Electric charge in microcoulombs: charge per phase, net charge per pulse.
public struct Charge: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var microcoulombs: Double

    public init(microcoulombs: Double) { self.microcoulombs = microcoulombs }
    public static func microcoulombs(_ value: Double) -> Charge { Charge(microcoulombs: value) }

    /// Charge of a rectangular phase: current × time, µA × ns = 10⁻⁹ µC.
    public init(current: Current, duration: TimeSpan) {
        microcoulombs = Double(current.microamps) * Double(duration.nanoseconds) / 1e9
    }

    public static func < (a: Charge, b: Charge) -> Bool { a.microcoulombs < b.microcoulombs }
    public static func + (a: Charge, b: Charge) -> Charge { Charge(microcoulombs: a.microcoulombs + b.microcoulombs) }
    public var description: String { "\(DecimalText.figure(microcoulombs, decimals: 3)) µC" }
}
