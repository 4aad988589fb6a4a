/// The amplitudes a programme allows: where the operator starts, the usual target, and the most it may reach.
public struct AmplitudeWindow: Hashable, Sendable {
    public var start: Current
    public var target: Current
    public var maximum: Current

    public init(start: Current, target: Current, maximum: Current) {
        self.start = start
        self.target = target
        self.maximum = maximum
    }
}
