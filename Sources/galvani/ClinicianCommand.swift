import ArgumentParser
import Foundation
import HomeUnit

struct ClinicianCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clinician",
        abstract: "A clinician's signing key, and which clinicians' keys a home unit trusts.",
        subcommands: [ClinicianKeygen.self, ClinicianTrust.self]
    )
}

struct ClinicianKeygen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Make an Ed25519 key pair for signing prescriptions: NAME.key (private, mode 0600) and NAME.pub.",
        discussion: "The private key is never printed. Keep it where only you can read it; whoever has it can prescribe."
    )

    @Option(help: "The clinician's name, as patients will see it.")
    var name: String

    @Option(help: ArgumentHelp("Folder for the two files (default: the current one).", valueName: "folder"))
    var out: String = "."

    @Option(help: ArgumentHelp("File name without extension (default: clinician).", valueName: "name"))
    var file: String = "clinician"

    func run() throws {
        do {
            let made = try ClinicianKey.generate(name: name, in: out, file: file)
            print("wrote \(made.privatePath) (private: keep it secret) and \(out)/\(file).pub")
            print("key fingerprint \(made.publicKey.fingerprint)")
        } catch {
            StandardError.write("Error: \(error.message)")
            throw ExitCode(1)
        }
    }
}

struct ClinicianTrust: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trust",
        abstract: "Trust a clinician's public key on this home unit (asks for the clinician PIN)."
    )

    @Argument(help: "The clinician's public key file (NAME.pub).")
    var publicKey: String

    func run() throws {
        let key: ClinicianKey.Public
        do { key = try ClinicianKey.readPublic(publicKey) } catch {
            StandardError.write("Error: \(error.message)")
            throw ExitCode(1)
        }
        try ClinicianGate.unlock()
        do {
            let path = try TrustStore.standard().trust(key)
            print("trusted \(key.name) (\(key.fingerprint)): \(path)")
        } catch {
            StandardError.write("Error: \(error.message)")
            throw ExitCode(1)
        }
    }
}
