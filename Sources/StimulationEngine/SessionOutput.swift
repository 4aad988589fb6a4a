import StimulationCore

/// What a session hands its sinks, in the order it happened.
public enum SessionOutput: Sendable {
    case event(SessionEvent)
    /// The engine's state at a fixed cadence of session time (`SessionHost.snapshotInterval`).
    case snapshot(EngineSnapshot)
    /// Something the front end driving the session said (why it stopped it, for instance).
    case note(String, at: TimeSpan)
    /// The last output of a session.
    case ended(SessionSummary, at: TimeSpan)
}
