/// A resistance in ohms: the test loads of the safety figures and, later, electrode impedance.
public struct Resistance: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var ohms: Double

    public init(ohms: Double) { self.ohms = ohms }
    public static func ohms(_ value: Double) -> Resistance { Resistance(ohms: value) }
    public static func kiloohms(_ value: Double) -> Resistance { Resistance(ohms: value * 1000) }

    public static func < (a: Resistance, b: Resistance) -> Bool { a.ohms < b.ohms }
    public var description: String {
        ohms >= 1000 ? "\(DecimalText.figure(ohms / 1000)) kΩ" : "\(DecimalText.figure(ohms, decimals: 0)) Ω"
    }
}
