import Foundation
import StimulationCore
import Transports
@testable import StimulationEngine

/// Drives a session through the one session host on its stepped clock: every test step is explicit, nothing
/// sleeps, and each event is in `events` the moment the step that caused it returns.
struct EngineHarness {
    let host: SessionHost
    private let recording: RecordingTransport?
    var events: [SessionEvent] = []

    static let protocolsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("protocols").path

    static func bundled(_ id: String) throws -> TherapyProtocol {
        try ProtocolLoader.load(path: protocolsDirectory + "/" + id + ".toml").therapyProtocol
    }

    static let clearScreening = Contraindication.noneApply

    init(_ therapyProtocol: TherapyProtocol, transport: RecordingTransport = RecordingTransport(), prescription: [Int: Current] = [:]) {
        self.init(engine: Engine(therapyProtocol: therapyProtocol, transport: transport, prescription: prescription),
                  recording: transport)
    }

    /// Any engine, on whatever device it was given: the test reaches that device through `device(as:)`.
    init(engine: sending Engine) { self.init(engine: engine, recording: nil) }

    private init(engine: sending Engine, recording: RecordingTransport?) {
        self.recording = recording
        host = SessionHost(engine: engine, pacing: .stepped, sinks: [], sessionOperator: nil, sinkCapacity: SinkPump.capacity,
                           retainingEvents: true)
        host.start()
        collect()
    }

    /// The recording device the harness was made with.
    var transport: RecordingTransport { recording! }

    mutating func collect() { events += host.takeRetainedEvents() }

    mutating func send(_ command: Command) {
        host.send(command)
        collect()
    }

    /// Screening clear, then start.
    mutating func startSession() {
        host.begin(screening: Self.clearScreening, start: true)
        collect()
    }

    mutating func run(for span: TimeSpan, step: TimeSpan = EngineTiming.tick) {
        let end = now + span
        while now < end, host.phase == .live { host.advance(by: min(step, end - now)) }
        collect()
    }

    mutating func runUntilOver(step: TimeSpan = .milliseconds(20), limit: TimeSpan = .minutes(120)) {
        while !state.isOver, now < limit, host.phase == .live {
            host.advance(by: step)
            if events.count > 10_000 { events.removeAll() }
            collect()
        }
    }

    mutating func shutDown() {
        host.shutDown()
        collect()
    }

    var now: TimeSpan { host.now }
    var state: SessionState { host.inspect { $0.currentState } }
    var snapshot: EngineSnapshot { host.inspect { $0.snapshot } }
    var summary: SessionSummary { host.inspect { $0.summary } }
    var coveredUntil: TimeSpan? { host.inspect { $0.coveredUntil } }
    func nextWake(after time: TimeSpan) -> TimeSpan { host.inspect { $0.nextWake(after: time) } }

    /// The session's device, looked at under the session's lock.
    func device<Device: Transport, Result: Sendable>(as type: Device.Type, _ body: (Device) -> Result) -> Result {
        host.inspect { body($0.transport as! Device) }
    }

    func alarms(_ match: (Alarm) -> Bool) -> [Alarm] { snapshot.alarms.filter(match) }
}
