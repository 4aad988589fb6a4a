/// Characters that a terminal obeys rather than shows: C0 (but tab and line feed), DEL and C1.
/// Text from outside (a file, a device) holding one is refused, so nothing it says can move the
/// cursor, clear the screen or hide a safety figure when it is printed.
public enum ControlCharacter {
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (v < 0x20 && v != 0x09 && v != 0x0A) || (0x7F...0x9F).contains(v)
    }

    /// The first control character in `text`, as "U+001B", or nil.
    public static func first(in text: String) -> String? {
        text.unicodeScalars.first(where: isControl).map { name($0.value) }
    }

    /// A code point as messages write it: "U+001B".
    public static func name(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// `text` with every control character shown as ⟨U+001B⟩: for text read back from somewhere Galvani did not check
    /// (a database another program may have edited) before it reaches a terminal.
    public static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var shown = ""
        for scalar in text.unicodeScalars {
            if isControl(scalar) { shown += "⟨" + name(scalar.value) + "⟩" } else { shown.unicodeScalars.append(scalar) }
        }
        return shown
    }
}
