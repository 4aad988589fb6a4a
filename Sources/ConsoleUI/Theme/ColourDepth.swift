/// How many colours the terminal offers; each theme role has a style for each.
public enum ColourDepth: String, Sendable, CaseIterable {
    case colour256 = "256"
    case colour8 = "8"
    case monochrome

    /// The depth to draw with on a terminal offering `terminalColours` colours (ncurses' COLORS).
    /// NO_COLOR set to anything but the empty string asks for no colour at all (no-color.org),
    /// whatever the theme; the theme's monochrome styles then carry every role.
    public init(terminalColours: Int, environment: [String: String]) {
        if let noColour = environment["NO_COLOR"], !noColour.isEmpty {
            self = .monochrome
        } else if terminalColours >= 256 {
            self = .colour256
        } else if terminalColours >= 8 {
            self = .colour8
        } else {
            self = .monochrome
        }
    }
}
