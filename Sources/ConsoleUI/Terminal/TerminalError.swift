/// Why the console cannot use, or can no longer use, the terminal. Each message says what is
/// wrong and what to do, because it is the last thing printed before the console gives up.
public enum TerminalError: Error, Hashable, Sendable, CustomStringConvertible {
    case inputNotTerminal
    case outputNotTerminal
    /// `setting` is the variable that chose the locale, as `NAME=value`, or nil when none is set.
    case localeNotUTF8(codeset: String, setting: String?)
    /// The locale named by `setting` is not installed, so the C library fell back to ASCII.
    case localeMissing(setting: String)
    /// ncurses could not start on this terminal type; nil when TERM is not set.
    case unusableTerminalType(String?)
    /// Standard input reached end of file (the terminal hung up), so no key can arrive any more.
    case inputClosed

    public var description: String {
        let headless = "or use `galvani run PROTOCOL --headless` for a session without one"
        let utf8 = "so µ, ≤ and █ show correctly"
        switch self {
        case .inputNotTerminal:
            return "standard input is not a terminal: run the console in a terminal, \(headless)"
        case .outputNotTerminal:
            return "standard output is not a terminal: run the console in a terminal without redirecting its output, \(headless)"
        case .localeNotUTF8(let codeset, let setting?):
            let name = setting.prefix { $0 != "=" }
            return "the locale is not UTF-8 (\(setting), character set \(codeset)): set \(name)=C.UTF-8 \(utf8)"
        case .localeNotUTF8(let codeset, nil):
            return "the locale is not UTF-8 (LANG is not set, character set \(codeset)): set LANG=C.UTF-8 \(utf8)"
        case .localeMissing(let setting):
            let name = setting.prefix { $0 != "=" }
            return "the locale \(setting) is not installed: set \(name)=C.UTF-8, or install that locale, \(utf8)"
        case .unusableTerminalType(let term?):
            return "the terminal type TERM=\(term) is unknown to terminfo or cannot move the cursor: "
                + "set TERM to the terminal in use, e.g. TERM=xterm-256color, \(headless)"
        case .unusableTerminalType(nil):
            return "TERM is not set, so the terminal type is unknown: set TERM to the terminal in use, "
                + "e.g. TERM=xterm-256color, \(headless)"
        case .inputClosed:
            return "standard input closed (the terminal hung up or reached end of file): the console has no keyboard, so it stops"
        }
    }
}
