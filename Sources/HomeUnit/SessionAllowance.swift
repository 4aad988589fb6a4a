import Foundation

/// Whether a prescription lets the patient start a session now, judged against the sessions the records hold.
/// A unit that cannot read its records refuses before asking (HomeGate).
public enum SessionAllowance {
    /// A session already recorded for this patient.
    public struct Past: Sendable, Equatable {
        public var start: Date
        public var end: Date?
        /// Whether it delivered any stimulation: one refused at connect, or stopped before output, uses no turn.
        public var delivered: Bool

        public init(start: Date, end: Date?, delivered: Bool) {
            self.start = start
            self.end = end
            self.delivered = delivered
        }
    }

    /// How far the clock may read behind the latest recorded moment before it is taken as set back: clock
    /// corrections by the network are seconds, a clock set back to reuse an expired prescription is days.
    public static let clockSlack: TimeInterval = 120

    /// The first refusal that applies, or nil when a session may start now. `latestRecorded` is the latest moment
    /// any record was written.
    public static func check(_ p: Prescription, past: [Past], latestRecorded: Date?, now: Date,
                             zone: TimeZone = .current) -> PrescriptionRefusal? {
        if let latestRecorded, now.addingTimeInterval(clockSlack) < latestRecorded {
            return .clockBehind(now: now, latest: latestRecorded)
        }
        let calendar = Calendar.gregorian(in: zone)
        let counted = past.filter(\.delivered)
        let today = calendar.startOfDay(for: now)
        let tomorrow = calendar.date(byAdding: .day, value: 1, to: today)!
        let todays = counted.filter { $0.start >= today && $0.start < tomorrow }
        // A session with no end is still running (in another console): the gap cannot have begun.
        let lastEnd = counted.map { $0.end ?? max($0.start, now) }.max()
        let gapEnd = lastEnd.map { $0.addingTimeInterval(TimeInterval(p.minimumGap.nanoseconds) / 1e9) }
        if todays.count >= p.sessionsPerDay {
            return .dailyCountReached(p.sessionsPerDay, next: max(tomorrow, gapEnd ?? tomorrow))
        }
        if let gapEnd, now < gapEnd {
            return .tooSoon(gap: p.minimumGap, next: gapEnd)
        }
        return nil
    }
}
