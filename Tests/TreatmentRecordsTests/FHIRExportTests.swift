import Foundation
import Testing
@testable import TreatmentRecords

/// The FHIR mapping's own choices, checked on a record made by hand (the FHIR models check the structure elsewhere).
@Suite struct FHIRExportTests {
    func listing(end: String?, delivered: Int64?) -> SessionListing {
        SessionListing(id: "8058f9d0-0000-4000-8000-000000000001", patient: "P-1", operatorName: "Op",
                       startedAt: "2026-12-01T10:00:00.000Z", endedAt: end == nil ? nil : "2026-12-01T10:20:00.000Z",
                       protocolID: "tens-conventional", protocolSHA256: "abc", transport: "simulator", endState: end,
                       endReason: nil, deliveredNanoseconds: delivered, highestMicroamps: [], documented: false)
    }

    func trace(_ second: Int64, _ delivered: Int) -> RecordEntry {
        RecordEntry(sessionID: "s", seq: second, time: second * 1_000_000_000, wall: "", kind: "trace",
                    payload: RecordPayload.text(["channels": [["channel": 1, "target_uA": 1000, "commanded_uA": 1000,
                                                               "delivered_uA": delivered, "impedance_ohm": 500]]]),
                    prev: "", hash: "")
    }

    @Test func aSecondTheRecordLacksIsMarkedSoLaterSamplesKeepTheirTime() throws {
        let observations = FHIRExport.traceObservations(listing(end: "finished", delivered: 3_000_000_000),
                                                        entries: [trace(0, 10), trace(1, 20), trace(3, 40)],
                                                        subject: [:], partOf: [:])
        let components = try #require(observations.first?["component"] as? [[String: Any]])
        let delivered = try #require(components.first { ($0["code"] as? [String: Any])?["text"] as? String == "delivered amplitude" })
        #expect((delivered["valueSampledData"] as? [String: Any])?["data"] as? String == "10 20 E 40")
    }

    @Test func statusesFollowWhatHappened() {
        #expect(FHIRExport.status(listing(end: "finished", delivered: 1)) == "completed")
        #expect(FHIRExport.status(listing(end: "stopped", delivered: 5)) == "stopped")
        #expect(FHIRExport.status(listing(end: "stopped", delivered: 0)) == "not-done")
        #expect(FHIRExport.status(listing(end: nil, delivered: 0)) == "in-progress")
        #expect(FHIRExport.observationStatus(listing(end: nil, delivered: 0)) == "preliminary")
        #expect(FHIRExport.observationStatus(listing(end: "finished", delivered: 1)) == "final")
    }
}
