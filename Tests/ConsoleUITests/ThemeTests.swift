import Foundation
import StimulationCore
import Testing
@testable import ConsoleUI

@Suite struct ThemeTests {
    static let themes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("themes").path
    static let bundled = ["default", "high-contrast", "light", "monochrome"]
    static let alarms: [StyleRole] = [.alarmHigh, .alarmMedium, .alarmLow]
    static let electrodes: [StyleRole] = [.electrodeOk, .electrodePoor, .electrodeOpen, .electrodeShort]

    static func bundledTheme(_ name: String) throws -> Theme {
        try ThemeLoader.load(path: themes + "/\(name).toml")
    }

    // MARK: - Bundled themes

    @Test func theLibraryHoldsTheBundledThemes() {
        #expect(ThemeLibrary(directories: [Self.themes]).names() == Self.bundled)
    }

    @Test(arguments: ThemeTests.bundled) func bundledThemeLoadsUnderItsFileName(_ name: String) throws {
        let theme = try Self.bundledTheme(name)
        #expect(theme.name == name)
        #expect(try ThemeLibrary(directories: [Self.themes]).find(name) == theme)
    }

    @Test(arguments: ThemeTests.bundled) func monochromeStylesCarryNoColour(_ name: String) throws {
        let theme = try Self.bundledTheme(name)
        for role in StyleRole.allCases {
            let style = theme.style(role, depth: .monochrome)
            #expect(style.foreground == nil && style.background == nil, "\(name) \(role.rawValue)")
            for colour in [theme.style(role, depth: .colour8).foreground, theme.style(role, depth: .colour8).background] {
                #expect(colour.map { (0...7).contains($0) } ?? true, "\(name) \(role.rawValue) eight")
            }
        }
    }

    @Test(arguments: ThemeTests.bundled) func alarmsAndElectrodeStatesAreDistinguishableAtEveryDepth(_ name: String) throws {
        let theme = try Self.bundledTheme(name)
        for depth in ColourDepth.allCases {
            for group in [Self.alarms, Self.electrodes] {
                let styles = group.map { theme.style($0, depth: depth) }
                #expect(Set(styles).count == group.count, "\(name) \(depth) \(group)")
            }
            for alarm in Self.alarms {
                #expect(theme.style(alarm, depth: depth) != theme.style(.normal, depth: depth), "\(name) \(depth) \(alarm)")
            }
        }
    }

    /// DOMAIN: high red, medium yellow, low cyan; contact ok green, poor yellow, open red, short magenta or red.
    @Test(arguments: ThemeTests.bundled.filter { $0 != "monochrome" }) func coloursFollowTheirMeaning(_ name: String) throws {
        let theme = try Self.bundledTheme(name)
        let expected: [(StyleRole, Set<Int>)] = [
            (.alarmHigh, [1]), (.alarmMedium, [3]), (.alarmLow, [6]),
            (.electrodeOk, [2]), (.electrodePoor, [3]), (.electrodeOpen, [1]), (.electrodeShort, [1, 5]),
        ]
        for (role, colours) in expected {
            let style = theme.style(role, depth: .colour8)
            #expect(!colours.isDisjoint(with: [style.foreground, style.background].compactMap { $0 }), "\(name) \(role.rawValue)")
        }
    }

    @Test func theMonochromeThemeIsMonochromeOnColourTerminalsToo() throws {
        let theme = try Self.bundledTheme("monochrome")
        for role in StyleRole.allCases {
            let mono = theme.style(role, depth: .monochrome)
            #expect(theme.style(role, depth: .colour256) == mono && theme.style(role, depth: .colour8) == mono, "\(role.rawValue)")
        }
    }

    @Test func stylesAreReadAsWritten() throws {
        let theme = try Self.bundledTheme("default")
        #expect(theme.style(.alarmHigh, depth: .colour256) == Style(foreground: 15, background: 1, bold: true))
        #expect(theme.style(.alarmHigh, depth: .colour8) == Style(foreground: 7, background: 1, bold: true))
        #expect(theme.style(.alarmHigh, depth: .monochrome) == Style(bold: true, reverse: true))
        #expect(theme.style(.normal, depth: .colour256) == .plain)
        #expect(theme.style(.border, depth: .colour256) == Style(foreground: 240))
    }

    @Test func theFormatDocumentShowsTheDefaultThemeAndEveryRole() throws {
        let docs = URL(fileURLWithPath: Self.themes).deletingLastPathComponent().appendingPathComponent("docs/themes.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        let example = try #require(text.components(separatedBy: "```toml\n").last?.components(separatedBy: "```").first)
        let theme = try ThemeLoader.load(text: example, file: "docs/themes.md")
        #expect(theme == (try Self.bundledTheme("default")))
        for role in StyleRole.allCases {
            #expect(text.contains("| `\(role.rawValue)` |"), "docs/themes.md does not describe \(role.rawValue)")
        }
    }

    // MARK: - Errors

    /// A complete theme: no colour for `normal`, a distinct colour for every other role, and the
    /// monochrome attributes that set alarm priorities and electrode states apart.
    static let valid: String = {
        let mono: [StyleRole: String] = [
            .alarmHigh: "reverse = true, bold = true", .alarmMedium: "bold = true, underline = true", .alarmLow: "underline = true",
            .electrodePoor: "underline = true", .electrodeOpen: "reverse = true, bold = true",
            .electrodeShort: "bold = true, underline = true",
        ]
        var text = "format = 1\nname = \"test\"\n"
        for (index, role) in StyleRole.allCases.enumerated() {
            let colour = role == .normal ? "" : " fg = \(index + 16) "
            let eight = role == .normal ? "" : " fg = \"\(TerminalColour.basic[index % 8])\" "
            text += "\n[role.\"\(role.rawValue)\"]\ncolour = {\(colour)}\neight = {\(eight)}\nmono = {\(mono[role].map { " \($0) " } ?? "")}\n"
        }
        return text
    }()

    func errors(_ text: String) -> [Diagnostic] {
        do {
            _ = try ThemeLoader.load(text: text, file: "test.toml")
            return []
        } catch {
            return error.diagnostics
        }
    }

    func line(of needle: String, in text: String) -> Int {
        text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(needle) }! + 1
    }

    func replacing(_ old: String, with new: String) -> String {
        precondition(Self.valid.contains(old), "the fixture has no \(old)")
        return Self.valid.replacingOccurrences(of: old, with: new)
    }

    /// The single error that `text` must give, at the line holding `marker` (or `line`).
    func expectOneError(_ text: String, at marker: String? = nil, line expectedLine: Int? = nil, saying parts: [String],
                        sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let found = errors(text)
        #expect(found.count == 1, "\(found)", sourceLocation: sourceLocation)
        guard let first = found.first else { return }
        let wanted = expectedLine ?? line(of: marker!, in: text)
        #expect(first.location.line == wanted, "\(first)", sourceLocation: sourceLocation)
        #expect(first.description.hasPrefix("test.toml:\(wanted):\(first.location.column): error: "), "\(first)",
                sourceLocation: sourceLocation)
        for part in parts {
            #expect(first.message.contains(part), "\(first.message) lacks \(part)", sourceLocation: sourceLocation)
        }
    }

    @Test func theFixtureIsValid() throws {
        let theme = try ThemeLoader.load(text: Self.valid, file: "test.toml")
        #expect(theme.name == "test")
        #expect(theme.style(.alarmLow, depth: .colour256) == Style(foreground: 41))
    }

    @Test func aMissingRoleIsNamed() {
        let text = replacing("[role.\"alarm.low\"]\ncolour = { fg = 41 }\neight = { fg = \"red\" }\nmono = { underline = true }\n", with: "")
        expectOneError(text, line: 1, saying: ["`role` has no style for `alarm.low`", "add [role.\"alarm.low\"]"])
        let withTable = "[role]\n" + text.replacingOccurrences(of: "format = 1\nname = \"test\"\n", with: "")
        let found = errors("format = 1\nname = \"test\"\n" + withTable)
        #expect(found.count == 1 && found.first?.location.line == 3, "\(found)")
    }

    @Test func everyMissingRoleIsNamed() {
        let text = replacing("[role.\"dialog\"]", with: "[role.\"dialog-box\"]")
            .replacingOccurrences(of: "[role.\"title\"]", with: "[role.\"tilte\"]")
        let found = errors(text)
        #expect(found.contains { $0.location.line == 1
                && $0.message.contains("`role` has no style for 2 roles: `title`, `dialog`; every theme styles every role") })
        #expect(found.contains { $0.message.contains("`tilte` is not a known key (did you mean `title`?)") && $0.location.line == line(of: "tilte", in: text) })
    }

    @Test func aThemeWithoutRolesSaysWhichAreNeeded() {
        expectOneError("format = 1\nname = \"bare\"\n", line: 1, saying: ["`role` is missing", "alarm.high", "electrode.short"])
    }

    @Test func anUnknownRoleGetsASuggestion() {
        let text = replacing("[role.\"alarm.low\"]", with: "[role.\"alarm.lo\"]")
        let found = errors(text)
        #expect(found.count == 2, "\(found)")
        #expect(found.contains { $0.location.line == 1 && $0.message.contains("no style for `alarm.low`") })
        #expect(found.contains { $0.location.line == line(of: "alarm.lo\"", in: text)
                && $0.message.contains("`alarm.lo` is not a known key (did you mean `alarm.low`?)") })
    }

    @Test func aRoleNameWithoutQuotesIsCaught() {
        let text = replacing("[role.\"alarm.high\"]", with: "[role.alarm.high]")
        expectOneError(text, at: "[role.alarm.high]", saying: ["`alarm.high` must be quoted", "[role.\"alarm.high\"]"])
        let deeper = replacing("[role.\"channel.bar.empty\"]", with: "[role.channel.bar.empty]")
        expectOneError(deeper, at: "[role.channel.bar.empty]", saying: ["`channel.bar.empty` must be quoted"])
        let misspelt = replacing("[role.\"alarm.high\"]", with: "[role.alarm.hihg]")
        #expect(errors(misspelt).contains { $0.location.line == line(of: "hihg", in: misspelt)
                && $0.message.contains("`alarm.hihg` is not a known key (did you mean `alarm.high`?)") })
    }

    @Test func unknownKeysGetSuggestions() {
        expectOneError(replacing("format = 1\n", with: "format = 1\nnmae = \"x\"\n"), at: "nmae",
                       saying: ["`nmae` is not a known key (did you mean `name`?)"])
        let misspelt = replacing("[role.\"value\"]\ncolour", with: "[role.\"value\"]\ncolur")
        #expect(errors(misspelt).contains { $0.location.line == line(of: "colur", in: misspelt)
                && $0.message.contains("role \"value\": `colur` is not a known key (did you mean `colour`?); allowed here: colour, eight, mono") })
        expectOneError(replacing("mono = { underline = true }\n\n[role.\"function.key\"]", with: "mono = { underlin = true }\n\n[role.\"function.key\"]"),
                       at: "underlin =", saying: ["`underlin` is not a known key (did you mean `underline`?)"])
    }

    @Test func aMissingDepthIsNamedAtItsRole() {
        let text = replacing("[role.\"selected\"]\ncolour = { fg = 24 }\neight = { fg = \"black\" }\nmono = {}\n",
                             with: "[role.\"selected\"]\ncolour = { fg = 24 }\neight = { fg = \"black\" }\n")
        expectOneError(text, at: "[role.\"selected\"]", saying: ["role \"selected\": `mono` is missing"])
    }

    @Test func coloursOutOfRangeOrUnknownAreRejected() {
        let text = replacing("colour = { fg = 41 }", with: "colour = { fg = 300 }")
        expectOneError(text, at: "fg = 300", saying: ["`fg` is 300", "0 to 255"])
        expectOneError(replacing("colour = { fg = 41 }", with: "colour = { fg = -1 }"), at: "fg = -1", saying: ["0 to 255"])
        expectOneError(replacing("colour = { fg = 41 }", with: "colour = { fg = \"rde\" }"), at: "\"rde\"",
                       saying: ["\"rde\" is not a colour", "bright-", "\"default\""])
        expectOneError(replacing("colour = { fg = 41 }", with: "colour = { fg = \"Red\" }"), at: "Red", saying: ["not a colour"])
        expectOneError(replacing("eight = { fg = \"magenta\" }\nmono = { underline = true }",
                                 with: "eight = { fg = \"bright-magenta\" }\nmono = { underline = true }"),
                       at: "bright-magenta", saying: ["no bright colours", "use \"magenta\""])
        expectOneError(replacing("eight = { fg = \"magenta\" }\nmono = { underline = true }",
                                 with: "eight = { fg = 5 }\nmono = { underline = true }"),
                       at: "eight = { fg = 5 }", saying: ["must be a colour name, found an integer"])
    }

    @Test func aColourInMonochromeIsRejected() {
        let text = replacing("mono = { underline = true }\n\n[role.\"function.key\"]", with: "mono = { fg = \"cyan\", underline = true }\n\n[role.\"function.key\"]")
        expectOneError(text, at: "fg = \"cyan\", underline", saying: ["`fg` is not allowed here", "monochrome"])
    }

    @Test func wrongTypesAreNamed() {
        expectOneError(replacing("mono = { underline = true }\n\n[role.\"function.key\"]", with: "mono = { underline = \"yes\" }\n\n[role.\"function.key\"]"),
                       at: "\"yes\"", saying: ["`underline` must be true or false, found a string"])
        expectOneError(replacing("mono = { underline = true }\n\n[role.\"function.key\"]", with: "mono = \"underline\"\n\n[role.\"function.key\"]"),
                       at: "mono = \"underline\"", saying: ["`mono` must be an inline table", "found a string"])
        expectOneError(replacing("colour = { fg = 41 }", with: "colour = { fg = true }"), at: "fg = true",
                       saying: ["must be a colour name or number, found a boolean"])
        expectOneError(replacing("name = \"test\"", with: "name = 3"), at: "name = 3", saying: ["`name` must be a string"])
        expectOneError(replacing("format = 1", with: "format = 2"), at: "format", saying: ["`format` is 2", "format 1"])
        expectOneError("format = 1\nname = \"x\"\nrole = 5\n", at: "role = 5", saying: ["`role` must be a table", "found an integer"])
        let notATable = errors("format = 1\nname = \"x\"\n[role]\n\"alarm.high\" = 1\n")
        #expect(notATable.contains { $0.location.line == 4 && $0.message.contains("role: `alarm.high` must be a table") }, "\(notATable)")
    }

    @Test func duplicateKeysAreRejectedAtTheirLine() {
        let text = replacing("mono = { underline = true }\n\n[role.\"function.key\"]", with: "mono = { underline = true }\nmono = {}\n\n[role.\"function.key\"]")
        let found = errors(text)
        #expect(found.count == 1 && found.first?.location.line == line(of: "[role.\"function.key\"]", in: text) - 2, "\(found)")
        let header = Self.valid + "\n[role.\"normal\"]\ncolour = {}\n"
        let again = errors(header)
        #expect(again.count == 1 && again.first?.location.line == header.split(separator: "\n", omittingEmptySubsequences: false).count - 2,
                "\(again)")
    }

    @Test func invisibleTextAndAmbiguousAttributesAreRejected() {
        expectOneError(replacing("colour = { fg = 41 }", with: "colour = { fg = \"red\", bg = 1 }"), at: "bg = 1",
                       saying: ["`bg` is \"red\", the same as `fg`", "invisible"])
        expectOneError(replacing("mono = { underline = true }\n\n[role.\"function.key\"]", with: "mono = { bold = true, dim = true }\n\n[role.\"function.key\"]"),
                       at: "dim = true", saying: ["`dim` cannot go with `bold`"])
    }

    @Test func oneColourWrittenTwoWaysIsStillInvisible() {
        // 16 is the 256-colour cube's black, the same black as "black" (0).
        expectOneError(replacing("colour = { fg = 41 }", with: "colour = { fg = \"black\", bg = 16 }"), at: "bg = 16",
                       saying: ["`bg` is colour 16, the same colour as `fg`, \"black\"", "invisible"])
        expectOneError(replacing("colour = { fg = 41 }", with: "colour = { fg = 231, bg = \"bright-white\" }"), at: "bright-white",
                       saying: ["the same colour as `fg`", "invisible"])
    }

    @Test func aWarningRoleIsNeverDim() {
        let text = Self.valid.replacingOccurrences(of: "[role.\"electrode.short\"]\ncolour = { fg = ",
                                                   with: "[role.\"electrode.short\"]\ncolour = { dim = true, fg = ")
        #expect(text != Self.valid)
        expectOneError(text, line: line(of: "[role.\"electrode.short\"]", in: text) + 1,
                       saying: ["`colour` is dim; electrode.short warns of harm"])
    }

    @Test func alarmPrioritiesMustLookDifferent() {
        let text = replacing("mono = { bold = true, underline = true }\n\n[role.\"alarm.low\"]", with: "mono = { reverse = true, bold = true }\n\n[role.\"alarm.low\"]")
        expectOneError(text, line: line(of: "[role.\"alarm.medium\"]", in: text) + 3,
                       saying: ["role \"alarm.medium\": `mono` looks the same as `mono` of role \"alarm.high\"", "alarm priorities"])
    }

    @Test func anAlarmMustStandOutFromOrdinaryText() {
        let text = replacing("mono = { underline = true }\n\n[role.\"function.key\"]", with: "mono = {}\n\n[role.\"function.key\"]")
        let found = errors(text)
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.message.contains("role \"alarm.low\": `mono` looks the same as `mono` of role \"normal\"") == true)
        #expect(found.first?.location.line == line(of: "[role.\"alarm.low\"]", in: text) + 3)
    }

    @Test func electrodeStatesMustLookDifferent() {
        let text = replacing("[role.\"electrode.short\"]\ncolour = { fg = 31 }\neight = { fg = \"white\" }",
                             with: "[role.\"electrode.short\"]\ncolour = { fg = 30 }\neight = { fg = \"white\" }")
        expectOneError(text, line: line(of: "[role.\"electrode.short\"]", in: text) + 1, saying: ["role \"electrode.short\": `colour` looks the same as `colour` of role \"electrode.open\"",
                                                      "electrode contact states"])
    }

    @Test func errorsAreAllReportedInLineOrder() {
        let text = replacing("format = 1", with: "format = 7")
            .replacingOccurrences(of: "colour = { fg = 41 }", with: "colour = { fg = 999 }")
            .replacingOccurrences(of: "[role.\"dim\"]\ncolour", with: "[role.\"dim\"]\ncolor")
        let found = errors(text)
        #expect(found.count == 4, "\(found)")
        let lines = found.map(\.location.line)
        #expect(lines == lines.sorted())
    }

    @Test func textTheParserWouldMishandleIsReportedNotParsed() {
        expectOneError("format = 1\n[\\x]\n", line: 2, saying: ["a table header must start with a key", "[role.\"alarm.high\"]"])
        let nul = errors("format = 1\nname = \"a\u{0}b\"\n")
        #expect(nul.count == 1 && nul.first?.location.line == 2 && nul.first?.message.contains("NUL") == true, "\(nul)")
        let utf8 = (try? ThemeLoader.load(bytes: Array("format = 1\nname = \"".utf8) + [0xFF, 0x22], file: "test.toml")) == nil
        #expect(utf8)
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        #expect(throws: ThemeLoadError.self) { try ThemeLoader.load(bytes: bom + Array("[[{}".utf8), file: "test.toml") }
        #expect(throws: Never.self) { try ThemeLoader.load(bytes: bom + Array(Self.valid.utf8), file: "test.toml") }
        let huge = [UInt8](repeating: UInt8(ascii: "#"), count: ThemeLoader.largestFile + 1)
        #expect(throws: ThemeLoadError.self) { try ThemeLoader.load(bytes: huge, file: "test.toml") }
    }

    /// toml++ asserts on these values; the loader reports them first.
    @Test func valuesTheParserAssertsOnAreReported() {
        expectOneError("format = 1\nname = [}\n", line: 2, saying: ["found '}' where a value should start"])
        expectOneError("format = 1\nname = [1, }\n", line: 2, saying: ["found '}'"])
        expectOneError("format = 1\nname = [\n  # a comment\n  [\"x\"],\n  }\n", line: 5, saying: ["found '}'"])
        expectOneError("format = 1\nname = 1979-05-27 1\n", line: 2, saying: ["`1979-05-27 1` is not a TOML value"])
        expectOneError("format = 1\nname = [1979-05-27 0]\n", line: 2, saying: ["`1979-05-27 0` is not a TOML value"])
        expectOneError("format = 1\nname = 1979-05-27true\n", line: 2, saying: ["is not a TOML value"])
        expectOneError("format = 1\nname = red\n", line: 2, saying: ["`red` is not a TOML value", "in quotes"])
        let valid = [
            "a = [ \"}\", '}', \"\"\"\n}\"\"\"\" ]\n", "a = [ { b = 1 }, { c = [ 2 ] } ]\n", "a = [\n]\n# [}\n",
            "[[t]]\nb = { c = [1, 2], d = {} }\n", "a = '''it's ]}''' \nb = [ 1, ]\n",
            "a = 1979-05-27 07:32:00\nb = [1979-05-27, 1979-05-27 07:32:00Z]\nc = \"1979-05-27 1\" # 1979-05-27 1\n",
            "a = [true, false, +inf, -nan, 0, -17, 1_000, 0xDEAD_beef, 0o755, 0b1101, 3.14, -0.01, 5e+22, 6.626e-34, 1E06]\n",
            "a = [1979-05-27T00:32:00.999999-07:00, 1979-05-27t07:32:00z, 07:32:00, 00:32:00.5, 1979-05-27 07:32:00+01:30]\n",
            "a.b . c = { d = 1, 'e' = [ [ 1 ], [ \"x\" ] ] } # =\n[x.\"y=\"]\nz = \"\"\"a = b\\\"\"\"\"\n",
        ]
        for text in valid {
            #expect(TOMLPreflight.firstProblem(in: Array(text.utf8), document: "a test", headerExample: "[x]") == nil, "\(text)")
        }
    }

    /// The checks before toml++ must pass every valid file; the repository's TOML files are a sample of them.
    @Test func valueCheckPassesTheRepositorysTOMLFiles() throws {
        let root = URL(fileURLWithPath: Self.themes).deletingLastPathComponent()
        var checked = 0
        for folder in ["themes", "protocols"] {
            let directory = root.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where name.hasSuffix(".toml") {
                let bytes = Array(try Data(contentsOf: directory.appendingPathComponent(name)))
                #expect(TOMLPreflight.firstProblem(in: bytes, document: "a test", headerExample: "[x]") == nil, "\(folder)/\(name)")
                checked += 1
            }
        }
        #expect(checked >= Self.bundled.count + 10)
    }

    @Test func anUnreadableFileIsAnError() {
        let error = #expect(throws: ThemeLoadError.self) { try ThemeLoader.load(path: "/nonexistent/theme.toml") }
        #expect(error?.description.hasPrefix("/nonexistent/theme.toml:1:1: error: cannot read the file") == true)
    }

    /// Whatever the bytes, the loader answers with a theme or with located errors.
    @Test func randomBytesNeverCrash() {
        var generator = SeededGenerator(seed: 0x7E4E)
        let alphabet = Array("[]{}\"'.=,#\n \\abcdefgilmnortuy0123456789-_\u{0}\u{7F}".utf8) + [0xC3, 0xA9, 0xFF]
        let base = Array(Self.valid.utf8)
        for round in 0..<3_000 {
            var bytes: [UInt8]
            switch round % 3 {
            case 0:
                bytes = (0..<Int.random(in: 0...200, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            case 1:
                bytes = (0..<Int.random(in: 0...200, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            default:
                bytes = base
                for _ in 0..<Int.random(in: 1...6, using: &generator) {
                    let at = Int.random(in: 0..<bytes.count, using: &generator)
                    switch Int.random(in: 0...2, using: &generator) {
                    case 0: bytes[at] = alphabet.randomElement(using: &generator)!
                    case 1: bytes.insert(alphabet.randomElement(using: &generator)!, at: at)
                    default: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...40, using: &generator)))
                    }
                }
            }
            do {
                _ = try ThemeLoader.load(bytes: bytes, file: "random.toml")
            } catch {
                #expect(!error.diagnostics.isEmpty)
                #expect(error.diagnostics.allSatisfy { $0.location.line >= 1 && $0.location.column >= 1 && $0.file == "random.toml" })
            }
        }
    }

    @Test func awkwardShapesAreErrorsNotCrashes() {
        let nested = "format = 1\nname = \"n\"\nrole = " + String(repeating: "{ a = ", count: 300) + "1" + String(repeating: " }", count: 300)
        let texts = [
            "[[role]]\n",
            "role = []\n",
            "[role.a.b.c.d.e.f.g.h.i.j.k]\ncolour = {}\n",
            "[role.alarm]\ncolour = {}\n",
            "[role.alarm]\n",
            "[role.\"alarm.high\\u0000x\"]\nmono = {}\n",
            "[role.\"normal\"]\ncolour = { fg = \"red\\u0000junk\" }\n",
            "[role.\"normal\"]\nmono = { bold = 1.5 }\ncolour = { fg = 9223372036854775807 }\neight = { bg = 2024-01-01 }\n",
            nested,
            String(repeating: "[role.\"normal\"]\n", count: 2),
        ]
        for text in texts {
            #expect(!errors(text).isEmpty, "\(text)")
        }
    }

    // MARK: - Depth and NO_COLOR

    @Test func depthFollowsTheTerminal() {
        #expect(ColourDepth(terminalColours: 256, environment: [:]) == .colour256)
        #expect(ColourDepth(terminalColours: 16_777_216, environment: [:]) == .colour256)
        #expect(ColourDepth(terminalColours: 88, environment: [:]) == .colour8)
        #expect(ColourDepth(terminalColours: 8, environment: [:]) == .colour8)
        #expect(ColourDepth(terminalColours: 2, environment: [:]) == .monochrome)
        #expect(ColourDepth(terminalColours: 0, environment: [:]) == .monochrome)
        #expect(ColourDepth(terminalColours: -1, environment: [:]) == .monochrome)
    }

    /// no-color.org: any non-empty value turns colour off, whatever the theme or terminal.
    @Test func noColorForcesMonochrome() throws {
        #expect(ColourDepth(terminalColours: 256, environment: ["NO_COLOR": "1"]) == .monochrome)
        #expect(ColourDepth(terminalColours: 8, environment: ["NO_COLOR": "yes"]) == .monochrome)
        #expect(ColourDepth(terminalColours: 256, environment: ["NO_COLOR": ""]) == .colour256)
        let depth = ColourDepth(terminalColours: 256, environment: ["NO_COLOR": "1", "TERM": "xterm-256color"])
        for name in Self.bundled {
            let theme = try Self.bundledTheme(name)
            #expect(StyleRole.allCases.allSatisfy { theme.style($0, depth: depth).foreground == nil && theme.style($0, depth: depth).background == nil })
        }
    }

    // MARK: - Finding themes

    @Test func standardDirectoriesFollowXDGThenTheInstalledShareFolder() {
        func directories(_ environment: [String: String], executable: String? = nil) -> [String] {
            ThemeLibrary.standard(environment: environment, workingDirectory: "/w", executable: executable).directories
        }
        #expect(directories(["XDG_DATA_HOME": "/data", "HOME": "/home/u"]) == ["/w/themes", "/data/galvani/themes"])
        #expect(directories(["XDG_DATA_HOME": "", "HOME": "/home/u"]) == ["/w/themes", "/home/u/.local/share/galvani/themes"])
        #expect(directories(["HOME": "/home/u"]) == ["/w/themes", "/home/u/.local/share/galvani/themes"])
        #expect(directories([:]) == ["/w/themes"])
        #expect(directories([:], executable: "/opt/galvani/bin/galvani") == ["/w/themes", "/opt/galvani/share/galvani/themes"])
    }

    @Test func theDefaultThemeIsFoundByDefault() throws {
        #expect(ThemeLibrary.defaultName == "default")
        #expect(try ThemeLibrary(directories: [Self.themes]).find().name == "default")
    }

    @Test func anUnknownNameListsTheThemesFound() {
        let library = ThemeLibrary(directories: ["/nonexistent", Self.themes])
        let error = #expect(throws: ThemeLibrary.LookupError.self) { try library.find("solarised") }
        guard case .notFound(let name, let known, let searched) = error else {
            Issue.record("\(String(describing: error))")
            return
        }
        #expect(name == "solarised" && known == Self.bundled && searched == ["/nonexistent", Self.themes])
        let text = String(describing: error!)
        #expect(text.contains("no theme \"solarised\"") && text.contains("known themes: default, high-contrast, light, monochrome"))
        #expect(text.contains("searched: /nonexistent, \(Self.themes)"))
        #expect(throws: ThemeLibrary.LookupError.self) { try library.find("") }
        #expect(throws: ThemeLibrary.LookupError.self) { try library.find(".hidden") }
        let none = #expect(throws: ThemeLibrary.LookupError.self) { try ThemeLibrary(directories: ["/nonexistent"]).find("default") }
        #expect(none?.description.contains("known themes: none") == true)
    }

    @Test func aPathIsLoadedAsAFile() throws {
        let library = ThemeLibrary(directories: [])
        #expect(try library.find(Self.themes + "/light.toml").name == "light")
        let error = #expect(throws: ThemeLibrary.LookupError.self) { try library.find("missing.toml") }
        guard case .invalid(let load) = error else {
            Issue.record("\(String(describing: error))")
            return
        }
        #expect(load.description.hasPrefix("missing.toml:1:1: error: cannot read the file"))
        #expect(throws: ThemeLibrary.LookupError.self) { try library.find("./nowhere/x") }
    }

    @Test func theFirstDirectoryWinsAndBrokenThemesAreReported() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("galvani-themes-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let first = root + "/first", second = root + "/second"
        for directory in [first, second] {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        try Self.valid.replacingOccurrences(of: "name = \"test\"", with: "name = \"mine\"")
            .write(toFile: first + "/calm.toml", atomically: true, encoding: .utf8)
        try Self.valid.write(toFile: second + "/calm.toml", atomically: true, encoding: .utf8)
        try "format = 1\n".write(toFile: second + "/broken.toml", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: second + "/folder.toml", withIntermediateDirectories: true)
        let library = ThemeLibrary(directories: [first, second])
        #expect(library.names() == ["broken", "calm"])
        #expect(try library.find("calm").name == "mine")
        let error = #expect(throws: ThemeLibrary.LookupError.self) { try library.find("broken") }
        guard case .invalid(let load) = error else {
            Issue.record("\(String(describing: error))")
            return
        }
        #expect(load.diagnostics.first?.file == second + "/broken.toml")
        #expect(load.description.contains("`name`") && load.description.contains("`role` is missing"))
    }
}

/// SplitMix64: random inputs that are the same on every run, so a failure can be replayed.
private struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
