import ArgumentParser
import HomeUnit

/// Clinician mode's door: the PIN, asked once, with the lock after wrong tries.
enum ClinicianGate {
    /// The patient the unit is set up for, or exit 1 saying how to set it up.
    static func unitPatient(_ settings: HomeSettings) throws -> String {
        guard let patient = settings.patient else {
            StandardError.write("Error: this unit is not set up yet: run galvani home setup --patient ID")
            throw ExitCode(1)
        }
        return patient
    }

    static func unlock(pin: ClinicianPIN = ClinicianPIN()) throws {
        guard pin.isSet else {
            StandardError.write("Error: \(ClinicianPIN.Refusal.notSet)")
            throw ExitCode(1)
        }
        guard let given = PINPrompt.read("Clinician PIN: ") else {
            StandardError.write("Error: no PIN given")
            throw ExitCode(1)
        }
        do {
            if let refusal = try pin.check(given) {
                StandardError.write("Error: \(refusal)")
                throw ExitCode(1)
            }
        } catch let error as KeyFileError {
            StandardError.write("Error: \(error.message)")
            throw ExitCode(1)
        }
    }
}
