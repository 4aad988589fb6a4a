import Crypto
import Foundation

/// SHA-256 in lower-case hex: protocol texts are stored under it and every record entry chains to the last by it,
/// so the same content always has the same name wherever it is copied.
public enum ContentHash {
    public static func sha256(_ data: some DataProtocol) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    public static func sha256(_ text: String) -> String { sha256(Data(text.utf8)) }
}
