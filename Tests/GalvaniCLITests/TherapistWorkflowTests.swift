import Foundation
import GRDB
import Testing

/// A therapist's whole session at the console, in tmux: operator, a new patient, a protocol, screening, the session,
/// its documentation — and the record found again afterwards from `galvani records`.
@Suite(.serialized) struct TherapistWorkflowTests {
    @Test func pickAPatientRunASessionDocumentItAndFindItAgain() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("galvani-workflow-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let records = folder.appendingPathComponent("records.sqlite").path
        let session = try TmuxSession(arguments: ["run", "tens-conventional", "--records", records], width: 100, height: 30)
        #expect(session.waitFor("Who is operating?"), "\(session.screen)")
        try session.send("T. Smith", "Enter")
        #expect(session.waitFor("No patients in the records yet"), "\(session.screen)")
        try session.send("F2")
        #expect(session.waitFor("A new patient."))
        try session.send("P-100", "Tab", "Ada Lovelace", "Tab", "1961", "Enter")
        #expect(session.waitFor("Contraindication screening"), "\(session.screen)")
        for _ in 0..<14 { try session.send("n") }
        try session.send("Enter")
        #expect(session.waitFor("Enter"), "\(session.screen)")
        try session.send("Enter")
        #expect(session.waitFor("treated"), "\(session.screen)")
        #expect(session.screen.contains("· rec"))
        try session.send("s")
        #expect(session.waitFor("RUNNING"), "\(session.screen)")
        try session.send("t")
        #expect(session.waitFor("· present"), "\(session.screen)")
        #expect(session.waitFor("treated 00:02"), "\(session.screen)")
        try session.send("q")
        #expect(session.waitFor("Quit?"))
        try session.send("y")
        #expect(session.waitFor("Document the session"), "\(session.screen)")
        try session.send("6", "Tab", "2", "Tab", "relaxed", "Tab", "Right", "Tab", "Tab", "Tab", "BSpace", "BSpace", "1", "Enter")
        #expect(session.waitFor(seconds: 30) { _ in session.exitStatus != nil })
        #expect(session.exitStatus == 0)

        let cli = CLITests()
        let list = try cli.run(["records", "list", "--records", records, "--patient", "P-100"])
        #expect(list.stdout.contains("tens-conventional") && list.stdout.contains("stopped") && list.stdout.contains(" yes"),
                "\(list.stdout)")
        let database = try DatabaseQueue(path: records)
        let documentation = try database.read {
            try String.fetchOne($0, sql: "SELECT payload FROM entry WHERE kind = 'documentation'")
        }
        #expect(documentation == #"{"attended_minutes":1,"operator":"T. Smith","pain_after":2,"pain_before":6,"response":"relaxed","skin":"normal"}"#)
        #expect(try database.read { try String.fetchOne($0, sql: "SELECT operator FROM session") } == "T. Smith")
        #expect(try cli.run(["records", "verify", "--records", records]).status == 0)
        let fhir = try cli.run(["records", "export", "--patient", "P-100", "--format", "fhir", "--records", records])
        let validated = try RecordsCLITests.validateFHIR(fhir.stdout)
        #expect(validated.status == 0, "\(validated.output)")
        // Two channels' traces and five documented observations besides the patient and the procedure.
        #expect(validated.output.contains("valid, 9 resources"), "\(validated.output)")
    }
}
