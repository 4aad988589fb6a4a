/// An electric current, held exactly as a whole number of microamps.
///
/// Microcurrent therapy is set in µA steps and TENS in 0.5 mA steps; a single
/// integer unit keeps both exact and makes µA and mA impossible to mix up.
public struct Current: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var microamps: Int64

    public init(microamps: Int64) { self.microamps = microamps }

    public static func microamps(_ value: Int64) -> Current { Current(microamps: value) }

    /// Whole or fractional milliamps; fractions finer than 1 µA are rounded to the nearest µA.
    public static func milliamps(_ value: Double) -> Current {
        Current(microamps: Int64((value * 1000).rounded()))
    }

    public static let zero = Current(microamps: 0)

    public var milliamps: Double { Double(microamps) / 1000 }
    public var amps: Double { Double(microamps) / 1_000_000 }
    public var magnitude: Current { Current(microamps: abs(microamps)) }

    public static func < (a: Current, b: Current) -> Bool { a.microamps < b.microamps }
    public static func + (a: Current, b: Current) -> Current { Current(microamps: a.microamps + b.microamps) }
    public static func - (a: Current, b: Current) -> Current { Current(microamps: a.microamps - b.microamps) }
    public static prefix func - (a: Current) -> Current { Current(microamps: -a.microamps) }

    /// "350 µA" below 1 mA, "12.5 mA" from 1 mA up: the unit a clinician reads at that scale.
    public var description: String {
        if abs(microamps) < 1000 { return "\(microamps) µA" }
        return "\(DecimalText.format(microamps, scale: 1000)) mA"
    }
}
