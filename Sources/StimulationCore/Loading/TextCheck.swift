/// Rejects bytes that TOMLKit would mishandle, or that a terminal would obey, before they reach
/// either: invalid UTF-8; NUL, which would silently cut the text short at the C boundary; control
/// characters (C0 but tab, newline and a carriage return before it, DEL, C1), which could move the
/// cursor or clear the screen when a title is printed; a byte-order mark anywhere but the start;
/// and lines longer than `longestLine`, which bounds the work of every later pass.
public enum TextCheck {
    /// Galvani's files have short lines; a limit keeps one pathological line from costing seconds.
    public static let longestLine = 4096

    public struct Problem {
        public var location: SourceLocation
        public var message: String
    }

    /// `document` names the kind of file in messages: "a protocol file", "a fault script".
    public static func firstProblem(in bytes: [UInt8], document: String = "a protocol file") -> Problem? {
        var line = 1, column = 1, i = 0, lineStart = 0
        while i < bytes.count {
            let b = bytes[i]
            let length: Int
            switch b {
            case 0x00:
                return Problem(location: SourceLocation(line: line, column: column),
                               message: "the file contains a NUL byte; \(document) is UTF-8 text")
            case 0x0D where i + 1 < bytes.count && bytes[i + 1] == 0x0A: length = 1
            case 0x01...0x08, 0x0B...0x1F, 0x7F:
                return Problem(location: SourceLocation(line: line, column: column),
                               message: "the file contains the control character \(ControlCharacter.name(UInt32(b))); \(document) is "
                                   + "text with tabs and line breaks only")
            case 0x01...0x7E: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: length = 0
            }
            var valid = length > 0 && i + length <= bytes.count
            if valid, length > 1 {
                valid = bytes[(i + 1)..<(i + length)].allSatisfy { $0 & 0xC0 == 0x80 }
                if valid, length == 3 {
                    let c1 = bytes[i + 1]
                    valid = !(b == 0xE0 && c1 < 0xA0) && !(b == 0xED && c1 > 0x9F)
                }
                if valid, length == 4 {
                    let c1 = bytes[i + 1]
                    valid = !(b == 0xF0 && c1 < 0x90) && !(b == 0xF4 && c1 > 0x8F)
                }
            }
            if valid, length == 2, b == 0xC2, (0x80...0x9F).contains(bytes[i + 1]) {
                return Problem(location: SourceLocation(line: line, column: column),
                               message: "the file contains the control character \(ControlCharacter.name(UInt32(bytes[i + 1]))); "
                                   + "\(document) is text with tabs and line breaks only")
            }
            if valid, length == 3, b == 0xEF, bytes[i + 1] == 0xBB, bytes[i + 2] == 0xBF {
                return Problem(location: SourceLocation(line: line, column: column),
                               message: "a byte-order mark (U+FEFF) inside the text; one may only open the file")
            }
            guard valid else {
                let hex = String(b, radix: 16, uppercase: true)
                return Problem(location: SourceLocation(line: line, column: column),
                               message: "invalid UTF-8 (byte 0x\(hex.count == 1 ? "0" + hex : hex)); \(document) is UTF-8 text")
            }
            if b == 0x0A {
                line += 1
                column = 1
                lineStart = i + 1
            } else {
                column += 1
                if i + length - lineStart > longestLine {
                    return Problem(location: SourceLocation(line: line, column: 1),
                                   message: "line \(line) is longer than \(longestLine) bytes; \(document) keeps each line "
                                       + "shorter (split a long array over several lines)")
                }
            }
            i += length
        }
        return nil
    }
}
