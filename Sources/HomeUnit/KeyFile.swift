import Foundation
import StimulationCore

/// The small text files of signing: a key or a signature, one `label value` per line, `#` for comments.
/// Errors name FILE:LINE:COL and what the line should hold.
struct KeyFile {
    let path: String
    /// label → (value, line number)
    let fields: [String: (value: String, line: Int)]

    static let largest = 4096

    static func read(_ path: String, expecting labels: [String], what: String) throws(KeyFileError) -> KeyFile {
        let bytes: [UInt8]
        switch SourceFile.read(path: path, largest: largest, document: what) {
        case .success(let read): bytes = read
        case .failure(let diagnostic): throw KeyFileError(diagnostic.description)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw KeyFileError("\(path):1:1: error: \(what) is text; this file is not UTF-8")
        }
        var fields: [String: (String, Int)] = [:]
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            if let control = ControlCharacter.first(in: line) {
                throw KeyFileError("\(path):\(index + 1):1: error: control character \(control) in \(what)")
            }
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2, labels.contains(parts[0]) else {
                throw KeyFileError("\(path):\(index + 1):1: error: \"\(line.prefix(40))\" is not a line of \(what); "
                    + "expected one of: " + labels.map { "\($0) …" }.joined(separator: ", "))
            }
            guard fields[parts[0]] == nil else {
                throw KeyFileError("\(path):\(index + 1):1: error: \(parts[0]) is given twice in \(what)")
            }
            fields[parts[0]] = (parts[1], index + 1)
        }
        for label in labels where fields[label] == nil {
            throw KeyFileError("\(path):1:1: error: \(what) has no \"\(label) …\" line; is this the right file?")
        }
        return KeyFile(path: path, fields: fields)
    }

    /// A field's bytes from base64, of exactly `count` bytes.
    func bytes(_ label: String, count: Int, what: String) throws(KeyFileError) -> [UInt8] {
        let (value, line) = fields[label]!
        guard let data = Data(base64Encoded: value), data.count == count else {
            throw KeyFileError("\(path):\(line):\(label.count + 2): error: \(what) must be \(count) bytes in base64; "
                + "this one is damaged or cut short")
        }
        return Array(data)
    }

    func text(_ label: String) -> String { fields[label]!.value }

    /// Writes `lines` to `path` with `mode`, made with that mode so it is never readable by others, not even briefly.
    static func write(_ lines: [String], to path: String, mode: mode_t) throws(KeyFileError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else {
            let why = errno == EEXIST ? "it exists already; Galvani never overwrites a key or signature" : String(cString: strerror(errno))
            throw KeyFileError("cannot write \(path): \(why)")
        }
        defer { close(fd) }
        let bytes = Array((lines.joined(separator: "\n") + "\n").utf8)
        guard bytes.withUnsafeBytes({ Glibc.write(fd, $0.baseAddress, $0.count) }) == bytes.count, fsync(fd) == 0 else {
            let why = String(cString: strerror(errno))
            unlink(path)
            throw KeyFileError("cannot write \(path): \(why)")
        }
    }
}
