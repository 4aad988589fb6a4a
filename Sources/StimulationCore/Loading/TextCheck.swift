/// Rejects bytes that TOMLKit would mishandle before they reach it: invalid UTF-8,
/// and NUL, which would silently cut the text short at the C boundary.
public enum TextCheck {
    public struct Problem {
        public var location: SourceLocation
        public var message: String
    }

    /// `document` names the kind of file in messages: "a protocol file", "a fault script".
    public static func firstProblem(in bytes: [UInt8], document: String = "a protocol file") -> Problem? {
        var line = 1, column = 1, i = 0
        while i < bytes.count {
            let b = bytes[i]
            let length: Int
            switch b {
            case 0x00:
                return Problem(location: SourceLocation(line: line, column: column),
                               message: "the file contains a NUL byte; \(document) is UTF-8 text")
            case 0x01...0x7F: length = 1
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
            guard valid else {
                let hex = String(b, radix: 16, uppercase: true)
                return Problem(location: SourceLocation(line: line, column: column),
                               message: "invalid UTF-8 (byte 0x\(hex.count == 1 ? "0" + hex : hex)); \(document) is UTF-8 text")
            }
            if b == 0x0A { line += 1; column = 1 } else { column += 1 }
            i += length
        }
        return nil
    }
}
