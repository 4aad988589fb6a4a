import Foundation
import StimulationCore
import TOMLKit

/// Turns a theme file into a `Theme`, or into every error it contains.
///
/// The same rules as protocol files: nothing defaulted, nothing extra accepted, every error
/// at its line, and no bytes that make the TOML parser crash.
public enum ThemeLoader {
    public static let formatVersion = 1
    /// A theme is a page or two of text; anything this large is refused before parsing.
    public static let largestFile = 1 << 20

    public static func load(path: String) throws(ThemeLoadError) -> Theme {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ThemeLoadError(diagnostics: [Diagnostic(file: path, location: SourceLocation(line: 1, column: 1),
                severity: .error, message: "cannot read the file: \(error.localizedDescription)")])
        }
        return try load(bytes: Array(data), file: path)
    }

    public static func load(text: String, file: String) throws(ThemeLoadError) -> Theme {
        try load(bytes: Array(text.utf8), file: file)
    }

    public static func load(bytes: [UInt8], file: String) throws(ThemeLoadError) -> Theme {
        let bytes = TOMLPreflight.withoutByteOrderMark(bytes)
        func fail(_ location: SourceLocation, _ message: String) -> ThemeLoadError {
            ThemeLoadError(diagnostics: [Diagnostic(file: file, location: location, severity: .error, message: message)])
        }
        guard bytes.count <= largestFile else {
            throw fail(SourceLocation(line: 1, column: 1), "the file is \(bytes.count) bytes; a theme may be at most \(largestFile) bytes")
        }
        if let bad = TOMLPreflight.firstProblem(in: bytes, document: "a theme", headerExample: "[role.\"alarm.high\"]") {
            throw fail(bad.location, bad.message)
        }
        let text = String(decoding: bytes, as: UTF8.self)
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let parse as TOMLParseError {
            let begin = parse.source.begin
            throw fail(SourceLocation(line: max(begin.line, 1), column: max(begin.column, 1)),
                       "not valid TOML: \(parse.description)")
        } catch {
            throw fail(SourceLocation(line: 1, column: 1), "not valid TOML: \(error)")
        }
        let context = LoadContext(file: file, locator: TOMLLocator(text: text))
        guard let theme = ThemeReader(root: root, context: context).read(), !context.hasErrors else {
            throw ThemeLoadError(diagnostics: context.diagnostics.sorted {
                ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column)
            })
        }
        return theme
    }
}
