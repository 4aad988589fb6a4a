import Crypto
import Foundation

/// A detached Ed25519 signature over a prescription file's exact bytes, in FILE.sig beside it: the signer's public
/// key and the signature. Any byte of the prescription changed afterwards and the signature no longer holds.
public enum PrescriptionSignature {
    static let keyLabel = "signed-by"
    static let signatureLabel = "galvani-ed25519-signature"

    public static func path(for prescription: String) -> String { prescription + ".sig" }

    /// Signs `bytes` (the file at `prescription`) and writes the signature beside it.
    public static func sign(_ bytes: [UInt8], of prescription: String, with key: Curve25519.Signing.PrivateKey,
                            name: String) throws(KeyFileError) -> String {
        let signature: Data
        do { signature = try key.signature(for: bytes) } catch { throw KeyFileError("cannot sign \(prescription): \(error)") }
        let path = path(for: prescription)
        try KeyFile.write(["# The signature of \(URL(fileURLWithPath: prescription).lastPathComponent) by \(name).",
                           "\(keyLabel) \(key.publicKey.rawRepresentation.base64EncodedString())",
                           "\(signatureLabel) \(signature.base64EncodedString())"], to: path, mode: 0o644)
        return path
    }

    public enum Verdict: Equatable, Sendable {
        /// Signed by this key, and the bytes are the ones signed.
        case signed(by: [UInt8])
        case unsigned
        /// The bytes are not the ones the key signed: edited after signing.
        case altered(by: [UInt8])
    }

    public static func check(_ bytes: [UInt8], of prescription: String) throws(KeyFileError) -> Verdict {
        let path = path(for: prescription)
        guard FileManager.default.fileExists(atPath: path) else { return .unsigned }
        let file = try KeyFile.read(path, expecting: [keyLabel, signatureLabel], what: "a prescription signature")
        let raw = try file.bytes(keyLabel, count: 32, what: "the signer's public key")
        let signature = try file.bytes(signatureLabel, count: 64, what: "the signature")
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else {
            throw KeyFileError("\(path): error: the signer's key is not an Ed25519 public key")
        }
        return key.isValidSignature(signature, for: bytes) ? .signed(by: raw) : .altered(by: raw)
    }
}
