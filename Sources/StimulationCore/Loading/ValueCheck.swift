

/// Finds a value toml++ (inside TOMLKit) might assert on, rather than report, before the text
/// reaches it: a debug build aborts there, and a release build has been told it cannot happen.
/// `a = [}`, `a = 1979-05-27 1` and `a = 1979-05-27true` are such values.
///
/// The scan follows strings, comments and brackets just far enough to know where each value
/// starts, as `HeaderCheck` does for table headers. Each unquoted value must then be one
/// TOML allows: a number, true or false, inf or nan, a date or a time. Anything else is invalid
/// TOML anyway, so reporting it here changes no valid file's meaning.
struct ValueCheck {
    private let bytes: [UInt8]
    private var i = 0
    private var line = 1
    private var lineStart = 0
    /// The arrays and inline tables the scan is inside, innermost last.
    private var open: [UInt8] = []
    private var atLineStart = true
    /// After `=`, and after `[` or `,` in an array, toml++ reads a value.
    private var expectingValue = false

    static func firstProblem(in bytes: [UInt8]) -> (location: SourceLocation, message: String)? {
        var check = ValueCheck(bytes: bytes)
        return check.scan()
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private var location: SourceLocation {
        SourceLocation(line: line, column: bytes[lineStart..<i].filter { $0 & 0xC0 != 0x80 }.count + 1)
    }

    private mutating func scan() -> (location: SourceLocation, message: String)? {
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
                expectingValue = false
            case UInt8(ascii: "[") where open.isEmpty && atLineStart:
                // A table header; toml++ reads nothing more on its line.
                while i < bytes.count, bytes[i] != UInt8(ascii: "\n") { i += 1 }
                continue
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                open.append(b)
                expectingValue = b == UInt8(ascii: "[")
                i += 1
            case UInt8(ascii: "}") where expectingValue && open.last == UInt8(ascii: "["):
                return (location, "an array holds values separated by commas; found '}' where a value should start")
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                if !open.isEmpty { open.removeLast() }
                expectingValue = false
                i += 1
            case UInt8(ascii: ","):
                expectingValue = open.last == UInt8(ascii: "[")
                i += 1
            case UInt8(ascii: "="):
                expectingValue = true
                i += 1
            default:
                guard expectingValue else {
                    i += 1
                    break
                }
                expectingValue = false
                if let problem = checkUnquotedValue() { return problem }
            }
            atLineStart = false
        }
        return nil
    }

    private mutating func skipString(quote: UInt8) {
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
            if b == quote, !triple {
                i += 1
                return
            }
            if b == quote, i + 2 < bytes.count, bytes[i + 1] == quote, bytes[i + 2] == quote {
                i += 3
                // Up to two more quotes belong to the string's text.
                var extra = 0
                while extra < 2, i < bytes.count, bytes[i] == quote { i += 1; extra += 1 }
                return
            }
            i += 1
        }
    }

    /// Reads the unquoted value at `i`, as far as toml++ would, and moves past it.
    private mutating func checkUnquotedValue() -> (location: SourceLocation, message: String)? {
        let start = i
        let startLocation = location
        func runEnd(from index: Int) -> Int {
            var end = index
            while end < bytes.count, !Self.endsValue(bytes[end]) { end += 1 }
            return end
        }
        var end = runEnd(from: start)
        // A date-time may have a space in place of the T; toml++ reads on when a digit follows it.
        if end - start == 10, end + 1 < bytes.count, bytes[end] == UInt8(ascii: " "),
           (0x30...0x39).contains(bytes[end + 1]) {
            end = runEnd(from: end + 1)
        }
        i = end
        guard !UnquotedValue.isValid(bytes[start..<end]) else { return nil }
        let text = String(decoding: bytes[start..<end], as: UTF8.self)
        let shown = text.count <= 30 && text.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F }
            ? "`\(text)`" : "this"
        return (startLocation, "\(shown) is not a TOML value: text is written in quotes, as in \"red\"; "
            + "numbers as 255 or 2.5; also true, false, and dates and times such as 1979-05-27T07:32:00")
    }

    /// The characters that end an unquoted value for toml++.
    private static func endsValue(_ b: UInt8) -> Bool {
        [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"), UInt8(ascii: ","),
         UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: "#")].contains(b)
    }
}
