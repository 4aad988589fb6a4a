import StimulationCore

/// What the patient's console adds to a session: the prescription's amplitudes, who to ask, and the checks the
/// unit makes as each session starts. With it the console skips the clinic's questions (the clinician screened
/// the patient when prescribing) and shows the patient's screen.
public struct HomeConsole: Sendable {
    /// One prescribed protocol's limits.
    public struct Prescribed: Sendable {
        /// Where each channel's soft start heads when the session starts.
        public var starts: [Int: Current]
        /// The most the patient may raise each channel to; the engine holds each channel to it.
        public var maxima: [Int: Current]
        /// The home policy: the clinic's limits with the prescription's added, never looser.
        public var policy: SafetyPolicy

        public init(starts: [Int: Current], maxima: [Int: Current], policy: SafetyPolicy) {
            self.starts = starts
            self.maxima = maxima
            self.policy = policy
        }
    }

    public var clinician: String
    public var contact: String
    /// The clinician's screening, noted in the session's record.
    public var screening: String
    /// By protocol id: only these are offered.
    public var prescribed: [String: Prescribed]
    /// Asked just before a session opens: nil, or why it may not (in the patient's words).
    public var mayStart: @Sendable () -> String?
    /// Told once the session's record is open, so the unit counts it; nil, or why it could not be counted.
    public var started: @Sendable () -> String?

    public init(clinician: String, contact: String, screening: String, prescribed: [String: Prescribed],
                mayStart: @escaping @Sendable () -> String?, started: @escaping @Sendable () -> String?) {
        self.clinician = clinician
        self.contact = contact
        self.screening = screening
        self.prescribed = prescribed
        self.mayStart = mayStart
        self.started = started
    }
}
