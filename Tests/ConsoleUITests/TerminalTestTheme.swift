@testable import ConsoleUI

/// A theme whose styles the tests know: titles bold red on the default background, alarms
/// white on red and reversed, borders sharing the titles' colours, everything else plain.
enum TerminalTestTheme {
    static let red = 1
    static let white = 15

    static let theme = Theme(name: "terminal-test") { role, depth in
        let coloured = depth != .monochrome
        switch role {
        case .title, .border:
            return Style(foreground: coloured ? red : nil, bold: role == .title)
        case .alarmHigh:
            return Style(foreground: coloured ? white : nil, background: coloured ? red : nil, reverse: true)
        case .dim:
            return Style(dim: true)
        case .label:
            return Style(underline: true)
        default:
            return .plain
        }
    }
}
