import ArgumentParser
import HomeUnit

/// Clinician mode's door: the PIN, asked once, with the lock after wrong tries.
enum ClinicianGate {
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
