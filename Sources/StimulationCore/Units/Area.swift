/// An electrode's contact area in square centimetres.
public struct Area: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var squareCentimetres: Double

    public init(squareCentimetres: Double) { self.squareCentimetres = squareCentimetres }
    public static func squareCentimetres(_ value: Double) -> Area { Area(squareCentimetres: value) }

    public static func < (a: Area, b: Area) -> Bool { a.squareCentimetres < b.squareCentimetres }
    /// Exact to the 0.000001 cm² files are read in, so a refused 0.0005 cm² is not shown as the 0.001 cm² it missed.
    public var description: String {
        guard squareCentimetres.isFinite, squareCentimetres.magnitude < 1e12 else { return "\(squareCentimetres) cm²" }
        return "\(DecimalText.format(Int64((squareCentimetres * 1_000_000).rounded()), scale: 1_000_000)) cm²"
    }
}
