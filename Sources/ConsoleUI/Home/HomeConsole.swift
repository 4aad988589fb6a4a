import StimulationCore

/// What the patient's console adds to a session: the prescription's amplitudes and who to ask. With it the
/// console skips the clinic's questions (the clinician screened the patient when prescribing) and shows the
/// patient's screen.
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

    public init(clinician: String, contact: String, screening: String, prescribed: [String: Prescribed]) {
        self.clinician = clinician
        self.contact = contact
        self.screening = screening
        self.prescribed = prescribed
    }
}
