import StimulationCore

/// One line of typed text: printable characters only (a control character from the keyboard is ignored, not
/// stored), at most `limit` of them, Backspace to take one back.
public struct TextField: Hashable, Sendable {
    public private(set) var text: String
    public let limit: Int

    public init(_ text: String = "", limit: Int = 100) {
        self.text = String(text.prefix(limit))
        self.limit = limit
    }

    /// True when the key was typing (a character or Backspace).
    @discardableResult
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .backspace:
            if !text.isEmpty { text.removeLast() }
            return true
        case .character(let c):
            guard !c.unicodeScalars.contains(where: ControlCharacter.isControl), c != "\n", c != "\t" else { return false }
            if text.count < limit { text.append(c) }
            return true
        default:
            return false
        }
    }

    public var trimmed: String { text.trimmingCharacters(in: .whitespaces) }

    /// The field as drawn, its end visible when it is longer than the space, with a cursor when it has focus.
    public func shown(width: Int, focused: Bool) -> String {
        let visible = focused ? text + "▏" : text
        return visible.count <= width ? visible : "…" + String(visible.suffix(max(0, width - 1)))
    }
}
