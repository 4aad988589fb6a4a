/// How every role looks at every colour depth. Themes come from theme files through
/// `ThemeLoader`, which makes one only when every role has a style at every depth, monochrome
/// styles hold attributes alone, and alarm priorities and electrode states can be told apart.
public struct Theme: Hashable, Sendable {
    public let name: String
    private let styles: [ColourDepth: [StyleRole: Style]]

    /// `style` is asked for every role at every depth.
    init(name: String, style: (StyleRole, ColourDepth) -> Style) {
        self.name = name
        var styles: [ColourDepth: [StyleRole: Style]] = [:]
        for depth in ColourDepth.allCases {
            styles[depth] = Dictionary(uniqueKeysWithValues: StyleRole.allCases.map { ($0, style($0, depth)) })
        }
        self.styles = styles
    }

    public func style(_ role: StyleRole, depth: ColourDepth) -> Style {
        // init stored a style for every role at every depth.
        styles[depth]![role]!
    }
}
