import Foundation
import Glibc
@testable import StimulationCore
import Synchronization
@testable import Transports

/// Lines an emulator logs, gathered across threads.
final class LogLines: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
    func first(containing text: String) -> String? { all.first { $0.contains(text) } }
}

/// Polls with a generous deadline that only catches a hang; it never waits a fixed time.
func eventually(_ seconds: Double = 10, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if condition() { return true }
        usleep(1_000)
    }
    return condition()
}

/// Session time for a transport under test: CLOCK_MONOTONIC since the test began.
struct WallClock {
    private let origin = MonotonicTime.nanoseconds()
    var now: TimeSpan { TimeSpan(nanoseconds: MonotonicTime.nanoseconds() - origin) }
}

/// The far end of a pseudo-terminal driven by the test itself: a device that says exactly what a
/// test wants (a noisy line, silence, a wrong version), or a host that writes raw bytes.
final class RawEnd: @unchecked Sendable {
    let master: Int32
    let slave: Int32
    let path: String
    var decoder = FrameDecoder()
    var sequence: UInt8 = 0

    init() throws {
        let terminal = try PseudoTerminal()
        master = terminal.master
        slave = terminal.slave
        path = terminal.path
    }

    deinit {
        close(master)
        close(slave)
    }

    func write(_ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { Glibc.write(master, $0.baseAddress!, $0.count) }
    }

    func send(_ message: DeviceMessage) {
        write(message.frame(sequence: sequence).encoded())
        sequence &+= 1
    }

    /// Frames that arrive within `seconds`, until `enough` says stop.
    func frames(within seconds: Double = 5, until enough: ([WireFrame]) -> Bool) -> [WireFrame] {
        var frames: [WireFrame] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline, !enough(frames) {
            var entry = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&entry, 1, 5) > 0 else { continue }
            let n = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress!, $0.count) }
            guard n > 0 else { continue }
            for case .frame(let frame) in decoder.decode(buffer[0..<n]) { frames.append(frame) }
        }
        return frames
    }

    /// How many STOP bytes arrive within `seconds`, waiting only until the first.
    func stopBytes(within seconds: Double) -> Int {
        let before = decoder.counters.stops
        _ = frames(within: seconds) { _ in self.decoder.counters.stops > before }
        return decoder.counters.stops - before
    }

    static let deviceTimeAtHello: UInt64 = 7_000_000_000

    /// Answers every HELLO on another thread while the transport's open() waits (a host tries HELLO again when
    /// a reply was slow), until `finish` is called. Call it before touching `sequence` or reading frames.
    func answerHelloMeanwhile(lookahead: UInt16 = 100, watchdog: UInt16 = 250, deviceTime: UInt64 = deviceTimeAtHello,
                              maximumMicroamps: [UInt32] = [50_000, 50_000], minor: UInt8 = 0) -> HelloAnswerer {
        let answerer = HelloAnswerer()
        Thread { [self] in
            while !answerer.finishing.load(ordering: .acquiring) {
                let frames = frames(within: 0.05) { $0.contains { $0.type == HostMessage.Kind.hello.rawValue } }
                for hello in frames where hello.type == HostMessage.Kind.hello.rawValue {
                    send(.helloReply(DeviceHello(replyTo: hello.sequence, major: 1, minor: minor, maximumMicroamps: maximumMicroamps,
                                                 lookaheadMilliseconds: lookahead, watchdogMilliseconds: watchdog,
                                                 shapeMask: DeviceHello.mask(for: PulseShape.names), deviceTime: deviceTime,
                                                 deviceID: "raw-test")))
                }
            }
            answerer.done.signal()
        }.start()
        return answerer
    }

    /// The next host frame of a kind, waiting for it.
    func next(_ kind: HostMessage.Kind) -> WireFrame? {
        frames { $0.contains { $0.type == kind.rawValue } }.first { $0.type == kind.rawValue }
    }
}

/// The thread that answers HELLOs for a `RawEnd` while a host connects.
final class HelloAnswerer: Sendable {
    let finishing = Atomic<Bool>(false)
    let done = DispatchSemaphore(value: 0)

    /// Stops answering and returns once the thread has stopped reading the line.
    func finish() {
        finishing.store(true, ordering: .releasing)
        done.wait()
    }
}

/// An open transport talking to a device the test plays.
/// The raw end sends no telemetry and answers only when a test makes it. Tests of other rules wait an hour
/// for both (and for a lagging reader), so neither a silent test device nor a loaded machine's delays end
/// the link they are about; the tests of those rules ask for the clinic's policy.
let patientPolicy: SafetyPolicy = {
    var policy = SafetyPolicy.clinic
    policy.telemetrySilence = .seconds(3600)
    policy.ackTimeout = .seconds(3600)
    policy.serialReaderLag = .seconds(3600)
    return policy
}()

func openedOnRawEnd(lookahead: UInt16 = 100, watchdog: UInt16 = 250, deviceTime: UInt64 = RawEnd.deviceTimeAtHello,
                    policy: SafetyPolicy = patientPolicy, minor: UInt8 = 0) throws -> (RawEnd, SerialTransport, WallClock) {
    let end = try RawEnd()
    let transport = SerialTransport(path: end.path, policy: policy)
    let clock = WallClock()
    let answerer = end.answerHelloMeanwhile(lookahead: lookahead, watchdog: watchdog, deviceTime: deviceTime, minor: minor)
    defer { answerer.finish() }
    _ = try transport.open(at: clock.now)
    return (end, transport, clock)
}

func firstFailure(of transport: SerialTransport, _ clock: WallClock) -> String? {
    var found: String?
    _ = eventually {
        for event in transport.poll(until: clock.now) {
            switch event.kind {
            case .deviceFault(let why), .disconnected(let why): found = why
            case .telemetry: continue
            }
        }
        return found != nil
    }
    return found
}

/// A host written by the test against the real emulator: raw bytes out, decoded replies in.
final class RawHost {
    let device: PseudoTerminalDevice
    let port: SerialPort
    private var decoder = FrameDecoder()
    private(set) var replies: [DeviceMessage] = []

    init() throws {
        device = try PseudoTerminalDevice(.init()) { _ in }
        device.start()
        port = try SerialPort(path: device.path)
    }

    deinit {
        port.close()
        device.stop()
    }

    /// Reads replies until `enough` holds of all received so far, within a deadline that only catches a hang.
    func awaitReplies(_ enough: ([DeviceMessage]) -> Bool) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 4096)
        return eventually {
            let n = buffer.withUnsafeMutableBytes { read(port.descriptor, $0.baseAddress!, $0.count) }
            if n > 0 {
                for case .frame(let frame) in decoder.decode(buffer[0..<n]) {
                    if let message = try? DeviceMessage(frame) { replies.append(message) }
                }
            }
            return enough(replies)
        }
    }
}
