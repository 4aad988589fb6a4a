import ArgumentParser
import ConsoleUI
import Foundation
import HomeUnit
import StimulationCore
import TreatmentRecords

/// `galvani home`: the patient's console. Every check a prescription needs runs before the screen opens, and a
/// refusal is a sentence the patient can act on.
struct HomeRun: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "The patient's console: runs only what the installed prescription allows (the default of galvani home).",
        discussion: """
        The prescription is checked before every session: its signature and signer, its patient and dates, the \
        protocols' exact text, and the sessions already in the records (how many today, how long since the last). \
        With --history it shows the last days' sessions instead.
        """
    )

    @Flag(help: "Show the sessions of the last days (see --days) instead of starting one.")
    var history = false

    @Option(help: "How many days --history shows, 1 to 366.")
    var days = 14

    @Option(help: ArgumentHelp("Where output goes: \(TransportSpec.help).", valueName: "transport"),
            transform: TransportSpec.parse)
    var transport: TransportSpec = .simulator

    @Option(help: "Console theme: a name (default, high-contrast, monochrome, light) or a theme file.")
    var theme: String = ThemeLibrary.defaultName

    @Option(help: ArgumentHelp("The records file (SQLite); default \(RecordsLocation.defaultPath()).", valueName: "path"))
    var records: String?

    func validate() throws {
        guard (1...366).contains(days) else { throw ValidationError("--days \(days): give 1 to 366") }
    }

    func run() throws {
        WriteFailureSignals.ignore()
        let settings = HomeSettings.standard()
        guard let unitPatient = settings.patient else {
            StandardError.write("This unit is not set up yet. Your clinician sets it up with: galvani home setup --patient ID")
            throw ExitCode(1)
        }
        let store = try openRecords()
        if history {
            try HomeHistory.print(store: store, patient: unitPatient, days: days)
            return
        }
        let (prescription, protocols) = try HomeGate.check(settings: settings, unitPatient: unitPatient, store: store)
        let console = try HomeGate.console(prescription, protocols: protocols)
        let records = ConsoleRecords(store: store, patient: unitPatient, operatorName: "the patient, at home",
                                     protocolTexts: Dictionary(uniqueKeysWithValues: protocols.map { ($0.therapyProtocol.id, $0.text) }))
        let choices = protocols.map(\.therapyProtocol)
        let app = ConsoleApp(therapyProtocol: choices.count == 1 ? choices[0] : nil, choices: choices,
                             options: .init(theme: try ConsoleLauncher.theme(theme), records: records, home: console)) {
            transport.make(for: $0)
        }
        try ConsoleLauncher.run(app)
    }

    /// The records are the unit's memory of what the patient has had: without them no session can be counted.
    private func openRecords() throws -> RecordsStore {
        let path = records ?? RecordsLocation.defaultPath()
        do {
            let store = try RecordsStore(path: path)
            _ = try store.importFallbacks() + store.closeInterrupted()
            // A home unit knows its patient by identifier only; the records need them as a patient for a FHIR report.
            if let patient = HomeSettings.standard().patient, try store.patient(clinicID: patient) == nil {
                _ = try store.addPatient(clinicID: patient, name: patient, birthYear: nil)
            }
            return store
        } catch {
            StandardError.write(PrescriptionRefusal.recordsUnavailable(error.description).description)
            throw ExitCode(1)
        }
    }
}
