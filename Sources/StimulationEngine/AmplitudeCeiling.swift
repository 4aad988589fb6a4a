import StimulationCore

/// The highest amplitude a channel may have, and which limit set it.
public struct AmplitudeCeiling: Hashable, Sendable {
    public var amplitude: Current
    public var source: String
}
