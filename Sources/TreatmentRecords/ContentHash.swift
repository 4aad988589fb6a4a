import Crypto
import Foundation

/// SHA-256 in lower-case hex: protocol texts are stored under it and every record entry chains to the last by it,
/// so the same content always has the same name wherever it is copied.
public enum ContentHash {
    public static func sha256(_ data: some DataProtocol) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex = [UInt8]()
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: data) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    public static func sha256(_ text: String) -> String { sha256(Data(text.utf8)) }
}
