import StimulationCore
import TOMLKit

/// Reads a theme document: its format, its name, and a style for every role at every colour
/// depth. A role left out is an error, never a fallback: a theme is read once and trusted
/// on every screen, alarms included.
struct ThemeReader {
    let root: TOMLTable
    let context: LoadContext

    static let keys = ["format", "name", "role"]
    static let roleKeys = ColourDepth.allCases.map(StyleReader.key(for:))
    static let roleNames = StyleRole.allCases.map(\.rawValue)

    static let alarms: [StyleRole] = [.alarmHigh, .alarmMedium, .alarmLow]
    /// Roles whose looks must differ at every depth: each tells the user something different
    /// about the patient's safety, and a monochrome terminal still has to tell them apart.
    /// Roles that warn of harm: none may be drawn dim, on any terminal.
    static let mustNotFade: [StyleRole] = [.alarmHigh, .alarmMedium, .electrodePoor, .electrodeOpen, .electrodeShort]

    static let distinctGroups: [(what: String, roles: [StyleRole])] = [
        ("the alarm priorities", alarms),
        ("the electrode contact states", [.electrodeOk, .electrodePoor, .electrodeOpen, .electrodeShort]),
    ]

    func read() -> Theme? {
        let top = TableReader(table: root, path: "", label: "", context: context, allowed: Self.keys)
        top.rejectUnknownKeys()
        if let format = top.integer("format"), format != ThemeLoader.formatVersion {
            top.error("format", "is \(format); this version of Galvani reads themes of format \(ThemeLoader.formatVersion)")
        }
        let name = top.nonEmptyString("name")
        let styles = readRoles(top)
        guard let name, let styles, !context.hasErrors else { return nil }
        // readRoles answers only when every role has a style at every depth.
        return Theme(name: name) { role, depth in styles[role]![depth]! }
    }

    private func readRoles(_ top: TableReader) -> [StyleRole: [ColourDepth: Style]]? {
        guard let value = root["role"] else {
            top.error("role", "is missing: a theme styles every role, each in a table such as [role.\"normal\"]; "
                + "the roles are " + Self.roleNames.joined(separator: ", "))
            return nil
        }
        guard let roleTable = value.table else {
            top.error("role", "must be a table of roles such as [role.\"normal\"], found \(TOMLTypeName.of(value.type))")
            return nil
        }
        let roles = TableReader(table: roleTable, path: "role", label: "role", context: context, allowed: Self.roleNames)
        let unquoted = checkNames(roleTable, roles)
        var styles: [StyleRole: [ColourDepth: Style]] = [:]
        var readers: [StyleRole: TableReader] = [:]
        var missing: [String] = []
        for role in StyleRole.allCases where !unquoted.contains(role.rawValue) {
            guard let value = roleTable[role.rawValue] else {
                missing.append(role.rawValue)
                continue
            }
            guard let table = value.table else {
                roles.error(role.rawValue, "must be a table with `colour`, `eight` and `mono`, found \(TOMLTypeName.of(value.type))")
                continue
            }
            let reader = TableReader(table: table, path: "role.\(role.rawValue)", label: "role \"\(role.rawValue)\"",
                                     context: context, allowed: Self.roleKeys)
            readers[role] = reader
            styles[role] = readRole(role, table, reader)
        }
        if missing.count == 1 {
            top.error("role", "has no style for `\(missing[0])`: every theme styles every role; "
                + "add [role.\"\(missing[0])\"] with `colour`, `eight` and `mono`")
        } else if !missing.isEmpty {
            top.error("role", "has no style for \(missing.count) roles: " + missing.map { "`\($0)`" }.joined(separator: ", ")
                + "; every theme styles every role: add a [role.\"NAME\"] table for each, with `colour`, `eight` and `mono`")
        }
        guard styles.count == StyleRole.allCases.count else { return nil }
        checkDistinct(styles, readers)
        return styles
    }

    /// Reports names under [role] that are not roles, and roles written without quotes; returns the latter.
    private func checkNames(_ roleTable: TOMLTable, _ roles: TableReader) -> Set<String> {
        var unquoted: Set<String> = []
        let unknown = TOMLTable()
        for (name, quoted) in writtenNames(roleTable, prefix: nil) {
            if StyleRole(rawValue: name) == nil {
                unknown[name] = true
            } else if !quoted {
                unquoted.insert(name)
                roles.error(name, "must be quoted, as in [role.\"\(name)\"]: without quotes the dot makes "
                    + "`\(name.prefix { $0 != "." })` a table of its own")
            }
        }
        // rejectUnknownKeys looks only at the names, so a table holding just the unknown ones is enough for it.
        TableReader(table: unknown, path: "role", label: "role", context: context, allowed: Self.roleNames).rejectUnknownKeys()
        return unquoted
    }

    /// Every name written under [role], and whether it was written as one key. Role names
    /// contain dots, so `[role.alarm.high]` without quotes makes a table `alarm` holding
    /// `high`; following such tables down, while they hold no style and some role's name
    /// goes on that way, recovers the name that was meant.
    private func writtenNames(_ table: TOMLTable, prefix: String?) -> [(name: String, quoted: Bool)] {
        table.keys.sorted().flatMap { key -> [(name: String, quoted: Bool)] in
            let name = prefix.map { $0 + "." + key } ?? key
            let writtenAsRole = prefix == nil && StyleRole(rawValue: name) != nil
            if !writtenAsRole, Self.roleNames.contains(where: { $0.hasPrefix(name + ".") }),
               let inner = table[key]?.table, !inner.keys.isEmpty, !inner.keys.contains(where: Self.roleKeys.contains) {
                return writtenNames(inner, prefix: name)
            }
            return [(name, prefix == nil)]
        }
    }

    private func readRole(_ role: StyleRole, _ table: TOMLTable, _ reader: TableReader) -> [ColourDepth: Style]? {
        reader.rejectUnknownKeys()
        var styles: [ColourDepth: Style] = [:]
        for depth in ColourDepth.allCases {
            let key = StyleReader.key(for: depth)
            guard let value = table[key] else {
                reader.error(key, "is missing; every role has a style for 256-colour (`colour`), "
                    + "8-colour (`eight`) and monochrome (`mono`) terminals")
                continue
            }
            guard let inner = value.table else {
                let example = depth == .monochrome ? "{ bold = true }" : "{ fg = \"red\", bold = true }"
                reader.error(key, "must be an inline table such as \(example), found \(TOMLTypeName.of(value.type))")
                continue
            }
            let styleReader = TableReader(table: inner, path: "role.\(role.rawValue).\(key)",
                                          label: "role \"\(role.rawValue)\" \(key)", context: context, allowed: StyleReader.keys)
            styles[depth] = StyleReader(table: inner, reader: styleReader, depth: depth, context: context).read()
        }
        return styles.count == ColourDepth.allCases.count ? styles : nil
    }

    private func checkDistinct(_ styles: [StyleRole: [ColourDepth: Style]], _ readers: [StyleRole: TableReader]) {
        func clash(_ role: StyleRole, _ other: StyleRole, _ depth: ColourDepth, _ why: String) {
            let key = StyleReader.key(for: depth)
            readers[role]?.error(key, "looks the same as `\(key)` of role \"\(other.rawValue)\"; \(why)")
        }
        for depth in ColourDepth.allCases {
            for group in Self.distinctGroups {
                for (index, role) in group.roles.enumerated() {
                    for other in group.roles[..<index] where styles[role]?[depth] == styles[other]?[depth] {
                        clash(role, other, depth, "\(group.what) must look different from one another on every terminal")
                    }
                }
            }
            for role in Self.mustNotFade where styles[role]?[depth]?.dim == true {
                readers[role]?.error(StyleReader.key(for: depth), "is dim; \(role.rawValue) warns of harm and must never be "
                    + "drawn fainter than ordinary text")
            }
            for alarm in Self.alarms where styles[alarm]?[depth] == styles[.normal]?[depth] {
                clash(alarm, .normal, depth, "an alarm must stand out from ordinary text, which a flashing alarm alternates with")
            }
        }
    }
}
