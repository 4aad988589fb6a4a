/// How many colours the terminal offers; each theme role has a style for each.
public enum ColourDepth: String, Sendable, CaseIterable {
    case colour256 = "256"
    case colour8 = "8"
    case monochrome
}
