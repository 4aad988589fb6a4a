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

extension SessionOutput {
    /// Snapshots are periodic and only the latest matters: they never wake a sink, and one that does not read them
    /// is never handed them.
    var isSnapshot: Bool { if case .snapshot = self { true } else { false } }
}
