import ArgumentParser
import Foundation
import HomeUnit
import StimulationCore
import TreatmentRecords

struct PrescriptionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prescription",
        abstract: "Write, sign and check home prescriptions.",
        discussion: """
        A prescription (TOML, see docs/home.md) names one patient, the protocols they may run (each by id and the \
        SHA-256 of its exact file), per channel where each session starts and the most the patient may reach, how \
        often, and from when until when. It is signed with the clinician's key; a home unit runs only prescriptions \
        signed by a key it trusts.
        """,
        subcommands: [PrescriptionSign.self, PrescriptionVerify.self, PrescriptionHash.self]
    )
}

/// A prescription and its protocols as this machine has them, for signing and verifying alike.
struct PrescriptionInput {
    let path: String
    let prescription: Prescription
    let bytes: [UInt8]

    static func load(_ path: String) throws -> PrescriptionInput {
        do {
            let (prescription, bytes) = try PrescriptionLoader.load(path: path)
            return PrescriptionInput(path: path, prescription: prescription, bytes: bytes)
        } catch {
            StandardError.write(error.description)
            throw ExitCode(1)
        }
    }

    /// The installed protocol with this id: its file's SHA-256 and what it loads to.
    static func installed(_ id: String) -> PrescriptionCheck.Installed? {
        guard let loaded = try? ProtocolLibrary.standard().find(id) else { return nil }
        return PrescriptionCheck.Installed(sha256: ContentHash.sha256(loaded.text), therapyProtocol: loaded.therapyProtocol)
    }
}

struct PrescriptionSign: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Sign a prescription with a clinician's private key: writes FILE.sig beside it.",
        discussion: "The prescription is checked first: its protocols must be installed here, unchanged, and no channel's "
            + "maximum may be above the protocol's."
    )

    @Argument(help: "The prescription file.")
    var file: String

    @Option(help: ArgumentHelp("The clinician's private key (NAME.key from galvani clinician keygen).", valueName: "path"))
    var key: String

    func run() throws {
        let input = try PrescriptionInput.load(file)
        let refusals = input.prescription.protocols.flatMap { allowed -> [PrescriptionRefusal] in
            guard let found = PrescriptionInput.installed(allowed.id) else { return [.protocolMissing(allowed.id)] }
            guard found.sha256 == allowed.sha256 else { return [.protocolChanged(allowed.id)] }
            return PrescriptionCheck.limits(allowed, against: found.therapyProtocol, longest: input.prescription.longestSession)
        }
        guard refusals.isEmpty else {
            for refusal in refusals { StandardError.write("\(file): not signed: \(refusal)") }
            throw ExitCode(1)
        }
        do {
            let signer = try ClinicianKey.readPrivate(key)
            let path = try PrescriptionSignature.sign(input.bytes, of: file, with: signer.key, name: signer.name)
            print("signed by \(signer.name): \(path)")
        } catch {
            StandardError.write("Error: \(error.message)")
            throw ExitCode(1)
        }
    }
}

struct PrescriptionVerify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a prescription as this home unit would: signature, trusted signer, dates, patient, protocols.",
        discussion: "Exit status 0 when it would run; 1 with every reason, in a patient's words, when not."
    )

    @Argument(help: "The prescription file.")
    var file: String

    @Option(help: "The patient this unit is for (default: the one galvani home setup recorded).")
    var patient: String?

    func run() throws {
        let input = try PrescriptionInput.load(file)
        var refusals: [PrescriptionRefusal] = []
        do {
            if let refusal = PrescriptionCheck.signature(try PrescriptionSignature.check(input.bytes, of: file), trust: .standard()) {
                refusals.append(refusal)
            }
        } catch {
            StandardError.write("Error: \(error.message)")
            throw ExitCode(1)
        }
        let unitPatient = patient ?? HomeSettings.standard().patient ?? input.prescription.patient
        refusals += PrescriptionCheck.terms(input.prescription, unitPatient: unitPatient, today: CalendarDay(Date()),
                                            installed: PrescriptionInput.installed)
        guard refusals.isEmpty else {
            for refusal in refusals { StandardError.write(refusal.description) }
            throw ExitCode(1)
        }
        let p = input.prescription
        print("valid: for \(p.patient), by \(p.clinician), \(p.validFrom) to \(p.validUntil); "
            + p.protocols.map(\.id).joined(separator: ", "))
    }
}

struct PrescriptionHash: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hash",
        abstract: "Print the SHA-256 of a protocol's exact file, for a prescription's sha256 key."
    )

    @Argument(help: "A protocol id or file.")
    var protocolName: String

    func run() throws {
        do {
            print(ContentHash.sha256(try ProtocolLibrary.standard().find(protocolName).text))
        } catch {
            StandardError.write("Error: \(error.description)")
            throw ExitCode(1)
        }
    }
}
