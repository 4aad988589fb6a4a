import ArgumentParser
import Foundation
import HomeUnit

struct HomeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "home",
        abstract: "A patient's home unit: the patient's console, and setting the unit up (patient, clinician PIN, prescription).",
        subcommands: [HomeRun.self, HomeSetup.self, HomeInstall.self, HomeExport.self],
        defaultSubcommand: HomeRun.self
    )
}

struct HomeSetup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "setup",
        abstract: "First start of a home unit: the patient it is for and the clinician PIN (asked twice).",
        discussion: "Once a PIN is set, changing the patient needs it."
    )

    @Option(help: "The patient's identifier, as prescriptions name them (e.g. P-100).")
    var patient: String

    func run() throws {
        let pin = ClinicianPIN()
        let settings = HomeSettings.standard()
        if pin.isSet {
            try ClinicianGate.unlock(pin: pin)
        } else {
            guard let first = PINPrompt.read("New clinician PIN (at least 6 digits): "),
                  let second = PINPrompt.read("The same PIN again: ") else {
                StandardError.write("Error: no PIN given")
                throw ExitCode(1)
            }
            guard first == second else {
                StandardError.write("Error: the two PINs differ; nothing was set")
                throw ExitCode(1)
            }
            do { try pin.set(first) } catch {
                StandardError.write("Error: \(error.message)")
                throw ExitCode(1)
            }
        }
        do { try settings.setPatient(patient) } catch {
            StandardError.write("Error: \(error.message)")
            throw ExitCode(1)
        }
        print("this unit is for \(patient); its settings are in \(settings.folder)")
    }
}

struct HomeInstall: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Install a signed prescription on this unit (asks for the clinician PIN).",
        discussion: "It is checked first exactly as the unit will check it before every session; a refused one is not installed."
    )

    @Argument(help: "The prescription file; its signature FILE.sig must be beside it.")
    var file: String

    func run() throws {
        let settings = HomeSettings.standard()
        let unitPatient = try ClinicianGate.unitPatient(settings)
        let input = try PrescriptionInput.load(file)
        var refusals: [PrescriptionRefusal] = []
        let signature: [UInt8]
        do {
            if let refusal = PrescriptionCheck.signature(try PrescriptionSignature.check(input.bytes, of: file), trust: .standard()) {
                refusals.append(refusal)
            }
            signature = Array(FileManager.default.contents(atPath: PrescriptionSignature.path(for: file)) ?? Data())
        } catch {
            StandardError.write("Error: \(error.message)")
            throw ExitCode(1)
        }
        refusals += PrescriptionCheck.terms(input.prescription, unitPatient: unitPatient, today: CalendarDay(Date()),
                                            installed: PrescriptionInput.installed)
        guard refusals.isEmpty else {
            for refusal in refusals { StandardError.write(refusal.description) }
            throw ExitCode(1)
        }
        try ClinicianGate.unlock()
        do { try settings.install(prescription: input.bytes, signature: signature) } catch {
            StandardError.write("Error: \(error.message)")
            throw ExitCode(1)
        }
        print("installed the prescription for \(unitPatient) by \(input.prescription.clinician), valid until \(input.prescription.validUntil)")
    }
}
