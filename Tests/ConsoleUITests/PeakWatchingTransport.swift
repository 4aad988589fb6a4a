import StimulationCore
import Transports

/// The simulator, with every run that reaches it noted: the highest peak each channel was ever sent.
final class PeakWatchingTransport: Transport {
    let device: SimulatorTransport
    private(set) var highest: [Int: Current] = [:]

    init(_ device: SimulatorTransport) { self.device = device }

    var name: String { device.name }
    var emergencyStop: EmergencyStopLine? { device.emergencyStop }
    var lineBytesPerSecond: Int? { device.lineBytesPerSecond }
    var nextSend: TimeSpan? { device.nextSend }

    func open(at now: TimeSpan) throws(TransportError) -> DeviceCapabilities { try device.open(at: now) }

    func submit(_ runs: [PulseRun], at now: TimeSpan) throws(TransportError) {
        for run in runs { highest[run.channel] = max(highest[run.channel] ?? .zero, run.pulse.peak) }
        try device.submit(runs, at: now)
    }

    func stopAll(at now: TimeSpan) { device.stopAll(at: now) }
    func stop(channel: Int, at now: TimeSpan) throws(TransportError) { try device.stop(channel: channel, at: now) }
    func keepAlive(at now: TimeSpan) throws(TransportError) { try device.keepAlive(at: now) }
    func poll(until now: TimeSpan) -> [TransportEvent] { device.poll(until: now) }
    func close() { device.close() }
}
