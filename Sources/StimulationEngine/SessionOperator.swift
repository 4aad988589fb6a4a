import StimulationCore

/// Stands in for a person at the controls: consulted after every pass of the session with what just happened,
/// on the thread that drives the engine, so its answers land at exactly the session time they are due.
public protocol SessionOperator: Sendable {
    /// Commands to apply now, and a note to record before them (why an unattended run stopped, for instance).
    mutating func decide(after events: [SessionEvent], state: SessionState, alarms: [Alarm], at time: TimeSpan)
        -> (commands: [Command], note: String?)
}
