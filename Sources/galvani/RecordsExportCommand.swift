import ArgumentParser
import StimulationEngine
import TreatmentRecords

struct RecordsExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "A session, or all of a patient's, as CSV or JSON.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, json, fhir
    }

    @OptionGroup var file: RecordsFile

    @Argument(help: "The session's id (or its beginning); leave out with --patient.")
    var session: String?

    @Option(help: ArgumentHelp("Every session of this patient.", valueName: "id"))
    var patient: String?

    @Option(help: "csv (traces and events), json (the whole record) or fhir (a FHIR R5 Bundle per session; one per line for --patient).")
    var format: Format

    func validate() throws {
        if (session == nil) == (patient == nil) { throw ValidationError("give a session or --patient ID, one of them") }
    }

    func run() throws {
        let store = try file.open()
        let sessions = try recordsAction { () throws(RecordsError) -> [(SessionListing, [RecordEntry], String?)] in
            let ids: [String]
            if let session {
                ids = [try store.resolveSession(session)]
            } else {
                ids = try store.sessions(patient: patient).map(\.id).reversed()
            }
            var found: [(SessionListing, [RecordEntry], String?)] = []
            for id in ids {
                let listing = try store.session(id)!
                found.append((listing, try store.entries(of: id), try store.protocolText(sha256: listing.protocolSHA256)))
            }
            return found
        }
        if sessions.isEmpty {
            StandardError.write("Error: no sessions for patient \(patient ?? "") in \(store.path)")
            throw ExitCode(1)
        }
        switch format {
        case .csv:
            print(RecordExport.csv(sessions.map { ($0.0, $0.1) }), terminator: "")
        case .json:
            let records = sessions.map { RecordExport.json($0.0, entries: $0.1, protocolText: $0.2) }
            print(SessionJSON.line(session != nil ? records[0] : ["sessions": records]))
        case .fhir:
            for (listing, entries, text) in sessions {
                let patient = try recordsAction { () throws(RecordsError) -> PatientRecord in
                    guard let id = listing.patient, let patient = try store.patient(clinicID: id) else {
                        throw RecordsError("session \(listing.id) names no patient in the records, and a FHIR Procedure needs one; "
                            + "export it as csv or json instead")
                    }
                    return patient
                }
                print(SessionJSON.line(FHIRExport.bundle(listing, entries: entries, patient: patient, protocolText: text)))
            }
        }
    }
}
