import CNCursesW

extension Key {
    /// Sequences some terminals send whatever terminfo says: arrows in both cursor-key modes
    /// (terminals that ignore keypad-transmit send ESC [ A), and F1–F4 in the VT100 and the
    /// older xterm forms. Unknown, a sequence would arrive as Esc, which is STOP ALL, and then
    /// as stray characters.
    static let cursesFallbackSequences: [(sequence: String, code: Int32)] = [
        ("\u{1b}[A", KEY_UP), ("\u{1b}[B", KEY_DOWN), ("\u{1b}[C", KEY_RIGHT), ("\u{1b}[D", KEY_LEFT),
        ("\u{1b}OA", KEY_UP), ("\u{1b}OB", KEY_DOWN), ("\u{1b}OC", KEY_RIGHT), ("\u{1b}OD", KEY_LEFT),
        ("\u{1b}OP", KEY_F0 + 1), ("\u{1b}OQ", KEY_F0 + 2), ("\u{1b}OR", KEY_F0 + 3), ("\u{1b}OS", KEY_F0 + 4),
        ("\u{1b}[11~", KEY_F0 + 1), ("\u{1b}[12~", KEY_F0 + 2), ("\u{1b}[13~", KEY_F0 + 3), ("\u{1b}[14~", KEY_F0 + 4),
        ("\u{1b}[5~", KEY_PPAGE), ("\u{1b}[6~", KEY_NPAGE), ("\u{1b}[Z", KEY_BTAB),
    ]

    /// A key that wget_wch reported as a character.
    init?(cursesCharacter code: UInt32) {
        switch code {
        case 27: self = .escape
        case 9: self = .tab
        // Enter arrives as \r with nonl(); \n covers Ctrl-J and terminals that send it.
        case 10, 13: self = .enter
        // Terminals disagree on whether Backspace sends DEL or ^H.
        case 8, 127: self = .backspace
        default:
            guard let scalar = Unicode.Scalar(code) else { return nil }
            self = .character(Character(scalar))
        }
    }

    /// A key that wget_wch reported as a key code; nil for keys the console has no use for.
    init?(cursesKeyCode code: Int32) {
        switch code {
        case KEY_UP: self = .up
        case KEY_DOWN: self = .down
        case KEY_LEFT: self = .left
        case KEY_RIGHT: self = .right
        case KEY_PPAGE: self = .pageUp
        case KEY_NPAGE: self = .pageDown
        case KEY_ENTER: self = .enter
        case KEY_BTAB: self = .backTab
        case KEY_BACKSPACE: self = .backspace
        case KEY_RESIZE: self = .resize
        case (KEY_F0 + 1)...(KEY_F0 + 63): self = .function(Int(code - KEY_F0))
        default: return nil
        }
    }
}
