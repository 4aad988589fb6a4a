/// A plain grid of cells that widgets draw into. The ncurses backend copies a finished buffer
/// to the terminal; tests read it back as lines of text, with no terminal at all.
public struct ScreenBuffer: Hashable, Sendable {
    public struct Cell: Hashable, Sendable {
        /// One column's character. Everything Galvani draws is one column wide.
        public var character: Character
        public var role: StyleRole

        public static let blank = Cell(character: " ", role: .normal)
    }

    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set {
            guard x >= 0, y >= 0, x < width, y < height else { return }
            cells[y * width + x] = newValue
        }
    }

    /// Writes `text` from (x, y), clipped to `limit` columns and to the buffer; returns the columns used.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, role: StyleRole = .normal, limit: Int = .max) -> Int {
        guard y >= 0, y < height else { return 0 }
        var column = x
        var used = 0
        for character in text {
            guard used < limit, column < width else { break }
            if column >= 0 { self[column, y] = Cell(character: character, role: role) }
            column += 1
            used += 1
        }
        return used
    }

    public mutating func fill(_ rect: Rect, character: Character = " ", role: StyleRole = .normal) {
        for y in rect.y..<(rect.y + rect.height) {
            for x in rect.x..<(rect.x + rect.width) { self[x, y] = Cell(character: character, role: role) }
        }
    }

    /// The buffer as text, one string per row, trailing spaces kept so columns line up in tests.
    public var lines: [String] {
        (0..<height).map { y in String(cells[(y * width)..<((y + 1) * width)].map(\.character)) }
    }
}
