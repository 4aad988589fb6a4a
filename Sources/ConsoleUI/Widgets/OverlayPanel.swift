/// The help screen and the confirmations, drawn over the main screen.
enum OverlayPanel {
    static let helpLines: [(String, String)] = [
        ("1–8, Tab", "select a channel"),
        ("↑ + / ↓ −, PgUp/PgDn", "raise / lower the selected channel's target by one step, or five"),
        ("Enter or s", "start the session"),
        ("p", "pause, or resume"),
        ("Space or Esc", "STOP-ALL: every output off at once, latched until acknowledged"),
        ("a", "acknowledge alarms"),
        ("n", "skip to the next programme (asks first)"),
        ("t", "mark yourself with the patient, or away (attended minutes)"),
        ("q or F10", "quit (asks first while output is on; output goes to zero)"),
    ]

    /// Drawn in whichever half of the screen below `below` does not hold `keepClear`.
    static func draw(into buffer: inout ScreenBuffer, _ overlay: ConsoleModel.Overlay, screen: Rect, keepClear: Rect? = nil,
                     below: Int = 1) {
        let lines: [(String, String)]
        let title: String
        switch overlay {
        case .help:
            title = "Keys (? or F1 shows them; any key closes)"
            lines = helpLines
        case .confirmQuit:
            title = "Quit?"
            lines = [("y", "bring every output to zero and quit"), ("n / Esc", "carry on")]
        case .confirmSkip:
            title = "Next programme?"
            lines = [("y", "end this programme now; the next ramps up from zero"), ("n / Esc", "carry on")]
        }
        let keyWidth = (lines.map(\.0.count).max() ?? 0) + 2
        let width = min(screen.width - 4, keyWidth + (lines.map(\.1.count).max() ?? 0) + 4)
        let height = lines.count + 2
        var top = max(below, (screen.height - height) / 2)
        if let keepClear, top < keepClear.maxY, top + height > keepClear.y {
            let middle = (below + screen.maxY) / 2
            top = keepClear.y + keepClear.height / 2 < middle ? max(below, min(keepClear.maxY, screen.maxY - height - 1))
                : below
        }
        let rect = Rect(x: (screen.width - width) / 2, y: top, width: width, height: height)
        buffer.fill(rect, role: .dialog)
        BoxFrame.draw(into: &buffer, rect, title: title, titleRole: .dialog, role: .dialog)
        for (i, line) in lines.enumerated() {
            let y = rect.y + 1 + i
            buffer.write(line.0, x: rect.x + 2, y: y, role: .functionKey, limit: keyWidth)
            buffer.write(line.1, x: rect.x + 2 + keyWidth, y: y, role: .dialog, limit: rect.width - keyWidth - 3)
        }
    }
}
