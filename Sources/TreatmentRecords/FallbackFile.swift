import Foundation
import Glibc

/// Where a session's record goes when the database stops taking it: JSON lines, one entry each, flushed to the disk
/// with every batch. Beside the database when that folder takes it, else in the temporary folder.
final class FallbackFile: Sendable {
    let path: String
    private let fd: Int32

    private init(path: String, fd: Int32) {
        self.path = path
        self.fd = fd
    }

    deinit { Glibc.close(fd) }

    static let suffix = ".fallback.jsonl"

    static func candidates(beside databasePath: String, session: String) -> [String] {
        [databasePath + "." + session + suffix, NSTemporaryDirectory() + "/galvani-" + session + suffix]
    }

    static func open(beside databasePath: String, session: String) -> FallbackFile? {
        for path in candidates(beside: databasePath, session: session) {
            let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
            if fd >= 0 { return FallbackFile(path: path, fd: fd) }
        }
        return nil
    }

    /// True when every line reached the disk.
    func append(_ entries: [RecordEntry]) -> Bool {
        var bytes: [UInt8] = []
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for entry in entries {
            guard let line = try? encoder.encode(entry) else { return false }
            bytes += line
            bytes.append(0x0A)
        }
        let written = bytes.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0, errno == EINTR { continue }
                guard n > 0 else { return false }
                offset += n
            }
            return true
        }
        return written && fsync(fd) == 0
    }

    static func writeToStandardError(_ entries: [RecordEntry], session: String) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var text = "galvani: the record of session \(session) could not be written to any file; its last \(entries.count) entries follow as JSON lines:\n"
        for entry in entries {
            if let line = try? encoder.encode(entry) { text += String(decoding: line, as: UTF8.self) + "\n" }
        }
        FileHandle.standardError.write(Data(text.utf8))
    }
}
