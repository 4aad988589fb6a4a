import Foundation
import TOMLKit

/// Turns a protocol file into a validated `TherapyProtocol`, or into every error it contains.
///
/// Nothing is defaulted: a missing field, a misspelt key, a wrong type, impossible
/// timing and a value beyond a safety limit are all errors naming file and line.
public enum ProtocolLoader {
    /// The format version this loader reads.
    public static let formatVersion = 1
    /// A protocol file is text of modest size; anything larger is refused before parsing.
    public static let largestFile = 1 << 20

    public struct Loaded: Sendable {
        public var therapyProtocol: TherapyProtocol
        public var warnings: [Diagnostic]
    }

    public static func load(path: String) throws(ProtocolLoadError) -> Loaded {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ProtocolLoadError(diagnostics: [Diagnostic(file: path, location: SourceLocation(line: 1, column: 1),
                severity: .error, message: "cannot read the file: \(error.localizedDescription)")])
        }
        return try load(bytes: Array(data), file: path)
    }

    public static func load(text: String, file: String) throws(ProtocolLoadError) -> Loaded {
        try load(bytes: Array(text.utf8), file: file)
    }

    public static func load(bytes: [UInt8], file: String) throws(ProtocolLoadError) -> Loaded {
        let bytes = TOMLPreflight.withoutByteOrderMark(bytes)
        func fail(_ location: SourceLocation, _ message: String) -> ProtocolLoadError {
            ProtocolLoadError(diagnostics: [Diagnostic(file: file, location: location, severity: .error, message: message)])
        }
        guard bytes.count <= largestFile else {
            throw fail(SourceLocation(line: 1, column: 1), "the file is \(bytes.count) bytes; a protocol file may be at most \(largestFile) bytes")
        }
        if let bad = TOMLPreflight.firstProblem(in: bytes, document: "a protocol file",
                                                headerExample: "[programme] or [[programme]]") {
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
        let loaded = ProtocolReader(root: root, context: context).read()
        guard let loaded, !context.hasErrors else {
            throw ProtocolLoadError(diagnostics: context.diagnostics.sorted(by: diagnosticOrder))
        }
        return Loaded(therapyProtocol: loaded, warnings: context.diagnostics.sorted(by: diagnosticOrder))
    }

    private static func diagnosticOrder(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        (a.location.line, a.location.column) < (b.location.line, b.location.column)
    }
}
