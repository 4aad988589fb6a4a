import StimulationCore

/// Whether the therapist is with the patient, as they mark it with `t` during the session, and how long they were:
/// clinics bill attended stimulation differently. Unknown until the first mark, and then the console asks at the end.
public struct Attendance: Hashable, Sendable {
    public private(set) var present: Bool?
    private var since = TimeSpan.zero
    private var attended = TimeSpan.zero

    public init() {}

    /// Marks a change at session time `time`: present after unknown or away, away after present.
    public mutating func toggle(at time: TimeSpan) {
        if present == true { attended += max(.zero, time - since) }
        present = !(present ?? false)
        since = time
    }

    /// Whole minutes attended up to `end`, rounded to the nearest; nil when presence was never marked.
    public func minutes(until end: TimeSpan) -> Int? {
        guard let present else { return nil }
        let total = attended + (present ? max(.zero, end - since) : .zero)
        return Int((total.nanoseconds + 30_000_000_000) / 60_000_000_000)
    }
}
