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
        switch SourceFile.read(path: path, largest: largestFile, document: "a theme file") {
        case .success(let bytes): return try load(bytes: bytes, file: path)
        case .failure(let diagnostic): throw ThemeLoadError(diagnostics: [diagnostic])
        }
    }

    public static func load(text: String, file: String) throws(ThemeLoadError) -> Theme {
        try load(bytes: Array(text.utf8), file: file)
    }

    public static func load(bytes: [UInt8], file: String) throws(ThemeLoadError) -> Theme {
        let root: TOMLTable, context: LoadContext
        switch TOMLSource.parse(bytes, file: file, as: .init(document: "a theme", headerExample: "[role.\"alarm.high\"]",
                                                               largestFile: largestFile)) {
        case .success(let parsed): (root, context) = parsed
        case .failure(let diagnostic): throw ThemeLoadError(diagnostics: [diagnostic])
        }
        guard let theme = ThemeReader(root: root, context: context).read(), !context.hasErrors else {
            throw ThemeLoadError(diagnostics: context.diagnostics.sorted {
                ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column)
            })
        }
        return theme
    }
}
