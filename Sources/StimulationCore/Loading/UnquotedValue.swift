/// TOML 1.0's unquoted values: true and false, integers (decimal, hexadecimal, octal,
/// binary), floats (with inf and nan), and offset or local dates and times.
struct UnquotedValue {
    private let bytes: ArraySlice<UInt8>
    private var at: Int

    static func isValid(_ bytes: ArraySlice<UInt8>) -> Bool {
        let words = ["true", "false", "inf", "+inf", "-inf", "nan", "+nan", "-nan"]
        if words.contains(where: { bytes.elementsEqual($0.utf8) }) { return true }
        var number = UnquotedValue(bytes: bytes, at: bytes.startIndex)
        var dateTime = number
        return number.number() || dateTime.dateOrTime()
    }

    private var atEnd: Bool { at == bytes.endIndex }

    private static func isDecimal(_ b: UInt8) -> Bool { (0x30...0x39).contains(b) }

    private mutating func take(_ choices: String) -> Bool {
        guard !atEnd, choices.utf8.contains(bytes[at]) else { return false }
        at += 1
        return true
    }

    /// One or more digits, with single underscores between digits when `underscores` allows.
    private mutating func digits(_ isDigit: (UInt8) -> Bool, underscores: Bool = true) -> Bool {
        guard !atEnd, isDigit(bytes[at]) else { return false }
        at += 1
        while !atEnd {
            if underscores, bytes[at] == UInt8(ascii: "_") {
                guard at + 1 < bytes.endIndex, isDigit(bytes[at + 1]) else { return false }
                at += 2
            } else if isDigit(bytes[at]) {
                at += 1
            } else {
                break
            }
        }
        return true
    }

    private mutating func fixedDigits(_ count: Int) -> Bool {
        for _ in 0..<count {
            guard !atEnd, Self.isDecimal(bytes[at]) else { return false }
            at += 1
        }
        return true
    }

    private mutating func number() -> Bool {
        let radixes: [(String, (UInt8) -> Bool)] = [
            ("0x", { Self.isDecimal($0) || (0x41...0x46).contains($0) || (0x61...0x66).contains($0) }),
            ("0o", { (0x30...0x37).contains($0) }),
            ("0b", { $0 == 0x30 || $0 == 0x31 }),
        ]
        for (prefix, isDigit) in radixes where bytes.starts(with: prefix.utf8) {
            at += 2
            return digits(isDigit) && atEnd
        }
        _ = take("+-")
        // No leading zeros: "0" stands alone.
        if take("0") {
            if !atEnd, Self.isDecimal(bytes[at]) || bytes[at] == UInt8(ascii: "_") { return false }
        } else if !digits(Self.isDecimal) {
            return false
        }
        if take("."), !digits(Self.isDecimal) { return false }
        if take("eE") {
            _ = take("+-")
            if !digits(Self.isDecimal) { return false }
        }
        return atEnd
    }

    private mutating func dateOrTime() -> Bool {
        if fixedDigits(2), take(":") { return timeRest() && atEnd }
        at = bytes.startIndex
        guard fixedDigits(4), take("-"), fixedDigits(2), take("-"), fixedDigits(2) else { return false }
        if atEnd { return true }
        guard take("Tt "), fixedDigits(2), take(":"), timeRest() else { return false }
        if take("Zz") { return atEnd }
        if take("+-") { return fixedDigits(2) && take(":") && fixedDigits(2) && atEnd }
        return atEnd
    }

    /// A time after its hour and colon: minutes, seconds, and any fraction of a second.
    private mutating func timeRest() -> Bool {
        guard fixedDigits(2), take(":"), fixedDigits(2) else { return false }
        return !take(".") || digits(Self.isDecimal, underscores: false)
    }
}
