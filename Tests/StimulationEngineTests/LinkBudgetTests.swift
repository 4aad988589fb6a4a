import Foundation
import StimulationCore
import Testing
import Transports
@testable import StimulationEngine

/// A protocol the line cannot carry is refused before anything starts, with the baud it would need.
@Suite struct LinkBudgetTests {
    static let bundled = try! FileManager.default.contentsOfDirectory(atPath: EngineHarness.protocolsDirectory)
        .filter { $0.hasSuffix(".toml") }.map { String($0.dropLast(5)) }

    /// The refusal for `id` on a line of `baud`, or nil when the session may start.
    static func refusal(_ id: String, baud: Int) throws -> String? {
        let transport = RecordingTransport()
        transport.lineBytesPerSecond = baud / 10
        let h = EngineHarness(try EngineHarness.bundled(id), transport: transport)
        guard !h.snapshot.linkUp else { return nil }
        return h.snapshot.alarms.first?.message
    }

    @Test func atTheDefault115200BaudOnlyTheCarrierProtocolsAreRefused() throws {
        var refused: [String: String] = [:]
        for id in Self.bundled { refused[id] = try Self.refusal(id, baud: 115_200) }
        // ifc-4-pole-sweep fits since a soft start climbs in stairs: its sweeping pulses then differ only in period.
        #expect(Set(refused.keys) == ["ifc-premodulated", "russian-10-50-10"], "\(refused)")
        let ifc = try #require(refused["ifc-premodulated"])
        #expect(ifc.contains("ifc-premodulated needs up to"))
        #expect(ifc.contains("carries 11520 bytes/s and Galvani uses at most 80 % of it"))
        #expect(ifc.contains("use a line of at least"))
    }

    @Test func atTheBaudItAskedForTheProtocolIsAccepted() throws {
        let message = try #require(try Self.refusal("russian-10-50-10", baud: 115_200))
        let asked = try #require(message.split(separator: " ").firstIndex(of: "least").map { message.split(separator: " ")[$0 + 1] })
        let baud = try #require(Int(asked))
        #expect(try Self.refusal("russian-10-50-10", baud: baud) == nil)
        // The next rate down would not have done.
        let lower = try #require(Engine.standardBauds.last { $0 < baud })
        #expect(try Self.refusal("russian-10-50-10", baud: lower) != nil)
    }

    @Test func aLineWithoutALimitIsNotChecked() throws {
        let h = EngineHarness(try EngineHarness.bundled("ifc-premodulated"))
        #expect(h.snapshot.linkUp)
    }
}
