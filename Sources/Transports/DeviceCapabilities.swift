import StimulationCore

/// What a device says it can do, from the handshake. The governor never commands more.
public struct DeviceCapabilities: Hashable, Sendable {
    public var deviceID: String
    public var channels: Int
    public var maximumAmplitude: Current
    public var shapes: Set<String>
    /// How far ahead of real time runs may be queued.
    public var lookahead: TimeSpan

    public init(deviceID: String, channels: Int, maximumAmplitude: Current, shapes: Set<String>, lookahead: TimeSpan) {
        self.deviceID = deviceID
        self.channels = channels
        self.maximumAmplitude = maximumAmplitude
        self.shapes = shapes
        self.lookahead = lookahead
    }
}
