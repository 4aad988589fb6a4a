import Dispatch
import StimulationCore
import Transports

/// A test double: records what the engine sends and plays back scripted device reports.
/// Unchecked: a test reads and scripts it between the steps it takes on its own thread, or after a real-time
/// session has ended, never while the engine thread uses it.
final class RecordingTransport: Transport, @unchecked Sendable {
    let name = "recording"
    /// What the transport says it needs; tests set it.
    var nextSend: TimeSpan?
    var emergencyStop: EmergencyStopLine?
    var lineBytesPerSecond: Int?
    var capabilities = DeviceCapabilities(deviceID: "test", channels: 8, maximumAmplitude: .milliamps(300),
                                          shapes: Set(PulseShape.names), lookahead: .milliseconds(100))
    private(set) var submitted: [(at: TimeSpan, run: PulseRun)] = []
    private(set) var stopAllTimes: [TimeSpan] = []
    /// Submissions and full stops in the order they happened, which timestamps alone cannot tell apart.
    private(set) var log: [Operation] = []

    enum Operation {
        case submit(PulseRun)
        case stopAll(TimeSpan)
    }
    private(set) var channelStops: [(at: TimeSpan, channel: Int)] = []
    private(set) var keepAlives: [TimeSpan] = []
    private(set) var closed = false
    var scripted: [TransportEvent] = []
    var failOpen: TransportError?
    var failSubmit: TransportError?
    var failKeepAlive: TransportError?

    /// When set, the handshake waits for it: a slow device.
    var openGate: DispatchSemaphore?

    func open(at now: TimeSpan) throws(TransportError) -> DeviceCapabilities {
        openGate?.wait()
        if let failOpen { throw failOpen }
        return capabilities
    }

    func submit(_ runs: [PulseRun], at now: TimeSpan) throws(TransportError) {
        if let failSubmit { throw failSubmit }
        submitted += runs.map { (now, $0) }
        log += runs.map(Operation.submit)
    }

    func stopAll(at now: TimeSpan) {
        stopAllTimes.append(now)
        log.append(.stopAll(now))
    }

    func stop(channel: Int, at now: TimeSpan) throws(TransportError) { channelStops.append((now, channel)) }

    func keepAlive(at now: TimeSpan) throws(TransportError) {
        if let failKeepAlive { throw failKeepAlive }
        keepAlives.append(now)
    }

    func poll(until now: TimeSpan) -> [TransportEvent] {
        let due = scripted.filter { $0.time <= now }
        scripted.removeAll { $0.time <= now }
        return due
    }

    func close() { closed = true }

    func runs(after time: TimeSpan) -> [PulseRun] { submitted.filter { $0.at >= time }.map(\.run) }
}
