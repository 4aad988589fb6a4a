import StimulationCore

/// What an operator (or the headless runner) asks of the engine.
public enum Command: Hashable, Sendable {
    case beginScreening
    /// Answers to every contraindication question; a "yes" blocks the session unless overridden with a reason.
    case recordScreening(answers: [Contraindication: Bool], overrideReason: String?)
    case start
    case pause
    case resume
    case stop
    /// The emergency stop: output off at once, latched until acknowledged.
    case stopAll
    case setAmplitude(channel: Int, Current)
    case amplitudeUp(channel: Int)
    case amplitudeDown(channel: Int)
    case skipProgramme
    /// Acknowledges every active alarm.
    case acknowledge
    /// A sink (the records, the console) cannot take the session's events (a message), or can again (nil).
    /// Output does not depend on it: the operator is told, and the session goes on.
    case sinkTrouble(sink: String, problem: String?)

    /// Whether the command can turn output on or up: a session that is closing does not apply it (H-117). An
    /// acknowledgement is one, because it resumes a session paused by an electrode fault once contact is back.
    var raisesOutput: Bool {
        switch self {
        case .start, .resume, .setAmplitude, .amplitudeUp, .skipProgramme, .acknowledge: true
        default: false
        }
    }
}
