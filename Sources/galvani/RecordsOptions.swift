import ArgumentParser
import StimulationCore
import TreatmentRecords

/// Where a session's record goes, and whose session it is.
struct RecordsOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The records file (SQLite); default \(RecordsLocation.defaultPath()).", valueName: "path"))
    var records: String?

    @Flag(help: "Keep no record of this session (said on screen and in the output).")
    var noRecords = false

    @Option(help: ArgumentHelp("The patient's identifier in the records (see galvani records add-patient).", valueName: "id"))
    var patient: String?

    @Option(name: .customLong("operator"), help: ArgumentHelp("The operator's name, kept in the record.", valueName: "name"))
    var operatorName: String?

    func validate() throws {
        if noRecords, records != nil { throw ValidationError("--records and --no-records: give one of them") }
        if noRecords, patient != nil { throw ValidationError("--patient names whose record this is; with --no-records there is none") }
        for (flag, value) in [("--patient", patient), ("--operator", operatorName), ("--records", records)] {
            guard let value else { continue }
            if value.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("\(flag): give a value, not blank text") }
            if let bad = ControlCharacter.first(in: value) {
                throw ValidationError("\(flag): holds the control character \(bad); give printable text")
            }
            if value.count > 200 { throw ValidationError("\(flag): \(value.count) characters; give at most 200") }
        }
    }

    var path: String { records ?? RecordsLocation.defaultPath() }
}
