/// A key press, as the console's key map sees it.
public enum Key: Hashable, Sendable {
    case character(Character)
    case up, down, left, right
    case pageUp, pageDown
    case enter, escape, tab, backTab, backspace
    case function(Int)
    /// The terminal changed size.
    case resize
}
