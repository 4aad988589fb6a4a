import Testing
@testable import ConsoleUI
@testable import TreatmentRecords

/// The patient's last sessions beside the chooser, so a therapist starts from what was used last time.
@Suite struct PatientHistoryTests {
    let ada = PatientRecord(id: "1", clinicID: "P-001", name: "Ada Lovelace", birthYear: 1961)

    func listing(_ started: String, delivered: Int64?, highest: [Int64], end: String?) -> SessionListing {
        SessionListing(id: started, patient: "P-001", operatorName: "T. Smith", startedAt: started, endedAt: nil,
                       protocolID: "tens-conventional", protocolSHA256: "", transport: "simulator", endState: end,
                       endReason: nil, deliveredNanoseconds: delivered, highestMicroamps: highest, documented: true)
    }

    func screen(_ chooser: PatientChooser) -> String {
        var buffer = ScreenBuffer(width: 100, height: 30)
        chooser.draw(into: &buffer, Rect(x: 0, y: 0, width: 100, height: 30))
        return buffer.lines.joined(separator: "\n")
    }

    @Test func theHighlightedPatientsLastSessionsShowDateProtocolTimeAmplitudesAndEnd() {
        var chooser = PatientChooser(patients: [ada])
        chooser.history = [
            listing("2026-11-25T09:30:00.000Z", delivered: 1_200_000_000_000, highest: [20_000, 15_000], end: "finished"),
            // A session a killed process left has no summary: its time is unknown, not zero.
            listing("2026-11-24T16:05:00.000Z", delivered: nil, highest: [], end: "interrupted"),
        ]
        let text = screen(chooser)
        #expect(text.contains("Last sessions of P-001"), "\(text)")
        #expect(text.contains("2026-11-25 09:30  tens-conventional  20 min  20.0 mA/15.0 mA  finished"), "\(text)")
        #expect(text.contains("2026-11-24 16:05  tens-conventional  ? min  —  interrupted"), "\(text)")
    }

    @Test func aPatientWithoutSessionsSaysSo() {
        let text = screen(PatientChooser(patients: [ada]))
        #expect(text.contains("P-001: no sessions yet"), "\(text)")
    }
}
