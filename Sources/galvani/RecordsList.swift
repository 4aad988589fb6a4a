import ArgumentParser
import Foundation
import StimulationCore
import StimulationEngine
import TreatmentRecords

struct RecordsList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Sessions, newest first.")

    @OptionGroup var file: RecordsFile

    @Option(help: ArgumentHelp("Only this patient's sessions.", valueName: "id"))
    var patient: String?

    @Option(help: ArgumentHelp("Only sessions started on or after this day (UTC).", valueName: "YYYY-MM-DD"),
            transform: RecordsDate.parse)
    var since: Date?

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func run() throws {
        let store = try file.open()
        let sessions = try recordsAction { () throws(RecordsError) in try store.sessions(patient: patient, since: since) }
        if json {
            print(SessionJSON.line(["sessions": sessions.map(\.json)]))
            return
        }
        guard !sessions.isEmpty else {
            print("no sessions\(patient.map { " for patient \($0)" } ?? "") in \(store.path)")
            return
        }
        var rows = [["SESSION", "STARTED (UTC)", "PATIENT", "PROTOCOL", "DELIVERED", "HIGHEST", "END", "DOCUMENTED"]]
        for s in sessions {
            rows.append([String(s.id.prefix(8)), String(s.startedAt.prefix(16)).replacingOccurrences(of: "T", with: " "),
                         s.patient ?? "(none)", s.protocolID, RecordsText.duration(s.deliveredNanoseconds),
                         s.highestMicroamps.map(SessionListing.amplitudeText).joined(separator: " "),
                         s.endState ?? "open", s.documented ? "yes" : "not documented"])
        }
        print(RecordsText.table(rows))
    }
}
