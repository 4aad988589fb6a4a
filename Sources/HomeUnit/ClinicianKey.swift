import Crypto
import Foundation

/// A clinician's Ed25519 key pair: the private half signs prescriptions and never leaves its 0600 file; the public
/// half is what a home unit trusts.
public enum ClinicianKey {
    static let privateLabel = "galvani-ed25519-private-key"
    static let publicLabel = "galvani-ed25519-public-key"

    public struct Public: Sendable, Equatable {
        public var raw: [UInt8]
        public var name: String

        /// The first 16 hex digits of the key's SHA-256: how people and files name a key.
        public var fingerprint: String { Self.fingerprint(raw) }

        static func fingerprint(_ raw: [UInt8]) -> String {
            SHA256.hash(data: raw).prefix(8).map { String(format: "%02x", $0) }.joined()
        }

        var key: Curve25519.Signing.PublicKey { try! Curve25519.Signing.PublicKey(rawRepresentation: raw) }
    }

    /// Writes NAME.key (0600) and NAME.pub in `folder`, refusing to overwrite either.
    public static func generate(name: String, in folder: String, file: String) throws(KeyFileError) -> (privatePath: String, publicKey: Public) {
        let key = Curve25519.Signing.PrivateKey()
        let publicKey = Public(raw: Array(key.publicKey.rawRepresentation), name: name)
        let privatePath = folder + "/" + file + ".key"
        try KeyFile.write(["# A clinician's prescription-signing key. Keep it secret: whoever has it can prescribe.",
                           "\(privateLabel) \(key.rawRepresentation.base64EncodedString())",
                           "name \(name)"], to: privatePath, mode: 0o600)
        try KeyFile.write(["# The public half of \(name)'s signing key; a home unit trusts it with galvani clinician trust.",
                           "\(publicLabel) \(Data(publicKey.raw).base64EncodedString())",
                           "name \(name)"], to: folder + "/" + file + ".pub", mode: 0o644)
        return (privatePath, publicKey)
    }

    public static func readPrivate(_ path: String) throws(KeyFileError) -> (key: Curve25519.Signing.PrivateKey, name: String) {
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & 0o077 != 0 {
            throw KeyFileError("\(path) can be read by others (mode \(String(info.st_mode & 0o777, radix: 8))); "
                + "a signing key must be private: chmod 600 \(path)")
        }
        let file = try KeyFile.read(path, expecting: [privateLabel, "name"], what: "a private signing key")
        let raw = try file.bytes(privateLabel, count: 32, what: "the private key")
        guard let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw) else {
            throw KeyFileError("\(path): error: not an Ed25519 private key")
        }
        return (key, file.text("name"))
    }

    public static func readPublic(_ path: String) throws(KeyFileError) -> Public {
        let file = try KeyFile.read(path, expecting: [publicLabel, "name"], what: "a public key")
        let raw = try file.bytes(publicLabel, count: 32, what: "the public key")
        guard (try? Curve25519.Signing.PublicKey(rawRepresentation: raw)) != nil else {
            throw KeyFileError("\(path): error: not an Ed25519 public key")
        }
        return Public(raw: raw, name: file.text("name"))
    }
}
