/// A single-line box with a title in its top edge.
public enum BoxFrame {
    public static func draw(into buffer: inout ScreenBuffer, _ rect: Rect, title: String = "", titleRole: StyleRole = .title,
                            role: StyleRole = .border) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        for x in (rect.x + 1)..<(rect.maxX - 1) {
            buffer[x, rect.y] = .init(character: "─", role: role)
            buffer[x, rect.maxY - 1] = .init(character: "─", role: role)
        }
        for y in (rect.y + 1)..<(rect.maxY - 1) {
            buffer[rect.x, y] = .init(character: "│", role: role)
            buffer[rect.maxX - 1, y] = .init(character: "│", role: role)
        }
        buffer[rect.x, rect.y] = .init(character: "┌", role: role)
        buffer[rect.maxX - 1, rect.y] = .init(character: "┐", role: role)
        buffer[rect.x, rect.maxY - 1] = .init(character: "└", role: role)
        buffer[rect.maxX - 1, rect.maxY - 1] = .init(character: "┘", role: role)
        if !title.isEmpty, rect.width > 4 {
            buffer.write(" \(title) ", x: rect.x + 1, y: rect.y, role: titleRole, limit: rect.width - 2)
        }
    }
}
