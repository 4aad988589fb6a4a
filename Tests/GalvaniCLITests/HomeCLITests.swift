import Foundation
import Testing

/// A clinician writes, signs and installs a prescription, and the unit refuses what it should, through the real
/// binary: keys made in the test, the PIN typed on standard input, the unit's configuration in a scratch folder.
@Suite struct HomeCLITests {
    let config = FileManager.default.temporaryDirectory.appendingPathComponent("galvani-home-cli-\(UUID())")
    let work = FileManager.default.temporaryDirectory.appendingPathComponent("galvani-home-work-\(UUID())")
    /// The unit's own data folder: its records and any protocol installed for it.
    var data: URL { work.appendingPathComponent("data") }

    init() throws {
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    }

    func run(_ arguments: [String], input: String = "") throws -> CLITests.Outcome {
        let process = Process()
        process.executableURL = CLITests.binary
        process.arguments = arguments
        process.currentDirectoryURL = CLITests.root
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_DATA_HOME"] = data.path
        environment["XDG_CONFIG_HOME"] = config.path
        process.environment = environment
        let out = Pipe(), err = Pipe(), stdin = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = stdin
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLITests.Outcome(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                                stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// A prescription for P-100 of conventional TENS as installed here, written as a clinician would.
    func writePrescription(maximum: String = "20 mA", until: String = "2099-12-31",
                           protocolID: String = "tens-conventional") throws -> String {
        let hash = try run(["prescription", "hash", protocolID])
        #expect(hash.status == 0, "\(hash.stderr)")
        let text = """
            format = 1
            patient = "P-100"
            clinician = "Dr A. Example"
            contact = "Physiotherapy clinic, 01234 567890"
            screening = "Screened: no implanted device, not pregnant, no epilepsy."
            valid_from = "2026-01-01"
            valid_until = "\(until)"
            sessions_per_day = 2
            minimum_gap = "4 h"
            longest_session = "30 min"

            [[protocol]]
            id = "\(protocolID)"
            sha256 = "\(hash.stdout.trimmingCharacters(in: .whitespacesAndNewlines))"

            [[protocol.channel]]
            channel = 1
            start = "10 mA"
            maximum = "\(maximum)"

            [[protocol.channel]]
            channel = 2
            start = "8 mA"
            maximum = "15 mA"

            """
        let path = work.appendingPathComponent("p-100-\(UUID()).toml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func aClinicianSignsAndInstallsAPrescriptionTheUnitThenTrusts() throws {
        let keygen = try run(["clinician", "keygen", "--name", "Dr A. Example", "--out", work.path, "--file", "dr"])
        #expect(keygen.status == 0, "\(keygen.stderr)")
        #expect(!keygen.stdout.contains(try String(contentsOfFile: work.path + "/dr.key", encoding: .utf8)
            .split(separator: "\n")[1].split(separator: " ")[1]), "the private key is never printed")
        let prescription = try writePrescription()
        let sign = try run(["prescription", "sign", prescription, "--key", work.path + "/dr.key"])
        #expect(sign.status == 0, "\(sign.stderr)")

        // Before the unit trusts the clinician's key, it refuses, and says what to do.
        let untrusted = try run(["prescription", "verify", prescription, "--patient", "P-100"])
        #expect(untrusted.status == 1)
        #expect(untrusted.stderr.contains("signed with a key this unit does not know"), "\(untrusted.stderr)")

        let setup = try run(["home", "setup", "--patient", "P-100"], input: "482916\n482916\n")
        #expect(setup.status == 0, "\(setup.stderr)")
        let wrong = try run(["clinician", "trust", work.path + "/dr.pub"], input: "000000\n")
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("wrong PIN; 4 more tries before clinician mode locks"), "\(wrong.stderr)")
        let trust = try run(["clinician", "trust", work.path + "/dr.pub"], input: "482916\n")
        #expect(trust.status == 0, "\(trust.stderr)")

        let verify = try run(["prescription", "verify", prescription])
        #expect(verify.status == 0, "\(verify.stderr)")
        let install = try run(["home", "install", prescription], input: "482916\n")
        #expect(install.status == 0, "\(install.stderr)")
        #expect(FileManager.default.fileExists(atPath: config.path + "/galvani/prescription.toml"))

        // Edited after signing: one digit of a maximum.
        let text = try String(contentsOfFile: prescription, encoding: .utf8).replacingOccurrences(of: "15 mA", with: "16 mA")
        try text.write(toFile: prescription, atomically: true, encoding: .utf8)
        let edited = try run(["home", "install", prescription], input: "482916\n")
        #expect(edited.status == 1)
        #expect(edited.stderr.contains("This prescription was changed after it was signed"), "\(edited.stderr)")
    }

    @Test func aPrescriptionAboveTheProtocolsMaximumIsNeverSigned() throws {
        _ = try run(["clinician", "keygen", "--name", "Dr B", "--out", work.path, "--file", "b"])
        let prescription = try writePrescription(maximum: "45 mA")
        let sign = try run(["prescription", "sign", prescription, "--key", work.path + "/b.key"])
        #expect(sign.status == 1)
        #expect(sign.stderr.contains("allows 45 mA on channel 1 of \"tens-conventional\", more than the treatment's own maximum of 40 mA"),
                "\(sign.stderr)")
        #expect(!FileManager.default.fileExists(atPath: prescription + ".sig"))
    }

    @Test func anUnsignedOrExpiredPrescriptionIsRefusedInAPatientsWords() throws {
        let unsigned = try run(["prescription", "verify", try writePrescription(), "--patient", "P-100"])
        #expect(unsigned.status == 1)
        #expect(unsigned.stderr.contains("This prescription is not signed"), "\(unsigned.stderr)")
        let expired = try run(["prescription", "verify", try writePrescription(until: "2026-01-31"), "--patient", "P-100"])
        #expect(expired.stderr.contains("This prescription ended on 31 January 2026. Ask your clinician for a new prescription."),
                "\(expired.stderr)")
        let other = try run(["prescription", "verify", try writePrescription(), "--patient", "P-7"])
        #expect(other.stderr.contains("is for patient P-100, but this unit is set up for P-7"), "\(other.stderr)")
    }
}
