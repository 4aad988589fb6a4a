/// Where a session is. idle → screening → ready → running ⇄ paused → finished | stopped | aborted.
public enum SessionState: String, Sendable, Codable {
    case idle
    case screening
    case ready
    case running
    case paused
    /// Every programme ran to its end.
    case finished
    /// The operator ended the session.
    case stopped
    /// A fault ended it.
    case aborted

    public var isOver: Bool { self == .finished || self == .stopped || self == .aborted }
}
