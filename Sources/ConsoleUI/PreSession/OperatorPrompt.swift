import StimulationCore

/// Asks once per console start who is operating, for every record made until the console closes.
public struct OperatorPrompt: Sendable {
    public private(set) var field = TextField(limit: 80)
    public private(set) var name: String?
    public private(set) var cancelled = false

    public init() {}

    public mutating func handle(_ key: Key) {
        if field.handle(key) { return }
        switch key {
        case .enter where !field.trimmed.isEmpty: name = field.trimmed
        case .escape: cancelled = true
        default: break
        }
    }

    public func draw(into buffer: inout ScreenBuffer, _ rect: Rect) {
        buffer.fill(rect)
        BoxFrame.draw(into: &buffer, rect, title: "Operator")
        buffer.write("Who is operating? Your name goes into every session's record until the console closes.",
                     x: rect.x + 2, y: rect.y + 2, role: .normal, limit: rect.width - 4)
        buffer.write("> " + field.shown(width: rect.width - 8, focused: true), x: rect.x + 2, y: rect.y + 4, role: .value,
                     limit: rect.width - 4)
        buffer.write("Enter continue · Esc quit", x: rect.x + 2, y: rect.maxY - 2, role: .dim, limit: rect.width - 4)
    }
}
