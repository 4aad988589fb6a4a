/// Reads an `[electrode]` table: kind and contact area, within the range for that kind.
enum ElectrodeReader {
    static let keys = ["kind", "area"]

    static func read(_ reader: TableReader?) -> Electrode? {
        guard let reader else { return nil }
        reader.rejectUnknownKeys()
        let kind = reader.choice("kind", Electrode.Kind.self)
        let microSquareCentimetres = reader.quantity("area", .area)
        guard let kind, let microSquareCentimetres else { return nil }
        let area = Area.squareCentimetres(Double(microSquareCentimetres) / 1_000_000)
        let policy = reader.context.policy
        let allowed = kind == .pad ? policy.padArea : policy.needleArea
        guard allowed.contains(area) else {
            reader.error("area", "is \(area); a \(kind.rawValue) must be \(allowed.lowerBound) to \(allowed.upperBound)")
            return nil
        }
        return Electrode(kind: kind, area: area)
    }
}
