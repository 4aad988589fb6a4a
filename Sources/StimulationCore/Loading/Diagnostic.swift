/// One finding about a protocol file, printed as `FILE:LINE:COL: error: MESSAGE`.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible, Error {
    public enum Severity: String, Sendable {
        case error
        case warning
    }

    public var file: String
    public var location: SourceLocation
    public var severity: Severity
    public var message: String

    public init(file: String, location: SourceLocation, severity: Severity, message: String) {
        self.file = file
        self.location = location
        self.severity = severity
        self.message = message
    }

    public var description: String {
        "\(file):\(location.line):\(location.column): \(severity.rawValue): \(message)"
    }
}

/// A protocol file that could not be loaded, with every error found in it.
public struct ProtocolLoadError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
