import CNCursesW

/// How each style role is drawn on this terminal: ncurses attributes and a colour pair, looked
/// up once per changed cell. Terminals offer a limited number of pairs, so a pair is allocated
/// per distinct (foreground, background) that the theme uses at this depth, not per role.
struct TerminalPalette {
    struct Appearance {
        var attributes: attr_t
        var pair: Int16
    }

    private var appearances: [StyleRole: Appearance] = [:]

    /// The depth this terminal can show, from the colours ncurses found in its terminfo entry.
    /// Call after start_color, which is what sets COLORS.
    static func supportedDepth() -> ColourDepth {
        guard has_colors() else { return .monochrome }
        let colours = galvani_colors()
        return colours >= 256 ? .colour256 : colours >= 8 ? .colour8 : .monochrome
    }

    /// The poorer of two depths: a theme asked for 256 colours still gets 8 on an 8-colour terminal.
    static func poorer(_ a: ColourDepth, _ b: ColourDepth) -> ColourDepth {
        let order: [ColourDepth] = [.monochrome, .colour8, .colour256]
        return order[min(order.firstIndex(of: a) ?? 0, order.firstIndex(of: b) ?? 0)]
    }

    /// Allocates colour pairs, so call after start_color unless `depth` is monochrome.
    /// `defaultColours` says use_default_colors succeeded, so nil colours can stay the
    /// terminal's own instead of becoming white on black.
    init(theme: Theme, depth: ColourDepth, defaultColours: Bool) {
        var pairs: [ColourKey: Int16] = [ColourKey(foreground: defaultColours ? -1 : Int16(COLOR_WHITE),
                                                   background: defaultColours ? -1 : Int16(COLOR_BLACK)): 0]
        for role in StyleRole.allCases {
            let style = theme.style(role, depth: depth)
            var pair: Int16 = 0
            if depth != .monochrome {
                let key = ColourKey(
                    foreground: style.foreground.map { Int16(clamping: $0) } ?? (defaultColours ? -1 : Int16(COLOR_WHITE)),
                    background: style.background.map { Int16(clamping: $0) } ?? (defaultColours ? -1 : Int16(COLOR_BLACK)))
                if let known = pairs[key] {
                    pair = known
                } else if pairs.count < galvani_color_pairs(),
                          init_pair(Int16(pairs.count), key.foreground, key.background) == OK {
                    pair = Int16(pairs.count)
                    pairs[key] = pair
                }
                // A pair the terminal refuses leaves the role in the terminal's colours; its
                // attributes still set it apart.
            }
            appearances[role] = Appearance(attributes: Self.attributes(style), pair: pair)
        }
    }

    subscript(role: StyleRole) -> Appearance {
        appearances[role] ?? Appearance(attributes: 0, pair: 0)
    }

    private struct ColourKey: Hashable {
        var foreground: Int16
        var background: Int16
    }

    private static func attributes(_ style: Style) -> attr_t {
        var attributes: attr_t = 0
        if style.bold { attributes |= galvani_a_bold() }
        if style.underline { attributes |= galvani_a_underline() }
        if style.reverse { attributes |= galvani_a_reverse() }
        if style.dim { attributes |= galvani_a_dim() }
        return attributes
    }
}
