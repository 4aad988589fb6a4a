import StimulationCore
import TOMLKit

/// Reads one role's style for one colour depth (`colour`, `eight` or `mono`), accepting only
/// what a terminal of that depth can show: any of 256 colours, the eight basic colours, or
/// attributes alone.
struct StyleReader {
    let table: TOMLTable
    let reader: TableReader
    let depth: ColourDepth
    let context: LoadContext

    static let keys = ["fg", "bg", "bold", "underline", "reverse", "dim"]

    /// The key under a role that holds its style for `depth`.
    static func key(for depth: ColourDepth) -> String {
        switch depth {
        case .colour256: "colour"
        case .colour8: "eight"
        case .monochrome: "mono"
        }
    }

    func read() -> Style? {
        let errorsBefore = context.diagnostics.count
        reader.rejectUnknownKeys()
        var style = Style()
        if depth == .monochrome {
            for key in ["fg", "bg"] {
                reader.forbid(key, because: "a monochrome terminal shows no colour; mark the role with bold, underline, reverse or dim")
            }
        } else {
            style.foreground = colour("fg")
            style.background = colour("bg")
        }
        style.bold = attribute("bold")
        style.underline = attribute("underline")
        style.reverse = attribute("reverse")
        style.dim = attribute("dim")
        // Telling roles apart must not rest on a combination that terminals render differently.
        if style.bold, style.dim {
            reader.error("dim", "cannot go with `bold`: terminals show one, the other or neither, "
                + "so the role would look different from one terminal to the next")
        }
        if let foreground = style.foreground, let background = style.background, TerminalColour.lookAlike(foreground, background) {
            let same = foreground == background ? "the same as `fg`" : "the same colour as `fg`, \(TerminalColour.name(of: foreground))"
            reader.error("bg", "is \(TerminalColour.name(of: background)), \(same): the text would be invisible")
        }
        guard context.diagnostics.count == errorsBefore else { return nil }
        return style
    }

    /// A colour number, or nil for the terminal's own colour (written "default" or left out).
    private func colour(_ key: String) -> Int? {
        guard let value = table[key] else { return nil }
        let allowed = depth == .colour256
            ? "a colour is black, red, green, yellow, blue, magenta, cyan or white, one of those with \"bright-\" "
                + "in front (\"bright-red\"), a number 0 to 255, or \"default\" for the terminal's own colour"
            : "an 8-colour terminal has black, red, green, yellow, blue, magenta, cyan and white, "
                + "or \"default\" for the terminal's own colour"
        if let name = value.string {
            if name == "default" { return nil }
            guard let number = TerminalColour.number(named: name) else {
                reader.error(key, "\"\(name)\" is not a colour; \(allowed)")
                return nil
            }
            guard depth == .colour256 || number < 8 else {
                reader.error(key, "is \"\(name)\", but an 8-colour terminal has no bright colours; "
                    + "use \(TerminalColour.name(of: number - 8)), which many terminals brighten when `bold` is set")
                return nil
            }
            return number
        }
        guard let number = value.int, depth == .colour256 else {
            reader.error(key, "must be a colour name\(depth == .colour256 ? " or number" : ""), "
                + "found \(TOMLTypeName.of(value.type)); \(allowed)")
            return nil
        }
        guard (0...255).contains(number) else {
            reader.error(key, "is \(number); a 256-colour terminal numbers its colours 0 to 255")
            return nil
        }
        return number
    }

    private func attribute(_ key: String) -> Bool {
        guard let value = table[key] else { return false }
        guard let flag = value.bool else {
            reader.error(key, "must be true or false, found \(TOMLTypeName.of(value.type))")
            return false
        }
        return flag
    }
}
