import StimulationEngine

/// The demo runs hands-off: a newcomer may not know that `a` acknowledges an alarm, and the tour would wait
/// for it forever. An alarm nobody acknowledged within a few seconds of wall time is acknowledged for them,
/// and the banner says the tour did it. Only the demo has one; a real session never acknowledges by itself.
struct DemoAcknowledger {
    /// Long enough to read the alarm and try the key, short enough that the tour moves on.
    static let patienceMilliseconds: Int64 = 6_000
    static let notice = "acknowledged by the demo tour; press a to do it yourself"
    /// How long the banner says so, even once the alarm has gone.
    static let noticeMilliseconds: Int64 = 5_000

    private var firstSeen: [Int: Int64] = [:]

    /// True when the top alarm has waited long enough unacknowledged; `wallMilliseconds` must not go back.
    mutating func shouldAcknowledge(_ snapshot: EngineSnapshot, atWallMilliseconds now: Int64) -> Bool {
        guard let alarm = snapshot.alarms.first(where: { !$0.acknowledged }) else { return false }
        let seen = firstSeen[alarm.id] ?? now
        firstSeen[alarm.id] = seen
        return now - seen >= Self.patienceMilliseconds
    }
}
