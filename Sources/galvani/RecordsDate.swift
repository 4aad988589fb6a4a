import ArgumentParser
import Foundation

/// A day as people write it in a command: YYYY-MM-DD, taken as midnight UTC.
enum RecordsDate {
    static func parse(_ text: String) throws -> Date {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), (1...31).contains(day) else {
            throw ValidationError("\(text): give a day as YYYY-MM-DD, e.g. 2026-11-24")
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let components = DateComponents(year: year, month: month, day: day)
        guard let date = calendar.date(from: components),
              calendar.component(.day, from: date) == day else {
            throw ValidationError("\(text): there is no such day")
        }
        return date
    }
}
