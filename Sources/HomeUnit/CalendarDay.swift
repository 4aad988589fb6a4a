import Foundation

/// A date as a prescription writes it (2026-12-01), without a time: valid from the start of that day to the end
/// of the last one, in the unit's own time zone.
public struct CalendarDay: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    /// "2026-12-01", or nil when the text is not a real day in that form.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        var components = DateComponents(calendar: Calendar(identifier: .gregorian), year: year, month: month, day: day)
        components.timeZone = TimeZone(identifier: "UTC")
        guard components.isValidDate else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    public init(_ date: Date, in zone: TimeZone = .current) {
        let c = Calendar.gregorian(in: zone).dateComponents([.year, .month, .day], from: date)
        year = c.year!
        month = c.month!
        day = c.day!
    }

    public static func < (a: CalendarDay, b: CalendarDay) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    public var description: String { String(format: "%04d-%02d-%02d", year, month, day) }

    /// "1 March 2027", as a patient reads it.
    public var spoken: String {
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                      "November", "December"]
        return "\(day) \(months[month - 1]) \(year)"
    }
}

extension Calendar {
    /// The calendar a unit counts its days in.
    static func gregorian(in zone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }
}
