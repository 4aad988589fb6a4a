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
        /// The file exactly as it was read, for records that must say precisely what ran.
        public var text: String
    }

    public static func load(path: String, policy: SafetyPolicy = .clinic) throws(ProtocolLoadError) -> Loaded {
        switch SourceFile.read(path: path, largest: largestFile, document: "a protocol file") {
        case .success(let bytes): return try load(bytes: bytes, file: path, policy: policy)
        case .failure(let diagnostic): throw ProtocolLoadError(diagnostics: [diagnostic])
        }
    }

    public static func load(text: String, file: String, policy: SafetyPolicy = .clinic) throws(ProtocolLoadError) -> Loaded {
        try load(bytes: Array(text.utf8), file: file, policy: policy)
    }

    public static func load(bytes: [UInt8], file: String, policy: SafetyPolicy = .clinic) throws(ProtocolLoadError) -> Loaded {
        let root: TOMLTable, context: LoadContext
        switch TOMLSource.parse(bytes, file: file, as: .init(document: "a protocol file",
                                                               headerExample: "[programme] or [[programme]]",
                                                               largestFile: largestFile), policy: policy) {
        case .success(let parsed): (root, context) = parsed
        case .failure(let diagnostic): throw ProtocolLoadError(diagnostics: [diagnostic])
        }
        let loaded = ProtocolReader(root: root, context: context).read()
        guard let loaded, !context.hasErrors else {
            throw ProtocolLoadError(diagnostics: context.diagnostics.sorted(by: diagnosticOrder))
        }
        return Loaded(therapyProtocol: loaded, warnings: context.diagnostics.sorted(by: diagnosticOrder),
                      text: String(decoding: bytes, as: UTF8.self))
    }

    private static func diagnosticOrder(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        (a.location.line, a.location.column) < (b.location.line, b.location.column)
    }
}
