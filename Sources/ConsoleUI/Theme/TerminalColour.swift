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

    /// The red, green and blue xterm shows for a colour number by default, so that two numbers
    /// for one colour (0 and 16 are both black, 15 and 231 both white) are known to look alike.
    static func rgb(of number: Int) -> (Int, Int, Int) {
        let system = [(0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
                      (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255),
                      (255, 0, 255), (0, 255, 255), (255, 255, 255)]
        switch number {
        case 0..<16: return system[number]
        case 16..<232:
            let cube = number - 16, levels = [0, 95, 135, 175, 215, 255]
            return (levels[cube / 36], levels[cube / 6 % 6], levels[cube % 6])
        default:
            let grey = 8 + 10 * (number - 232)
            return (grey, grey, grey)
        }
    }

    static func lookAlike(_ a: Int, _ b: Int) -> Bool { rgb(of: a) == rgb(of: b) }
}
