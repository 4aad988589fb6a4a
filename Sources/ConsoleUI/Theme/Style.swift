/// How a role looks on one colour depth: colours (terminal colour numbers, nil for the
/// terminal's default) and attributes. Attributes carry meaning in monochrome, where colour cannot.
public struct Style: Hashable, Sendable {
    public var foreground: Int?
    public var background: Int?
    public var bold: Bool
    public var underline: Bool
    public var reverse: Bool
    public var dim: Bool

    public init(foreground: Int? = nil, background: Int? = nil, bold: Bool = false, underline: Bool = false,
                reverse: Bool = false, dim: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.underline = underline
        self.reverse = reverse
        self.dim = dim
    }

    public static let plain = Style()
}
