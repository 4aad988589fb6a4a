import StimulationCore
import StimulationEngine

/// Everything one frame shows: the engine's snapshot plus what only the console knows.
public struct ConsoleModel: Sendable {
    public enum Overlay: Hashable, Sendable {
        case help
        case confirmQuit
        case confirmSkip
    }

    public var therapyProtocol: TherapyProtocol
    public var snapshot: EngineSnapshot
    public var selectedChannel: Int
    public var history: AmplitudeHistory
    /// Wall-clock milliseconds, for flashing alarms at fixed rates whatever the session speed.
    public var wallMilliseconds: Int64
    public var overlay: Overlay?
    /// The latest event worth saying although no alarm stands, and when it came (wall-clock ms).
    public var notice: String?
    public var noticeAt: Int64 = 0
    /// Whether the therapist has marked themselves present (t), for the header and the attended minutes.
    public var attendance = Attendance()
    /// Whether the session is being recorded, as the header says it ("rec", or why not).
    public var recording = "rec"
    /// When the demo tour last acknowledged alarms for the viewer (wall-clock ms): the banner says so for a while.
    public var tourAcknowledgedAt: Int64?
    /// Set on a home unit: the patient's screen and keys instead of the clinic's.
    public var home: HomeConsole?

    public init(therapyProtocol: TherapyProtocol, snapshot: EngineSnapshot, selectedChannel: Int = 1,
                history: AmplitudeHistory, wallMilliseconds: Int64 = 0, overlay: Overlay? = nil) {
        self.therapyProtocol = therapyProtocol
        self.snapshot = snapshot
        self.selectedChannel = selectedChannel
        self.history = history
        self.wallMilliseconds = wallMilliseconds
        self.overlay = overlay
    }

    public var programme: Programme { therapyProtocol.programmes[snapshot.programmeIndex] }
}
