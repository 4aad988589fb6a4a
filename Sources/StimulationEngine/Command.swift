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
}
