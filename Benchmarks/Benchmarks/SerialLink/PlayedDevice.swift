import Foundation
import Glibc
import SerialWorkload
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
    private let origin = monotonicNanoseconds()
    /// CLOCK_MONOTONIC (ns) of the read that brought the latest STOP byte; stored before `stops` counts it.
    let lastStopAt = Atomic<Int64>(0)
    let stops = Atomic<Int>(0)
    private let stopRequested = Atomic<Bool>(false)
    private let finished = Atomic<Bool>(false)

    init(channels: Int) throws(TransportError) {
        var master: Int32 = -1
        var slave: Int32 = -1
        guard openpty(&master, &slave, nil, nil, nil) == 0 else {
            throw TransportError("cannot open a pseudo-terminal: \(String(cString: strerror(errno)))")
        }
        // ttyname_r: ttyname's buffer is shared by every thread, and benchmarks run beside other threads.
        var name = [CChar](repeating: 0, count: Int(PATH_MAX))
        let failed = ttyname_r(slave, &name, name.count)
        let path = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        do throws(TransportError) {
            guard failed == 0 else {
                throw TransportError("the pseudo-terminal has no name: \(String(cString: strerror(failed)))")
            }
            // Raw on both sides, as the emulator does: no byte translated, none echoed back to the host.
            try SerialPort.makeRaw(slave, speed: SerialPort.rates[SerialPort.defaultBaud]!, what: path)
        } catch {
            Glibc.close(master)
            Glibc.close(slave)
            throw error
        }
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
        self.path = path
        self.master = master
        self.slave = slave
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
            let arrived = monotonicNanoseconds()
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
        let deviceTime = UInt64(monotonicNanoseconds() - origin)
        let message: DeviceMessage
        if frame.type == HostMessage.Kind.hello.rawValue {
            message = .helloReply(DeviceHello(
                replyTo: frame.sequence, major: WireProtocol.major, minor: WireProtocol.minor,
                maximumMicroamps: Array(repeating: 100_000, count: channels), lookaheadMilliseconds: 100,
                watchdogMilliseconds: 250, shapeMask: DeviceHello.mask(for: WireProtocol.shapeBits),
                deviceTime: deviceTime, deviceID: "played-device"))
        } else {
            message = .ack(sequence: frame.sequence, result: .ok, detail: 0, deviceTime: deviceTime)
        }
        message.frame(sequence: sequence).appendEncoded(to: &out)
        sequence &+= 1
    }
}
