/// An electrode's contact area in square centimetres.
public struct Area: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var squareCentimetres: Double

    public init(squareCentimetres: Double) { self.squareCentimetres = squareCentimetres }
    public static func squareCentimetres(_ value: Double) -> Area { Area(squareCentimetres: value) }

    public static func < (a: Area, b: Area) -> Bool { a.squareCentimetres < b.squareCentimetres }
    public var description: String { "\(DecimalText.figure(squareCentimetres, decimals: 3)) cm²" }
}
