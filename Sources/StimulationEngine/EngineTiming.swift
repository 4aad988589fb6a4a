import StimulationCore

/// The engine's rhythm. Its limits (lookahead, output gap, keep-alive) are in SafetyPolicy.
public enum EngineTiming {
    /// How often the engine runs. 5 ms keeps command latency far below a human's reaction.
    public static let tick = TimeSpan.milliseconds(5)
}
