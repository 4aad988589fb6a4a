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

    /// The first place from `start` on that takes the file, and its index; nil when none does.
    static func open(beside databasePath: String, session: String, from start: Int) -> (file: FallbackFile, index: Int)? {
        let paths = candidates(beside: databasePath, session: session)
        for index in paths.indices where index >= start {
            let fd = Glibc.open(paths[index], O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
            if fd >= 0 { return (FallbackFile(path: paths[index], fd: fd), index) }
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
        let written = FileOutput.write(bytes, to: fd)
        return written && fsync(fd) == 0
    }

    static func writeToStandardError(_ entries: [RecordEntry], session: String) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var text = "galvani: the record of session \(session) could not be written to any file; its last \(entries.count) entries follow as JSON lines:\n"
        for entry in entries {
            if let line = try? encoder.encode(entry) { text += String(decoding: line, as: UTF8.self) + "\n" }
        }
        FileOutput.write(Array(text.utf8), to: 2)
    }
}
