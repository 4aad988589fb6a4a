/// Collects every diagnostic of one file so the user sees all problems at once, each at its line.
public final class LoadContext {
    let file: String
    let locator: TOMLLocator
    /// The limits a protocol is checked against.
    let policy: SafetyPolicy
    public private(set) var diagnostics: [Diagnostic] = []

    public init(file: String, locator: TOMLLocator, policy: SafetyPolicy = .clinic) {
        self.file = file
        self.locator = locator
        self.policy = policy
    }

    var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
    public var hasErrors: Bool { errorCount > 0 }

    public func error(at path: String, _ message: String) {
        diagnostics.append(Diagnostic(file: file, location: locator.location(of: path), severity: .error, message: message))
    }

    func warning(at path: String, _ message: String) {
        diagnostics.append(Diagnostic(file: file, location: locator.location(of: path), severity: .warning, message: message))
    }
}
