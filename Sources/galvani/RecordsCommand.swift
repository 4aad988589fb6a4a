import ArgumentParser
import StimulationCore
import TreatmentRecords

struct RecordsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "records",
        abstract: "Treatment records: list, show, verify and export sessions; add patients.",
        discussion: """
        Every session run with galvani run is kept in one SQLite file (\(RecordsLocation.defaultPath()) unless \
        --records says otherwise): who, by whom, the exact protocol text, every event, a 1 Hz trace per channel, \
        and the end. Entries are only ever appended, each chained to the one before by SHA-256; verify finds \
        any edited or removed afterwards.
        """,
        subcommands: [RecordsList.self, RecordsShow.self, RecordsVerify.self, RecordsExportCommand.self,
                      RecordsDocument.self, RecordsAddPatient.self, RecordsPatients.self]
    )
}

/// The records file a `records` subcommand reads.
struct RecordsFile: ParsableArguments {
    @Option(help: ArgumentHelp("The records file; default \(RecordsLocation.defaultPath()).", valueName: "path"))
    var records: String?

    /// Opens the records, first bringing in what a fallback file holds and closing sessions a killed galvani left open.
    func open() throws -> RecordsStore {
        do {
            let store = try RecordsStore(path: records ?? RecordsLocation.defaultPath())
            for note in try store.importFallbacks() + store.closeInterrupted() {
                StandardError.write("records: " + ControlCharacter.visible(note))
            }
            return store
        } catch {
            StandardError.write("Error: \(error.description)")
            throw ExitCode(1)
        }
    }
}

/// Runs a records query, turning a records error into its words and exit status 1.
func recordsAction<T>(_ body: () throws(RecordsError) -> T) throws -> T {
    do {
        return try body()
    } catch {
        StandardError.write("Error: \(error.description)")
        throw ExitCode(1)
    }
}
