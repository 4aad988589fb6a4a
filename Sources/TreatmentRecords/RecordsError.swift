import GRDB

/// Why the records cannot be used, in words an operator can act on.
public struct RecordsError: Error, CustomStringConvertible, Sendable {
    public let description: String

    public init(_ description: String) { self.description = description }

    /// What went wrong with the records file at `path`, from SQLite's answer, with what to do about it.
    static func describing(_ error: any Error, path: String) -> RecordsError {
        if let error = error as? RecordsError { return error }
        let escape = "give another file with --records PATH, or run with --no-records to keep nothing"
        guard let error = error as? DatabaseError else {
            return RecordsError("cannot use the records file \(path): \(error); \(escape)")
        }
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return RecordsError("the records file \(path) is locked by another program (another galvani, or sqlite3 with a "
                + "transaction open): close it and try again, or \(escape)")
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
            return RecordsError("the records file \(path) cannot be written (a read-only file or folder, or no permission): "
                + "make it writable for this user, or \(escape)")
        case .SQLITE_FULL:
            return RecordsError("the disk holding \(path) is full: free some space, or \(escape)")
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            return RecordsError("\(path) is not a Galvani records database, or it is damaged (\(error.message ?? "no detail")): "
                + "move it aside (Galvani leaves it untouched) and a new one is made, or \(escape)")
        case .SQLITE_IOERR:
            return RecordsError("the records file \(path) cannot be read or written (input/output error: \(error.message ?? "no detail")): "
                + "check the disk, or \(escape)")
        default:
            return RecordsError("cannot use the records file \(path): \(error.message ?? "\(error.resultCode)"); \(escape)")
        }
    }
}
