import ArgumentParser
import StimulationCore
import TreatmentRecords

struct RecordsVerify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check that no record was edited or removed since it was written.",
        discussion: "Exit status 0 when every session's chain is whole, 1 when something was changed (each is named)."
    )

    @OptionGroup var file: RecordsFile

    func run() throws {
        let store = try file.open()
        let result = try recordsAction { () throws(RecordsError) in try store.verify() }
        for problem in result.problems { print(ControlCharacter.visible(problem)) }
        guard result.problems.isEmpty else {
            print("\(result.problems.count) problems in \(result.sessions) sessions: the records were changed after they were written")
            throw ExitCode(1)
        }
        print("\(result.sessions) sessions, \(result.entries) entries: every chain is whole; nothing was edited or removed")
    }
}
