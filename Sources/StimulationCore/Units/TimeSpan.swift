/// A span or point of session time, held exactly as whole nanoseconds.
///
/// Integer time means an 8-hour session has no drift: the n-th pulse sits at
/// `start + n × period`, computed, never accumulated in floating point.
public struct TimeSpan: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var nanoseconds: Int64

    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    public static func nanoseconds(_ value: Int64) -> TimeSpan { TimeSpan(nanoseconds: value) }
    public static func microseconds(_ value: Int64) -> TimeSpan { TimeSpan(nanoseconds: value * 1_000) }
    public static func milliseconds(_ value: Int64) -> TimeSpan { TimeSpan(nanoseconds: value * 1_000_000) }
    public static func seconds(_ value: Int64) -> TimeSpan { TimeSpan(nanoseconds: value * 1_000_000_000) }
    public static func minutes(_ value: Int64) -> TimeSpan { .seconds(value * 60) }

    public static let zero = TimeSpan(nanoseconds: 0)

    public var microseconds: Double { Double(nanoseconds) / 1_000 }
    public var seconds: Double { Double(nanoseconds) / 1_000_000_000 }

    public static func < (a: TimeSpan, b: TimeSpan) -> Bool { a.nanoseconds < b.nanoseconds }
    public static func + (a: TimeSpan, b: TimeSpan) -> TimeSpan { TimeSpan(nanoseconds: a.nanoseconds + b.nanoseconds) }
    public static func - (a: TimeSpan, b: TimeSpan) -> TimeSpan { TimeSpan(nanoseconds: a.nanoseconds - b.nanoseconds) }
    public static func * (a: TimeSpan, n: Int64) -> TimeSpan { TimeSpan(nanoseconds: a.nanoseconds * n) }
    public static func += (a: inout TimeSpan, b: TimeSpan) { a.nanoseconds += b.nanoseconds }
    public static func -= (a: inout TimeSpan, b: TimeSpan) { a.nanoseconds -= b.nanoseconds }

    /// Microseconds as exact decimal text ("250", "121.951"), as the CSV schedule prints them.
    public var microsecondText: String { DecimalText.format(nanoseconds, scale: 1_000) }

    /// The unit a person reads at this scale: "250 µs", "12.5 ms", "3 s", "20 min", "1 h 5 min".
    public var description: String {
        let ns = nanoseconds
        let magnitude = abs(ns)
        if magnitude < 1_000_000 { return "\(DecimalText.format(ns, scale: 1_000)) µs" }
        if magnitude < 1_000_000_000 { return "\(DecimalText.format(ns, scale: 1_000_000)) ms" }
        if magnitude < 60_000_000_000 || magnitude % 1_000_000_000 != 0 && magnitude < 600_000_000_000 {
            return "\(DecimalText.format(ns, scale: 1_000_000_000)) s"
        }
        let totalSeconds = ns / 1_000_000_000
        let minutes = totalSeconds / 60, seconds = totalSeconds % 60
        if minutes >= 60 {
            let rest = minutes % 60
            return rest == 0 ? "\(minutes / 60) h" : "\(minutes / 60) h \(rest) min"
        }
        return seconds == 0 ? "\(minutes) min" : "\(minutes) min \(seconds) s"
    }

    /// "mm:ss" or "h:mm:ss", for durations in listings.
    public var clockText: String {
        let total = nanoseconds / 1_000_000_000
        let h = total / 3600, m = (total % 3600) / 60, s = total % 60
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return h > 0 ? "\(h):\(two(m)):\(two(s))" : "\(two(m)):\(two(s))"
    }
}
