import Foundation

/// Session time as hh:mm:ss, for sentences in records and listings.
enum ClockText {
    static func of(nanoseconds: Int64) -> String {
        let seconds = max(0, nanoseconds) / 1_000_000_000
        return String(format: "%02lld:%02lld:%02lld", seconds / 3600, seconds / 60 % 60, seconds % 60)
    }
}
