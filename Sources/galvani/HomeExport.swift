import ArgumentParser
import HomeUnit

/// Clinician mode's compliance report: every session of the unit's patient, behind the clinician PIN.
struct HomeExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the unit's compliance report (asks for the clinician PIN): every session of its patient.",
        discussion: "The same report as galvani records export --patient ID, for the patient this unit is set up for."
    )

    @Option(help: "csv (traces and events), json (the whole record) or fhir (a FHIR R5 Bundle per session, one per line).")
    var format: RecordsExportCommand.Format

    @OptionGroup var file: RecordsFile

    func run() throws {
        let patient = try ClinicianGate.unitPatient(HomeSettings.standard())
        try ClinicianGate.unlock()
        var export = try RecordsExportCommand.parse(["--patient", patient, "--format", format.rawValue]
            + (file.records.map { ["--records", $0] } ?? []))
        try export.validate()
        try export.run()
    }
}
