/// rms current density on an electrode, mA/cm².
public struct CurrentDensity: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var milliampsPerSquareCentimetre: Double
    public init(milliampsPerSquareCentimetre: Double) { self.milliampsPerSquareCentimetre = milliampsPerSquareCentimetre }
    public static func < (a: Self, b: Self) -> Bool { a.milliampsPerSquareCentimetre < b.milliampsPerSquareCentimetre }
    public var description: String { "\(DecimalText.figure(milliampsPerSquareCentimetre, decimals: 3)) mA/cm²" }
}

/// Average power per electrode area, W/cm².
public struct PowerDensity: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var wattsPerSquareCentimetre: Double
    public init(wattsPerSquareCentimetre: Double) { self.wattsPerSquareCentimetre = wattsPerSquareCentimetre }
    public static func < (a: Self, b: Self) -> Bool { a.wattsPerSquareCentimetre < b.wattsPerSquareCentimetre }
    public var description: String { "\(DecimalText.figure(wattsPerSquareCentimetre, decimals: 4)) W/cm²" }
}

/// Energy of one pulse, mJ.
public struct Energy: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var millijoules: Double
    public init(millijoules: Double) { self.millijoules = millijoules }
    public static func < (a: Self, b: Self) -> Bool { a.millijoules < b.millijoules }
    public var description: String { "\(DecimalText.figure(millijoules, decimals: 4)) mJ" }
}

/// A dimensionless ratio in per-mille, exact for the whole percentages protocol files use.
public struct Ratio: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var perMille: Int64
    public init(perMille: Int64) { self.perMille = perMille }
    public static func percent(_ value: Int64) -> Ratio { Ratio(perMille: value * 10) }
    public static let whole = Ratio(perMille: 1000)
    public var fraction: Double { Double(perMille) / 1000 }
    public static func < (a: Self, b: Self) -> Bool { a.perMille < b.perMille }
    public var description: String { "\(DecimalText.format(perMille, scale: 10)) %" }
}
