/// The names a theme file gives terminal colours: the eight ANSI colours, numbered 0 to 7 as
/// every terminal numbers them, and their bright forms, 8 to 15.
enum TerminalColour {
    static let basic = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]
    static let brightPrefix = "bright-"

    static func number(named name: String) -> Int? {
        if let index = basic.firstIndex(of: name) { return index }
        guard name.hasPrefix(brightPrefix), let index = basic.firstIndex(of: String(name.dropFirst(brightPrefix.count))) else {
            return nil
        }
        return index + 8
    }

    /// How messages name a colour: by the name a theme file would use, by number beyond the sixteen named ones.
    static func name(of number: Int) -> String {
        switch number {
        case 0..<8: "\"\(basic[number])\""
        case 8..<16: "\"\(brightPrefix)\(basic[number - 8])\""
        default: "colour \(number)"
        }
    }
}
