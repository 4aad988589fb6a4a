import StimulationCore
import Transports

/// What a front end shows, copied out of the engine once per tick so readers never hold it up.
public struct EngineSnapshot: Hashable, Sendable {
    public struct Channel: Hashable, Sendable {
        public var channel: Int
        public var target: Current
        /// The operator amplitude the engine is sending now, soft-start ramp included.
        public var commanded: Current
        /// What the device reports actually flowed.
        public var delivered: Current
        public var impedance: Resistance?
        public var contact: ContactState
        public var ceiling: AmplitudeCeiling
        public var faulted: Bool
    }

    public var time: TimeSpan
    public var state: SessionState
    public var stateReason: String
    public var transport: String
    public var linkUp: Bool
    public var emergencyLatched: Bool
    public var programmeIndex: Int
    public var programmeCount: Int
    public var programmeName: String
    public var programmeElapsed: TimeSpan
    public var programmeRemaining: TimeSpan
    public var totalRemaining: TimeSpan
    /// Stimulation delivered so far, summed over programmes: what the treatment timer shows.
    public var treatmentTime: TimeSpan
    public var channels: [Channel]
    /// Active alarms, highest priority first.
    public var alarms: [Alarm]
    public var outputGaps: OutputGaps
}
