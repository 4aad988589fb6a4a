/// A time in digits five rows tall, for a patient who reads the timer from across a room.
enum BigClock {
    static let rows = 5

    /// Each glyph is three columns by five rows; a ':' is one column.
    private static let glyphs: [Character: [String]] = [
        "0": ["███", "█ █", "█ █", "█ █", "███"],
        "1": ["  █", "  █", "  █", "  █", "  █"],
        "2": ["███", "  █", "███", "█  ", "███"],
        "3": ["███", "  █", "███", "  █", "███"],
        "4": ["█ █", "█ █", "███", "  █", "  █"],
        "5": ["███", "█  ", "███", "  █", "███"],
        "6": ["███", "█  ", "███", "█ █", "███"],
        "7": ["███", "  █", "  █", "  █", "  █"],
        "8": ["███", "█ █", "███", "█ █", "███"],
        "9": ["███", "█ █", "███", "  █", "███"],
        ":": [" ", "█", " ", "█", " "],
    ]

    /// The five rows of `text` ("12:34" or "1:02:03"), glyphs one column apart.
    static func lines(_ text: String) -> [String] {
        (0..<rows).map { row in text.compactMap { glyphs[$0]?[row] }.joined(separator: " ") }
    }

    /// Draws `text` centred in `rect`, or in plain digits when the rect is too small for the big ones.
    static func draw(into buffer: inout ScreenBuffer, _ rect: Rect, _ text: String, role: StyleRole) {
        let big = lines(text)
        guard rect.height >= rows, let width = big.first?.count, width <= rect.width else {
            buffer.write(text, x: rect.x + max(0, (rect.width - text.count) / 2), y: rect.y, role: role, limit: rect.width)
            return
        }
        let x = rect.x + (rect.width - width) / 2
        for (row, line) in big.enumerated() { buffer.write(line, x: x, y: rect.y + row, role: role) }
    }
}
