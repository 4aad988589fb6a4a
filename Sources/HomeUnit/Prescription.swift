import StimulationCore

/// What a clinician allows one patient to do at home: which protocols, exactly as written, how strong, how often.
public struct Prescription: Sendable, Equatable {
    public struct Channel: Sendable, Equatable {
        public var number: Int
        /// Where each session's soft start heads for.
        public var start: Current
        /// The most the patient may raise this channel to.
        public var maximum: Current
    }

    public struct Allowed: Sendable, Equatable {
        public var id: String
        /// SHA-256 of the protocol file's exact bytes: an edited file is not the prescribed one.
        public var sha256: String
        public var channels: [Channel]
    }

    public var file: String
    public var patient: String
    public var clinician: String
    public var contact: String
    /// The clinician's screening, recorded with every session run on this prescription.
    public var screening: String
    public var validFrom: CalendarDay
    public var validUntil: CalendarDay
    public var sessionsPerDay: Int
    public var minimumGap: TimeSpan
    public var longestSession: TimeSpan
    public var protocols: [Allowed]

    public func allowed(_ id: String) -> Allowed? { protocols.first { $0.id == id } }
}
