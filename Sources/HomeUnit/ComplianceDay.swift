import Foundation

/// One day of a patient's compliance log: how many sessions delivered stimulation, for how long, how strong.
public struct ComplianceDay: Sendable, Equatable {
    public var day: CalendarDay
    public var sessions: Int
    public var seconds: Int64
    /// The highest amplitude commanded on any channel that day, in µA.
    public var highestMicroamps: Int64

    /// A session as the log counts it: by the same rule as `SessionAllowance` (it delivered stimulation, or its
    /// record cannot say it did not).
    public struct Session: Sendable {
        public var start: Date
        public var delivered: Bool
        public var deliveredSeconds: Int64
        public var highestMicroamps: Int64

        public init(start: Date, delivered: Bool, deliveredSeconds: Int64, highestMicroamps: Int64) {
            self.start = start
            self.delivered = delivered
            self.deliveredSeconds = deliveredSeconds
            self.highestMicroamps = highestMicroamps
        }
    }

    /// The last `days` days up to `now`, oldest first, every day present (a day without a session shows as one).
    public static func log(_ sessions: [Session], days: Int, now: Date, zone: TimeZone = .current) -> [ComplianceDay] {
        let calendar = Calendar.gregorian(in: zone)
        let today = calendar.startOfDay(for: now)
        return (0..<days).reversed().map { back in
            let start = calendar.date(byAdding: .day, value: -back, to: today)!
            let end = calendar.date(byAdding: .day, value: 1, to: start)!
            let those = sessions.filter { $0.start >= start && $0.start < end && $0.delivered }
            return ComplianceDay(day: CalendarDay(start, in: zone), sessions: those.count,
                                 seconds: those.reduce(0) { $0 &+ $1.deliveredSeconds },
                                 highestMicroamps: those.map(\.highestMicroamps).max() ?? 0)
        }
    }
}
