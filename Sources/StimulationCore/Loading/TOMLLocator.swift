/// Finds where each key and array element of a TOML document is written.
///
/// TOMLKit reports positions only for syntax errors, yet an out-of-range value must
/// be reported at its own line. This scanner runs after TOMLKit has accepted the
/// text, so it only has to follow valid TOML: headers, dotted and quoted keys,
/// inline tables, arrays and multi-line strings. Paths name array-of-table entries
/// by index: `programme.2.frequency`.
public struct TOMLLocator {
    private(set) var positions: [String: SourceLocation] = [:]

    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var lineStart = 0
    private var arrayCounts: [String: Int] = [:]
    /// The column at `countedTo` on the current line, so each position costs only the bytes since the last.
    private var countedTo = 0
    private var countedColumns = 0

    public init(text: String) {
        bytes = Array(text.utf8)
        scanDocument()
    }

    /// The position of `path`, or of its nearest written ancestor (a key set by an inline table, say).
    func location(of path: String) -> SourceLocation {
        var candidate = path
        while true {
            if let found = positions[candidate] { return found }
            guard let dot = candidate.lastIndex(of: ".") else { return SourceLocation(line: 1, column: 1) }
            candidate = String(candidate[..<dot])
        }
    }

    // MARK: - Scanning

    private var atEnd: Bool { index >= bytes.count }
    private var current: UInt8 { bytes[index] }

    private var here: SourceLocation {
        mutating get {
            // Columns count characters, not bytes: skip UTF-8 continuation bytes.
            if countedTo < lineStart || countedTo > index {
                countedTo = lineStart
                countedColumns = 0
            }
            countedColumns += bytes[countedTo..<index].filter { $0 & 0xC0 != 0x80 }.count
            countedTo = index
            return SourceLocation(line: line, column: countedColumns + 1)
        }
    }

    private mutating func step() {
        if current == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        index += 1
    }

    private func peek(_ offset: Int) -> UInt8? {
        index + offset < bytes.count ? bytes[index + offset] : nil
    }

    private mutating func skipBlank(newlines: Bool) {
        while !atEnd {
            switch current {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): step()
            case UInt8(ascii: "\n") where newlines: step()
            case UInt8(ascii: "#"):
                while !atEnd, current != UInt8(ascii: "\n") { step() }
            default: return
            }
        }
    }

    private mutating func scanDocument() {
        var table: [String] = []
        while !atEnd {
            skipBlank(newlines: true)
            guard !atEnd else { return }
            if current == UInt8(ascii: "[") {
                table = scanHeader()
            } else {
                scanKeyValue(in: table)
            }
        }
    }

    private mutating func scanHeader() -> [String] {
        let start = here
        step()
        let isArray = !atEnd && current == UInt8(ascii: "[")
        if isArray { step() }
        skipBlank(newlines: false)
        let keys = scanKey()
        while !atEnd, current != UInt8(ascii: "\n") { step() }
        var resolved: [String] = []
        for (i, key) in keys.enumerated() {
            resolved.append(key)
            let joined = resolved.joined(separator: ".")
            if i == keys.count - 1, isArray {
                let next = arrayCounts[joined, default: 0]
                arrayCounts[joined] = next + 1
                resolved.append(String(next))
            } else if let count = arrayCounts[joined] {
                resolved.append(String(count - 1))
            }
        }
        positions[resolved.joined(separator: ".")] = start
        return resolved
    }

    private mutating func scanKey() -> [String] {
        var parts: [String] = []
        while !atEnd {
            skipBlank(newlines: false)
            if current == UInt8(ascii: "\"") || current == UInt8(ascii: "'") {
                parts.append(scanQuotedKey())
            } else {
                let begin = index
                while !atEnd, isBareKeyByte(current) { step() }
                parts.append(String(decoding: bytes[begin..<index], as: UTF8.self))
            }
            skipBlank(newlines: false)
            guard !atEnd, current == UInt8(ascii: ".") else { break }
            step()
        }
        return parts
    }

    private mutating func scanQuotedKey() -> String {
        let quote = current
        step()
        var key: [UInt8] = []
        while !atEnd, current != quote {
            if quote == UInt8(ascii: "\""), current == UInt8(ascii: "\\") { key.append(current); step() }
            key.append(current)
            step()
        }
        if !atEnd { step() }
        return String(decoding: key, as: UTF8.self)
    }

    private func isBareKeyByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
            || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
    }

    private mutating func scanKeyValue(in table: [String]) {
        let start = here
        let path = (table + scanKey()).joined(separator: ".")
        positions[path] = start
        skipBlank(newlines: false)
        if !atEnd, current == UInt8(ascii: "=") { step() }
        skipBlank(newlines: false)
        scanValue(path: path)
    }

    private mutating func scanValue(path: String) {
        guard !atEnd else { return }
        switch current {
        case UInt8(ascii: "{"): scanInlineTable(path: path)
        case UInt8(ascii: "["): scanArray(path: path)
        case UInt8(ascii: "\""), UInt8(ascii: "'"): scanString()
        default:
            while !atEnd, ![UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: "#"),
                            UInt8(ascii: "\n")].contains(current) { step() }
        }
    }

    private mutating func scanString() {
        let quote = current
        let triple = peek(1) == quote && peek(2) == quote
        if triple {
            step(); step(); step()
            while !atEnd {
                if current == UInt8(ascii: "\\"), quote == UInt8(ascii: "\"") { step(); if !atEnd { step() }; continue }
                if current == quote, peek(1) == quote, peek(2) == quote {
                    step(); step(); step()
                    // Up to two more quotes may close a multi-line string.
                    while !atEnd, current == quote { step() }
                    return
                }
                step()
            }
            return
        }
        step()
        while !atEnd, current != quote, current != UInt8(ascii: "\n") {
            if current == UInt8(ascii: "\\"), quote == UInt8(ascii: "\"") { step() }
            if !atEnd { step() }
        }
        if !atEnd, current == quote { step() }
    }

    private mutating func scanInlineTable(path: String) {
        step()
        while !atEnd {
            skipBlank(newlines: true)
            guard !atEnd else { return }
            if current == UInt8(ascii: "}") { step(); return }
            if current == UInt8(ascii: ",") { step(); continue }
            let start = here
            let key = path + "." + scanKey().joined(separator: ".")
            positions[key] = start
            skipBlank(newlines: false)
            if !atEnd, current == UInt8(ascii: "=") { step() }
            skipBlank(newlines: false)
            scanValue(path: key)
        }
    }

    private mutating func scanArray(path: String) {
        step()
        var element = 0
        while !atEnd {
            skipBlank(newlines: true)
            guard !atEnd else { return }
            if current == UInt8(ascii: "]") { step(); return }
            if current == UInt8(ascii: ",") { step(); continue }
            let elementPath = path + "." + String(element)
            positions[elementPath] = here
            scanValue(path: elementPath)
            element += 1
        }
    }
}
