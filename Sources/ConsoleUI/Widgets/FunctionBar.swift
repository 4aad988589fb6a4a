/// Key hints along the bottom row, as htop does: the key, then what it does.
enum FunctionBar {
    static let entries: [(key: String, label: String)] = [
        ("F1", "Help"), ("Enter", "Start"), ("p", "Pause"), ("Space", "STOP"), ("a", "Ack"),
        ("↑↓", "Amplitude"), ("Tab", "Channel"), ("n", "Next"), ("t", "Present"), ("q", "Quit"),
    ]

    static func draw(into buffer: inout ScreenBuffer, _ rect: Rect) {
        buffer.fill(rect, role: .functionLabel)
        var x = rect.x
        for entry in entries {
            guard x + entry.key.count + entry.label.count + 1 <= rect.maxX else { break }
            x += buffer.write(entry.key, x: x, y: rect.y, role: .functionKey)
            x += buffer.write(entry.label + " ", x: x, y: rect.y, role: .functionLabel)
        }
    }
}
