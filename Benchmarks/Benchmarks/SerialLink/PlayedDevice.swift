import Foundation
import Glibc
import SerialWorkload
import StimulationCore
import Synchronization
import Transports

/// The device end of a pseudo-terminal, played by the benchmark itself. It answers HELLO,
/// acknowledges every frame, and timestamps each STOP byte as soon as read(2) hands it over.
/// With no emulator in the way, a STOP's latency ends where the byte comes out of the line.
final class PlayedDevice: Sendable {
    let path: String
    let channels: Int
    private let master: Int32
    private let slave: Int32
    private let origin = MonotonicTime.nanoseconds()
    /// CLOCK_MONOTONIC (ns) of the read that brought the latest STOP byte; stored before `stops` counts it.
    let lastStopAt = Atomic<Int64>(0)
    let stops = Atomic<Int>(0)
    private let stopRequested = Atomic<Bool>(false)
    private let finished = Atomic<Bool>(false)

    init(channels: Int) throws(TransportError) {
        let terminal = try PseudoTerminal()
        path = terminal.path
        master = terminal.master
        slave = terminal.slave
        self.channels = channels
    }

    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "played-device"
        thread.qualityOfService = .userInteractive
        thread.start()
    }

    func stop() {
        stopRequested.store(true, ordering: .releasing)
        while !finished.load(ordering: .acquiring) { usleep(500) }
        Glibc.close(master)
        Glibc.close(slave)
    }

    private func run() {
        defer { finished.store(true, ordering: .releasing) }
        var decoder = FrameDecoder()
        var sequence: UInt8 = 0
        var buffer = [UInt8](repeating: 0, count: 4096)
        var replies: [UInt8] = []
        while !stopRequested.load(ordering: .acquiring) {
            var entry = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&entry, 1, 20) > 0 else { continue }
            let n = buffer.withUnsafeMutableBytes { Glibc.read(master, $0.baseAddress!, $0.count) }
            let arrived = MonotonicTime.nanoseconds()
            guard n > 0 else { continue }
            decoder.decode(buffer[0..<n]) { output in
                switch output {
                case .stop:
                    lastStopAt.store(arrived, ordering: .relaxed)
                    stops.add(1, ordering: .releasing)
                case .frame(let frame):
                    reply(to: frame, sequence: &sequence, into: &replies)
                }
            }
            guard !replies.isEmpty else { continue }
            var offset = 0
            while offset < replies.count {
                let written = replies.withUnsafeBytes { Glibc.write(master, $0.baseAddress! + offset, $0.count - offset) }
                if written > 0 { offset += written } else if errno != EINTR && errno != EAGAIN { break }
            }
            replies.removeAll(keepingCapacity: true)
        }
    }

    private func reply(to frame: WireFrame, sequence: inout UInt8, into out: inout [UInt8]) {
        let deviceTime = UInt64(MonotonicTime.nanoseconds() - origin)
        let message: DeviceMessage
        if frame.type == HostMessage.Kind.hello.rawValue {
            message = .helloReply(DeviceHello(
                replyTo: frame.sequence, major: WireProtocol.major, minor: WireProtocol.minor,
                maximumMicroamps: Array(repeating: 100_000, count: channels), lookaheadMilliseconds: 100,
                watchdogMilliseconds: 250, shapeMask: DeviceHello.mask(for: PulseShape.names),
                deviceTime: deviceTime, deviceID: "played-device"))
        } else {
            message = .ack(sequence: frame.sequence, result: .ok, detail: 0, deviceTime: deviceTime)
        }
        message.frame(sequence: sequence).appendEncoded(to: &out)
        sequence &+= 1
    }
}
