import StimulationCore

/// What a device says it can do, from the handshake. The governor never commands more.
public struct DeviceCapabilities: Hashable, Sendable {
    public var deviceID: String
    public var channels: Int
    public var maximumAmplitude: Current
    public var shapes: Set<String>
    /// How far ahead of real time runs may be queued: the device's own lookahead, or less where the link promises
    /// less room (a serial device speaking protocol 1.0 need only hold 40 ms).
    public var lookahead: TimeSpan
    /// How much longer than planned a phase may come out before the device stops itself (host-timed edges run late);
    /// the governor admits charge per phase at the planned width plus this. Zero for a device that times its own pulses.
    public var phaseStretch: TimeSpan
    /// The shortest phase and the highest pulse rate the device can time; nil when it times anything a protocol may ask.
    public var shortestPhase: TimeSpan?
    public var highestRate: Frequency?
    /// Both legs off between phases of opposite polarity (an H-bridge's dead time); zero for a device that hides it.
    public var deadTime: TimeSpan
    /// Why shapes outside `shapes` cannot be made, for the refusal ("GPIO lines switch a bridge: rectangular phases only").
    public var shapeLimitation: String?

    public init(deviceID: String, channels: Int, maximumAmplitude: Current, shapes: Set<String>, lookahead: TimeSpan,
                phaseStretch: TimeSpan = .zero, shortestPhase: TimeSpan? = nil, highestRate: Frequency? = nil,
                deadTime: TimeSpan = .zero, shapeLimitation: String? = nil) {
        self.deviceID = deviceID
        self.channels = channels
        self.maximumAmplitude = maximumAmplitude
        self.shapes = shapes
        self.lookahead = lookahead
        self.phaseStretch = phaseStretch
        self.shortestPhase = shortestPhase
        self.highestRate = highestRate
        self.deadTime = deadTime
        self.shapeLimitation = shapeLimitation
    }
}
