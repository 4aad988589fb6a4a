

/// Finds what toml++ (inside TOMLKit) would assert on, rather than report, before the text
/// reaches it: a debug build aborts there, and a release build has been told it cannot happen.
/// Two kinds of input do it: a table header that does not start with a key (`[\x]`), and an
/// unquoted value that is no TOML value (`a = [}`, `a = 1979-05-27 1`, `a = 1979-05-27true`).
///
/// One scan follows strings, comments and brackets just far enough to know where each header
/// and each value starts. Everything it reports is invalid TOML anyway, so no valid file's
/// meaning changes. It also bounds nesting (toml++ recurses once per level of arrays, inline
/// tables and dotted keys) and refuses escapes that would put a control character into text
/// (`\u0000` would silently cut a string short; `\u001b` would command a terminal).
struct StructureCheck {
    /// Galvani's files nest a few levels (`programme.channel.2.phase_width`); far more is no Galvani file.
    static let deepestNesting = 32
    private let bytes: [UInt8]
    private var i = 0
    private var line = 1
    private var lineStart = 0
    /// The arrays and inline tables the scan is inside, innermost last.
    private var open: [UInt8] = []
    private var atLineStart = true
    /// After `=`, and after `[` or `,` in an array, toml++ reads a value.
    private var expectingValue = false
    /// Dots in the key being read, which nest a table per dot.
    private var keyDots = 0

    /// `headerExample` shows valid headers of the kind of file being read.
    static func firstProblem(in bytes: [UInt8], headerExample: String) -> (location: SourceLocation, message: String)? {
        var check = StructureCheck(bytes: bytes, headerExample: headerExample)
        return check.scan()
    }

    private let headerExample: String

    private init(bytes: [UInt8], headerExample: String) {
        self.bytes = bytes
        self.headerExample = headerExample
    }

    private var location: SourceLocation { location(at: i) }

    private func location(at index: Int) -> SourceLocation {
        SourceLocation(line: line, column: bytes[lineStart..<index].filter { $0 & 0xC0 != 0x80 }.count + 1)
    }

    private mutating func scan() -> (location: SourceLocation, message: String)? {
        while i < bytes.count {
            let b = bytes[i]
            switch b {
            case UInt8(ascii: "\n"):
                line += 1
                lineStart = i + 1
                atLineStart = true
                keyDots = 0
                i += 1
                continue
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                i += 1
                continue
            case UInt8(ascii: "#"):
                while i < bytes.count, bytes[i] != UInt8(ascii: "\n") { i += 1 }
                continue
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                if let problem = skipString(quote: b) { return problem }
                expectingValue = false
            case UInt8(ascii: "[") where open.isEmpty && atLineStart:
                if let problem = checkHeader() ?? checkHeaderDepth() { return problem }
                // toml++ reads nothing more on a header's line.
                while i < bytes.count, bytes[i] != UInt8(ascii: "\n") { i += 1 }
                continue
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                open.append(b)
                guard open.count + keyDots <= Self.deepestNesting else {
                    return (location, "arrays and tables nest deeper than \(Self.deepestNesting) levels here; "
                        + "Galvani's files need only a few")
                }
                expectingValue = b == UInt8(ascii: "[")
                keyDots = 0
                i += 1
            case UInt8(ascii: "}") where expectingValue && open.last == UInt8(ascii: "["):
                return (location, "an array holds values separated by commas; found '}' where a value should start")
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                if !open.isEmpty { open.removeLast() }
                expectingValue = false
                i += 1
            case UInt8(ascii: ","):
                expectingValue = open.last == UInt8(ascii: "[")
                keyDots = 0
                i += 1
            case UInt8(ascii: "="):
                expectingValue = true
                i += 1
            case UInt8(ascii: ".") where !expectingValue:
                keyDots += 1
                guard open.count + keyDots <= Self.deepestNesting else {
                    return (location, "a dotted key nests deeper than \(Self.deepestNesting) levels; Galvani's files need only a few")
                }
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

    private mutating func skipString(quote: UInt8) -> (location: SourceLocation, message: String)? {
        let triple = i + 2 < bytes.count && bytes[i + 1] == quote && bytes[i + 2] == quote
        i += triple ? 3 : 1
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\\"), quote == UInt8(ascii: "\"") {
                if let problem = checkEscape() { return problem }
                i += 2
                continue
            }
            if b == UInt8(ascii: "\n") {
                if !triple { return nil }
                line += 1
                lineStart = i + 1
            }
            if b == quote, !triple {
                i += 1
                return nil
            }
            if b == quote, i + 2 < bytes.count, bytes[i + 1] == quote, bytes[i + 2] == quote {
                i += 3
                // Up to two more quotes belong to the string's text.
                var extra = 0
                while extra < 2, i < bytes.count, bytes[i] == quote { i += 1; extra += 1 }
                return nil
            }
            i += 1
        }
        return nil
    }

    /// An escape at `i` that writes a control character: `\b`, `\f`, `\e`, or `\u`/`\U` naming C0 (but tab and
    /// newline), DEL or C1. The text is refused where it is written rather than cut short or printed raw.
    private func checkEscape() -> (location: SourceLocation, message: String)? {
        guard i + 1 < bytes.count else { return nil }
        let letter = bytes[i + 1]
        let scalar: UInt32
        switch letter {
        case UInt8(ascii: "b"): scalar = 0x08
        case UInt8(ascii: "f"): scalar = 0x0C
        case UInt8(ascii: "e"): scalar = 0x1B
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let digits = letter == UInt8(ascii: "u") ? 4 : 8
            guard i + 2 + digits <= bytes.count,
                  let value = UInt32(String(decoding: bytes[(i + 2)..<(i + 2 + digits)], as: UTF8.self), radix: 16) else { return nil }
            scalar = value
        default: return nil
        }
        guard let written = Unicode.Scalar(scalar), ControlCharacter.isControl(written) else { return nil }
        return (location(at: i), "the escape writes the control character \(ControlCharacter.name(scalar)) into the text; "
            + "text in Galvani's files holds printable characters, tabs and line breaks only")
    }

    /// A header nests one table per dot of its key.
    private func checkHeaderDepth() -> (location: SourceLocation, message: String)? {
        var j = i, dots = 0, quote: UInt8?
        while j < bytes.count, bytes[j] != UInt8(ascii: "\n") {
            let b = bytes[j]
            if let q = quote {
                if b == q { quote = nil }
            } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                quote = b
            } else if b == UInt8(ascii: ".") {
                dots += 1
            } else if b == UInt8(ascii: "]") {
                break
            }
            j += 1
        }
        guard dots < Self.deepestNesting else {
            return (location, "a table header nests deeper than \(Self.deepestNesting) levels; Galvani's files need only a few")
        }
        return nil
    }

    /// toml++ guards a header against `]` only before reading its key; anything else that cannot
    /// start a key trips its assertion.
    private func checkHeader() -> (location: SourceLocation, message: String)? {
        var j = i + 1
        if j < bytes.count, bytes[j] == UInt8(ascii: "[") { j += 1 }
        while j < bytes.count, bytes[j] == UInt8(ascii: " ") || bytes[j] == UInt8(ascii: "\t") { j += 1 }
        // Running out of text is toml++'s own, safe, end-of-file error.
        guard j < bytes.count, !Self.startsKey(bytes[j]) else { return nil }
        let shown = bytes[j] == UInt8(ascii: "\n") || bytes[j] == UInt8(ascii: "\r") ? "the end of the line"
            : bytes[j] < 0x20 ? "a control character" : "'\(String(decoding: [bytes[j]], as: UTF8.self))'"
        return (location(at: j), "a table header must start with a key, as in \(headerExample); found \(shown)")
    }

    private static func startsKey(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
            || b == UInt8(ascii: "_") || b == UInt8(ascii: "-") || b == UInt8(ascii: "\"") || b == UInt8(ascii: "'")
            || b == UInt8(ascii: "]")
    }

    /// Reads the unquoted value at `i`, as far as toml++ would, and moves past it.
    private mutating func checkUnquotedValue() -> (location: SourceLocation, message: String)? {
        let start = i
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
        return (location(at: start), "\(shown) is not a TOML value: text is written in quotes, as in \"red\"; "
            + "numbers as 255 or 2.5; also true, false, and dates and times such as 1979-05-27T07:32:00")
    }

    /// The characters that end an unquoted value for toml++.
    private static func endsValue(_ b: UInt8) -> Bool {
        [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"), UInt8(ascii: ","),
         UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: "#")].contains(b)
    }
}
