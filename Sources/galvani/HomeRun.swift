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
        let zone: TimeZone
        do { zone = try settings.zone() } catch {
            StandardError.write("Error: \(error.message)")
            throw ExitCode(1)
        }
        let store = try openRecords(settings, patient: unitPatient)
        if history {
            try HomeHistory.print(store: store, patient: unitPatient, days: days, zone: zone)
            return
        }
        // One patient's console at a time: two open at once could each start the day's last session.
        let lock = open(settings.folder + "/home.lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard lock >= 0, flock(lock, LOCK_EX | LOCK_NB) == 0 else {
            StandardError.write("Another Galvani session is already open on this unit. Finish it first.")
            throw ExitCode(1)
        }
        defer { close(lock) }
        let gate = HomeGate(settings: settings, patient: unitPatient, store: store, zone: zone)
        let (prescription, protocols) = try gate.prescription()
        let console = try gate.console(prescription, protocols: protocols)
        let records = ConsoleRecords(store: store, patient: unitPatient, operatorName: "the patient, at home",
                                     protocolTexts: Dictionary(uniqueKeysWithValues: protocols.map { ($0.therapyProtocol.id, $0.text) }))
        let choices = protocols.map(\.therapyProtocol)
        let app = ConsoleApp(therapyProtocol: choices.count == 1 ? choices[0] : nil, choices: choices,
                             options: .init(theme: try ConsoleLauncher.theme(theme), records: records, home: console)) {
            transport.make(for: $0)
        }
        try ConsoleLauncher.run(app)
    }

    /// The records are the unit's memory of what the patient has had: without them no session can be counted, and
    /// a missing file is never replaced by an empty one once the unit has started a session.
    private func openRecords(_ settings: HomeSettings, patient: String) throws -> RecordsStore {
        let path = RecordsLocation.defaultPath()
        do {
            if !FileManager.default.fileExists(atPath: path), try settings.ledger.read().sessions > 0 {
                throw RecordsError("\(path) is missing")
            }
            let store = try RecordsStore(path: path)
            _ = try store.importFallbacks() + store.closeInterrupted()
            // A home unit knows its patient by identifier only; the records need them as a patient for a FHIR report.
            if try store.patient(clinicID: patient) == nil {
                _ = try store.addPatient(clinicID: patient, name: patient, birthYear: nil)
            }
            return store
        } catch {
            StandardError.write(PrescriptionRefusal.recordsUnavailable("\(error)").description)
            throw ExitCode(1)
        }
    }
}
