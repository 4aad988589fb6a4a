/// A key or signature file that is not what it should be: where, and what was expected.
public struct KeyFileError: Error, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
