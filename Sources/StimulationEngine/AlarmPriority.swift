/// IEC 60601-1-8 alarm priorities, with the markers and flash rates the console shows.
public enum AlarmPriority: Int, Comparable, Sendable, Codable, CaseIterable {
    case low = 1
    case medium = 2
    case high = 3

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    public var marker: String {
        switch self {
        case .low: "*"
        case .medium: "**"
        case .high: "***"
        }
    }

    public var name: String {
        switch self {
        case .low: "low"
        case .medium: "medium"
        case .high: "high"
        }
    }
}
