import Foundation
import Glibc
import StimulationCore
import Synchronization
import Testing
import Transports
@testable import StimulationEngine

/// Whole sessions on the engine thread, over a serial transport to the device emulator on a real
/// pseudo-terminal: what `galvani run --transport serial:` does, minus the screen.
@Suite(.serialized) struct SerialSessionTests {
    final class Lines: Sendable {
        private let lines = Mutex<[String]>([])
        func append(_ line: String) { lines.withLock { $0.append(line) } }
        func contains(_ text: String) -> Bool { lines.withLock { $0.contains { $0.contains(text) } } }
    }

    /// Two channels, two programmes of two seconds each at 100 Hz: a whole protocol in four seconds.
    static let shortProtocol = """
        format = 1
        id = "serial-short"
        title = "Two short TENS programmes"
        indication = "Link tests."
        placement = "Pads on the forearm."
        channels = 2
        contraindications = []

        [electrode]
        kind = "pad"
        area = "25 cm²"

        [[programme]]
        name = "Conventional"
        modality = "tens-conventional"
        duration = "2 s"
        shape = "symmetric-biphasic"
        frequency = "100 Hz"
        phase_width = "200 µs"
        amplitude = { start = "0 mA", target = "10 mA", max = "40 mA" }

        [[programme]]
        name = "Burst"
        modality = "tens-conventional"
        duration = "2 s"
        shape = "symmetric-biphasic"
        frequency = "100 Hz"
        phase_width = "150 µs"
        amplitude = { start = "0 mA", target = "10 mA", max = "40 mA" }
        """

    struct Session {
        let device: PseudoTerminalDevice
        let thread: SessionHost
        let collector = EventCollector()
        let log = Lines()

        init(_ therapyProtocol: TherapyProtocol, baud: Int = SerialPort.defaultBaud,
             device configuration: DeviceEmulator.Configuration = .init(channels: 2)) throws {
            let log = self.log
            device = try PseudoTerminalDevice(configuration) { log.append($0) }
            device.start()
            let engine = Engine(therapyProtocol: therapyProtocol, transport: SerialTransport(path: device.path, baud: baud))
            thread = SessionHost(engine: engine, pacing: .realTime(speed: 1), sinks: [collector])
            thread.start()
        }

        func start() -> Bool {
            guard eventually(15, { $0.linkUp && $0.state == .idle }) else { return false }
            thread.begin(screening: EngineHarness.clearScreening, start: true)
            return eventually(15) { $0.state == .running }
        }

        func eventually(_ seconds: Double = 15, _ condition: (EngineSnapshot) -> Bool) -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if let snapshot = thread.snapshot, condition(snapshot) { return true }
                usleep(2_000)
            }
            return false
        }

        func logged(_ text: String, within seconds: Double = 10) -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if log.contains(text) { return true }
                usleep(1_000)
            }
            return false
        }

        func finish() {
            thread.shutDown()
            device.stop()
        }
    }

    static func load() throws -> TherapyProtocol {
        try ProtocolLoader.load(text: shortProtocol, file: "serial-short.toml").therapyProtocol
    }

    @Test func aWholeProtocolStreamsToTheDevice() throws {
        let session = try Session(try Self.load())
        defer { session.finish() }
        #expect(session.start())
        #expect(session.eventually(15) { $0.state == .finished },
                "\(session.thread.snapshot.map { "\($0.state): \($0.alarms.map(\.message))" } ?? "no snapshot")")
        #expect(session.thread.snapshot?.alarms.isEmpty == true, "\(session.thread.snapshot?.alarms.map(\.message) ?? [])")
        #expect(session.logged("channel 1 output on"))
        #expect(session.logged("channel 2 output on"))
        // Four seconds at 100 Hz on two channels: 800 pulses were sent, and the device played them.
        let (delivered, skipped) = session.device.pulseCounts
        #expect(delivered + skipped <= 800)
        #expect(delivered >= 760)
        session.thread.shutDown()
        let events = session.collector.events
        #expect(events.filter { if case .programmeStarted = $0.kind { true } else { false } }.count == 2)
    }

    /// A 4 kHz carrier, amplitude-modulated at 100 Hz and soft-started: every pulse differs from the one before, so
    /// every pulse is a run of its own (or a ramp's pulse) on the device. Queued 80 ms ahead of a device that had
    /// 256 runs of room, that was 320 runs, and the session ended 0.1 s in with "the device's queue was full".
    static let premodulatedCarrier = """
        format = 1
        id = "serial-carrier"
        title = "Premodulated IFC"
        indication = "Link tests."
        placement = "Pads on the knee."
        channels = 1
        contraindications = []

        [electrode]
        kind = "pad"
        area = "50 cm²"

        [[programme]]
        name = "Premodulated"
        modality = "ifc-2-pole-premodulated"
        duration = "2 s"
        shape = "sine-carrier"
        carrier = "4000 Hz"
        beat = "100 Hz"
        depth = "100 %"
        amplitude = { start = "0 mA", target = "25 mA", max = "50 mA" }
        """

    /// A 1.0 device need hold only the runs of the next 40 ms (161 at 4 kHz; 256 leaves room for a slow handshake's
    /// error); a 1.1 device, the runs of its whole lookahead (the emulator's 1024 cover 100 ms at 10 kHz).
    @Test(arguments: [(UInt8(0), 256), (UInt8(1), 1024)])
    func aCarrierWhosePulsesAllDifferStaysWithinTheRoomADeviceMustHave(minor: UInt8, room: Int) throws {
        let therapyProtocol = try ProtocolLoader.load(text: Self.premodulatedCarrier, file: "serial-carrier.toml").therapyProtocol
        // 115200 baud cannot carry a pulse-by-pulse carrier (the link budget refuses it); a pseudo-terminal takes any rate.
        let session = try Session(therapyProtocol, baud: 921_600, device: .init(channels: 2, minor: minor, queueCapacity: room))
        defer { session.finish() }
        #expect(session.start())
        #expect(session.eventually(15) { $0.state == .finished },
                "\(session.thread.snapshot.map { "\($0.state): \($0.alarms.map(\.message))" } ?? "no snapshot")")
        #expect(!session.log.contains("refused RUNS"))
        // Two seconds at 4 kHz: the device played nearly all of the 8000 pulses (a late host costs a few).
        #expect(session.device.pulseCounts.delivered >= 7200)
    }

    @Test func stopAllReachesTheDeviceAndItsOutputGoesOff() throws {
        let session = try Session(try Self.load())
        defer { session.finish() }
        #expect(session.start())
        // Both on first: a channel still off when the STOP byte arrives has no output to turn off, and says nothing.
        #expect(session.logged("channel 1 output on"))
        #expect(session.logged("channel 2 output on"))
        session.thread.send(.stopAll)
        #expect(session.logged("channel 1 output off (STOP byte)"))
        #expect(session.logged("channel 2 output off (STOP byte)"))
        #expect(session.eventually(15) { $0.emergencyLatched && $0.channels.allSatisfy { $0.commanded == .zero } })
    }

    @Test func theDeviceVanishingMidSessionEndsItWithAnAlarm() throws {
        let session = try Session(try Self.load())
        #expect(session.start())
        #expect(session.logged("channel 1 output on"))
        session.device.stop()
        #expect(session.eventually(15) { $0.state == .aborted })
        let snapshot = try #require(session.thread.snapshot)
        #expect(snapshot.channels.allSatisfy { $0.commanded == .zero })
        // Usually the closed line is noticed first; on a loaded machine an unanswered frame may be: both are a lost link.
        #expect(snapshot.alarms.contains { $0.priority == .high && $0.message.contains("link lost") },
                "\(snapshot.alarms.map(\.message))")
        session.thread.shutDown()
    }
}
