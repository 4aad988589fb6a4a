/// Per-channel differences from the programme's settings, e.g. FSM's two frequencies at once.
public struct ChannelOverride: Hashable, Sendable {
    public var frequency: Frequency?
    public var phaseWidth: TimeSpan?

    public init(frequency: Frequency? = nil, phaseWidth: TimeSpan? = nil) {
        self.frequency = frequency
        self.phaseWidth = phaseWidth
    }
}
