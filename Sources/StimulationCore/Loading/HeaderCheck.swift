/// Finds a table header whose name does not start with a key, before the text reaches toml++.
///
/// toml++ (inside TOMLKit) asserts, rather than reports, when a header such as `[\x]`
/// begins with a character that cannot start a key; in a debug build that aborts the
/// process. This scan follows strings, comments and value brackets just far enough to
/// know which `[` open a header, and reports the bad ones as ordinary errors.
public enum HeaderCheck {
    /// `example` shows valid headers of the kind of file being read.
    public static func firstProblem(in bytes: [UInt8], example: String = "[programme] or [[programme]]") -> TextCheck.Problem? {
        var i = 0, line = 1, lineStart = 0
        var depth = 0
        var atLineStart = true
        func location(_ index: Int) -> SourceLocation {
            SourceLocation(line: line, column: bytes[lineStart..<index].filter { $0 & 0xC0 != 0x80 }.count + 1)
        }
        func skipString(quote: UInt8) {
            let triple = i + 2 < bytes.count && bytes[i + 1] == quote && bytes[i + 2] == quote
            i += triple ? 3 : 1
            while i < bytes.count {
                let b = bytes[i]
                if b == UInt8(ascii: "\\"), quote == UInt8(ascii: "\"") { i += 2; continue }
                if b == UInt8(ascii: "\n") {
                    if !triple { return }
                    line += 1
                    lineStart = i + 1
                }
                if b == quote, !triple || (i + 2 < bytes.count && bytes[i + 1] == quote && bytes[i + 2] == quote) {
                    i += triple ? 3 : 1
                    return
                }
                i += 1
            }
        }
        while i < bytes.count {
            let b = bytes[i]
            switch b {
            case UInt8(ascii: "\n"):
                line += 1
                lineStart = i + 1
                atLineStart = true
                i += 1
                continue
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                i += 1
                continue
            case UInt8(ascii: "#"):
                while i < bytes.count, bytes[i] != UInt8(ascii: "\n") { i += 1 }
                continue
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                skipString(quote: b)
            case UInt8(ascii: "[") where depth == 0 && atLineStart:
                var j = i + 1
                if j < bytes.count, bytes[j] == UInt8(ascii: "[") { j += 1 }
                while j < bytes.count, bytes[j] == UInt8(ascii: " ") || bytes[j] == UInt8(ascii: "\t") { j += 1 }
                // Running out of text is toml++'s own, safe, end-of-file error.
                if j < bytes.count, !startsKey(bytes[j]) {
                    let shown = bytes[j] == UInt8(ascii: "\n") || bytes[j] == UInt8(ascii: "\r") ? "the end of the line"
                        : bytes[j] < 0x20 ? "a control character" : "'\(String(decoding: [bytes[j]], as: UTF8.self))'"
                    return TextCheck.Problem(location: location(j),
                        message: "a table header must start with a key, as in \(example); found \(shown)")
                }
                while i < bytes.count, bytes[i] != UInt8(ascii: "\n") { i += 1 }
                continue
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                i += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth = max(0, depth - 1)
                i += 1
            default:
                i += 1
            }
            atLineStart = false
        }
        return nil
    }

    private static func startsKey(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
            || b == UInt8(ascii: "_") || b == UInt8(ascii: "-") || b == UInt8(ascii: "\"") || b == UInt8(ascii: "'")
            || b == UInt8(ascii: "]")
    }
}
