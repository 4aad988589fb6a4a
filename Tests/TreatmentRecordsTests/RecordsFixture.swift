import Foundation
import StimulationCore
import StimulationEngine
import Transports
@testable import TreatmentRecords

/// A records file of the test's own, and whole sessions run into it on the stepped clock.
struct RecordsFixture {
    let folder: URL
    var path: String { folder.appendingPathComponent("records.sqlite").path }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("galvani-records-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    static let protocolsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("protocols").path

    static func bundled(_ id: String) throws -> ProtocolLoader.Loaded {
        try ProtocolLoader.load(path: protocolsDirectory + "/" + id + ".toml")
    }

    /// A bundled protocol cut to `duration` (e.g. "30 s"), so a whole session is quick to run.
    static func short(_ id: String, duration: String = "30 s") throws -> ProtocolLoader.Loaded {
        let text = try String(contentsOfFile: protocolsDirectory + "/" + id + ".toml", encoding: .utf8)
            .replacingOccurrences(of: #"duration = "20 min""#, with: "duration = \"\(duration)\"")
        return try ProtocolLoader.load(text: text, file: id + ".toml")
    }

    static func header(_ loaded: ProtocolLoader.Loaded, patient: String? = "P-1") -> SessionHeader {
        SessionHeader(patient: patient, operatorName: "Test Operator", protocolID: loaded.therapyProtocol.id,
                      protocolText: loaded.text, transport: "simulator")
    }

    /// Runs `loaded` to its end on the simulator, stepped, into a records writer and a collector.
    func runSession(_ loaded: ProtocolLoader.Loaded, store: RecordsStore, collector: Collector) throws -> String {
        let writer = try RecordsWriter(store: store, header: Self.header(loaded))
        let transport = SimulatorTransport(channels: loaded.therapyProtocol.channels, maximumAmplitude: .milliamps(300))
        let host = SessionHost(engine: Engine(therapyProtocol: loaded.therapyProtocol, transport: transport),
                               pacing: .stepped, sinks: [writer, collector])
        host.begin(screening: Contraindication.noneApply, start: true)
        host.start()
        while !host.isOver { host.advance(by: .milliseconds(20)) }
        host.shutDown()
        return writer.sessionID
    }
}
