import TOMLKit

/// Bytes to a parsed TOML document and the context its readers report into, the same way for
/// every file Galvani reads: a size limit, the preflight that keeps toml++ from asserting, and
/// a parse error turned into `FILE:LINE:COL: error: not valid TOML: …`.
public enum TOMLSource {
    public struct Kind: Sendable {
        /// How messages name the file: "a protocol file", "a fault script", "a theme".
        public var document: String
        /// A well-formed table header of this kind, for the header error's example.
        public var headerExample: String
        public var largestFile: Int

        public init(document: String, headerExample: String, largestFile: Int = 1 << 20) {
            self.document = document
            self.headerExample = headerExample
            self.largestFile = largestFile
        }
    }

    /// What `read` builds from the document's top table (which allows `topKeys`), or every error found, in file order:
    /// the one error that stops parsing, or all those its readers reported.
    public static func read<T>(_ bytes: [UInt8], file: String, as kind: Kind, topKeys: [String],
                               _ read: (TableReader) -> T?) -> Outcome<T> {
        switch parse(bytes, file: file, as: kind) {
        case .failure(let diagnostic):
            return .failed([diagnostic])
        case .success(let (root, context)):
            let built = read(TableReader(table: root, path: "", label: "", context: context, allowed: topKeys))
            guard let built, !context.hasErrors else {
                return .failed(context.diagnostics.sorted {
                    ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column)
                })
            }
            return .built(built)
        }
    }

    public enum Outcome<T> {
        case built(T)
        case failed([Diagnostic])
    }

    /// The document's root table and a fresh context for its readers, or the one error that stops it.
    public static func parse(_ bytes: [UInt8], file: String, as kind: Kind,
                             policy: SafetyPolicy = .clinic) -> Result<(TOMLTable, LoadContext), Diagnostic> {
        let bytes = TOMLPreflight.withoutByteOrderMark(bytes)
        func fail(_ location: SourceLocation, _ message: String) -> Result<(TOMLTable, LoadContext), Diagnostic> {
            .failure(Diagnostic(file: file, location: location, severity: .error, message: message))
        }
        guard bytes.count <= kind.largestFile else {
            return fail(SourceLocation(line: 1, column: 1),
                        "the file is \(bytes.count) bytes; \(kind.document) may be at most \(kind.largestFile) bytes")
        }
        if let bad = TOMLPreflight.firstProblem(in: bytes, document: kind.document, headerExample: kind.headerExample) {
            return fail(bad.location, bad.message)
        }
        let text = String(decoding: bytes, as: UTF8.self)
        do {
            let root = try TOMLTable(string: text)
            return .success((root, LoadContext(file: file, locator: TOMLLocator(text: text), policy: policy)))
        } catch let parse as TOMLParseError {
            let begin = parse.source.begin
            return fail(SourceLocation(line: max(begin.line, 1), column: max(begin.column, 1)),
                        "not valid TOML: \(parse.description)")
        } catch {
            return fail(SourceLocation(line: 1, column: 1), "not valid TOML: \(error)")
        }
    }
}
