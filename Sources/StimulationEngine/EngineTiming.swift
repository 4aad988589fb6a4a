import StimulationCore

/// The engine's rhythm. Lookahead is what keeps host jitter away from the patient;
/// its length is also the longest an amplitude increase can take to reach the output.
public enum EngineTiming {
    /// How often the engine runs. 5 ms keeps command latency far below a human's reaction.
    public static let tick = TimeSpan.milliseconds(5)
    /// How far ahead runs are queued at the transport (ARCHITECTURE: tens of ms).
    public static let lookahead = TimeSpan.milliseconds(40)
    /// A tick later than this after the previous one means the queue may have run dry:
    /// output state is uncertain, so the engine stops output and alarms.
    public static let overrunLimit = TimeSpan.milliseconds(30)
    /// Keep-alives well inside a device watchdog of 250 ms.
    public static let keepAliveInterval = TimeSpan.milliseconds(100)
}
