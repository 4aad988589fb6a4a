import Foundation
import StimulationCore
import Transports
@testable import StimulationEngine

/// Drives an engine on a manual clock: every test step is explicit, nothing sleeps.
struct EngineHarness {
    let engine: Engine
    let transport: RecordingTransport
    var now = TimeSpan.zero
    var events: [SessionEvent] = []

    static let protocolsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("protocols").path

    static func bundled(_ id: String) throws -> TherapyProtocol {
        try ProtocolLoader.load(path: protocolsDirectory + "/" + id + ".toml").therapyProtocol
    }

    static let clearScreening = Contraindication.noneApply

    init(_ therapyProtocol: TherapyProtocol, transport: RecordingTransport = RecordingTransport(), prescription: [Int: Current] = [:]) {
        self.transport = transport
        engine = Engine(therapyProtocol: therapyProtocol, transport: transport, prescription: prescription)
        engine.connect(at: now)
        collect()
    }

    mutating func collect() { events += engine.drainEvents() }

    mutating func send(_ command: Command) {
        engine.handle(command, at: now)
        collect()
    }

    /// Screening clear, then start.
    mutating func startSession() {
        send(.beginScreening)
        send(.recordScreening(answers: Self.clearScreening, overrideReason: nil))
        send(.start)
    }

    mutating func run(for span: TimeSpan, step: TimeSpan = EngineTiming.tick) {
        let end = now + span
        while now < end {
            now = min(now + step, end)
            engine.tick(at: now)
        }
        collect()
    }

    mutating func runUntilOver(step: TimeSpan = .milliseconds(20), limit: TimeSpan = .minutes(120)) {
        while !engine.currentState.isOver, now < limit {
            now += step
            engine.tick(at: now)
            if events.count > 10_000 { events.removeAll() }
            events += engine.drainEvents()
        }
    }

    var state: SessionState { engine.currentState }
    var snapshot: EngineSnapshot { engine.snapshot }

    func alarms(_ match: (Alarm) -> Bool) -> [Alarm] { snapshot.alarms.filter(match) }
}
