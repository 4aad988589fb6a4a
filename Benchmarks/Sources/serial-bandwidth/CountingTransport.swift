import StimulationCore
import Synchronization
import Transports

/// The serial transport's byte counters, readable from any thread.
final class LinkCounters: Sendable {
    let bytesWritten = Atomic<Int>(0)
    let bytesRead = Atomic<Int>(0)
    let framesWritten = Atomic<Int>(0)
    let framesRead = Atomic<Int>(0)
}

/// A serial transport that republishes its counters after every call. The transport belongs to the
/// engine thread, so reading its own properties from the sampling thread would race; the engine
/// polls it every tick, so the copies are never more than a tick old.
final class CountingTransport: Transport {
    let inner: SerialTransport
    let counters: LinkCounters
    var name: String { inner.name }
    var nextSend: TimeSpan? { inner.nextSend }
    var emergencyStop: EmergencyStopLine? { inner.emergencyStop }
    var lineBytesPerSecond: Int? { inner.lineBytesPerSecond }

    init(_ inner: SerialTransport, counters: LinkCounters) {
        self.inner = inner
        self.counters = counters
    }

    func open(at now: TimeSpan) throws(TransportError) -> DeviceCapabilities {
        defer { publish() }
        return try inner.open(at: now)
    }

    func submit(_ runs: [PulseRun], at now: TimeSpan) throws(TransportError) {
        defer { publish() }
        try inner.submit(runs, at: now)
    }

    func stopAll(at now: TimeSpan) {
        inner.stopAll(at: now)
        publish()
    }

    func stop(channel: Int, at now: TimeSpan) throws(TransportError) {
        defer { publish() }
        try inner.stop(channel: channel, at: now)
    }

    func keepAlive(at now: TimeSpan) throws(TransportError) {
        defer { publish() }
        try inner.keepAlive(at: now)
    }

    func poll(until now: TimeSpan) -> [TransportEvent] {
        defer { publish() }
        return inner.poll(until: now)
    }

    func close() {
        inner.close()
        publish()
    }

    private func publish() {
        counters.bytesWritten.store(inner.bytesWritten, ordering: .relaxed)
        counters.bytesRead.store(inner.bytesRead, ordering: .relaxed)
        counters.framesWritten.store(inner.framesWritten, ordering: .relaxed)
        counters.framesRead.store(inner.decoderCounters.frames, ordering: .relaxed)
    }
}
