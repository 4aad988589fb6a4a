import Crypto
import Foundation
import Testing
@testable import HomeUnit

@Suite struct PrescriptionSignatureTests {
    let folder = HomeFixtures.folder()

    func signed() throws -> (path: String, bytes: [UInt8], key: ClinicianKey.Public) {
        let made = try ClinicianKey.generate(name: "Dr A. Example", in: folder, file: "dr")
        let path = folder + "/p.toml"
        let bytes = Array(HomeFixtures.prescription.utf8)
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        let key = try ClinicianKey.readPrivate(made.privatePath)
        _ = try PrescriptionSignature.sign(bytes, of: path, with: key.key, name: key.name)
        return (path, bytes, made.publicKey)
    }

    @Test func aSignedPrescriptionChecksOutAndNamesItsSigner() throws {
        let s = try signed()
        #expect(try PrescriptionSignature.check(s.bytes, of: s.path) == .signed(by: s.key.raw))
    }

    /// One byte changed anywhere, to anything: the signature no longer holds.
    @Test func everyChangedByteIsCaught() throws {
        let s = try signed()
        for position in s.bytes.indices {
            var tampered = s.bytes
            tampered[position] ^= UInt8(1 << (position % 8))
            #expect(try PrescriptionSignature.check(tampered, of: s.path) == .altered(by: s.key.raw), "byte \(position)")
        }
        #expect(try PrescriptionSignature.check(s.bytes + [0x0A], of: s.path) == .altered(by: s.key.raw), "a byte added")
        #expect(try PrescriptionSignature.check(Array(s.bytes.dropLast()), of: s.path) == .altered(by: s.key.raw), "a byte cut")
    }

    @Test func withoutASignatureFileItIsUnsigned() throws {
        let path = folder + "/q.toml"
        #expect(try PrescriptionSignature.check(Array(HomeFixtures.prescription.utf8), of: path) == .unsigned)
    }

    @Test func onlyATrustedKeyLetsItRun() throws {
        let s = try signed()
        let trust = TrustStore(folder: folder + "/trusted")
        let verdict = try PrescriptionSignature.check(s.bytes, of: s.path)
        #expect(PrescriptionCheck.signature(verdict, trust: trust) == .untrusted(fingerprint: s.key.fingerprint))
        _ = try trust.trust(s.key)
        #expect(PrescriptionCheck.signature(verdict, trust: trust) == nil)
        #expect(PrescriptionCheck.signature(.altered(by: s.key.raw), trust: trust) == .altered)
        #expect(PrescriptionCheck.signature(.unsigned, trust: trust) == .unsigned)
    }

    @Test func aDamagedSignatureOrKeyFileSaysWhereAndWhat() throws {
        let s = try signed()
        let sig = PrescriptionSignature.path(for: s.path)
        var text = try String(contentsOfFile: sig, encoding: .utf8)
        text = text.replacingOccurrences(of: "galvani-ed25519-signature ", with: "galvani-ed25519-signature AAAA")
        try text.write(toFile: sig, atomically: true, encoding: .utf8)
        #expect(throws: KeyFileError.self) { try PrescriptionSignature.check(s.bytes, of: s.path) }
        do {
            _ = try PrescriptionSignature.check(s.bytes, of: s.path)
        } catch {
            #expect(error.message.contains("\(sig):3:27: error: the signature must be 64 bytes in base64"), "\(error.message)")
        }
        let pub = folder + "/dr.pub"
        try "galvani-ed25519-public-key abc\nname X\n".write(toFile: pub + ".bad", atomically: true, encoding: .utf8)
        #expect(throws: KeyFileError.self) { try ClinicianKey.readPublic(pub + ".bad") }
    }

    @Test func aPrivateKeyOthersCanReadIsRefusedAndKeysAreNeverOverwritten() throws {
        let made = try ClinicianKey.generate(name: "Dr B", in: folder, file: "b")
        var info = stat()
        stat(made.privatePath, &info)
        #expect(info.st_mode & 0o777 == 0o600)
        chmod(made.privatePath, 0o644)
        #expect(throws: KeyFileError.self) { try ClinicianKey.readPrivate(made.privatePath) }
        #expect(throws: KeyFileError.self) { try ClinicianKey.generate(name: "Dr B", in: folder, file: "b") }
    }
}
