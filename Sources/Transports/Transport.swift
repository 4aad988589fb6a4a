import StimulationCore

/// A way to reach a stimulator: the simulator, a serial device, GPIO lines.
///
/// The engine is the only caller, from its own thread. Every method must return
/// promptly: a transport that waits on hardware does so on its own threads and
/// reports through `poll`. Any error a method throws is treated by the engine as
/// "output state unknown": it calls `stopAll()` and raises an alarm.
public protocol Transport: AnyObject {
    /// A name for headers and logs: "simulator", "serial:/dev/ttyACM0".
    var name: String { get }

    /// Connects and performs the handshake, reporting what the device can do.
    func open(at now: TimeSpan) throws(TransportError) -> DeviceCapabilities

    /// Queues runs for output at their start times. Runs arrive in time order per channel,
    /// already passed by the safety governor, never further ahead than `capabilities.lookahead`.
    func submit(_ runs: [PulseRun], at now: TimeSpan) throws(TransportError)

    /// Output off on every channel at once, queued runs discarded. Bypasses any queue; never throws.
    func stopAll(at now: TimeSpan)

    /// A way to cut output from any thread without waiting for the engine's, when the device has one
    /// (a serial line's STOP byte); nil when `stopAll` on the engine thread is the only way.
    var emergencyStop: EmergencyStopLine? { get }

    /// What the link carries towards the device, in bytes per second, when that can run short; nil otherwise.
    var lineBytesPerSecond: Int? { get }

    /// Output off on one channel, its queued runs discarded; the others continue.
    func stop(channel: Int, at now: TimeSpan) throws(TransportError)

    /// Tells the device the host is alive; a device that hears nothing turns its output off.
    func keepAlive(at now: TimeSpan) throws(TransportError)

    /// Everything the device reported up to `now`: telemetry, faults, disconnection.
    func poll(until now: TimeSpan) -> [TransportEvent]

    /// The session time by which the engine must poll again so that runs the transport holds back
    /// (to send several in one frame) still leave in time; nil when it holds none.
    var nextSend: TimeSpan? { get }

    func close()

    /// How late the host's own edges came and how far phases stretched, for a transport that times them (GPIO).
    var edgeTiming: EdgeTiming? { get }
}

extension Transport {
    public var edgeTiming: EdgeTiming? { nil }
}
