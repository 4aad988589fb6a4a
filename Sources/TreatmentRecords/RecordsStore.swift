import Foundation
import GRDB
import Glibc

/// The treatment records: one SQLite file (WAL), opened through GRDB, brought up to the current schema.
public final class RecordsStore: Sendable {
    public let path: String
    let pool: DatabasePool

    /// Opens (or makes, mode 0600 in a folder of mode 0700) the records at `path` and checks that a session's
    /// record can be written there now: a locked, read-only, full or damaged file is refused before any session starts.
    public init(path: String) throws(RecordsError) {
        self.path = path
        do {
            try Self.makeFile(path)
            var configuration = Configuration()
            // Another galvani may be committing its last second: wait that long, no longer, before calling it locked.
            configuration.busyMode = .timeout(2)
            configuration.label = "galvani-records"
            pool = try DatabasePool(path: path, configuration: configuration)
            try RecordsSchema.migrator.migrate(pool)
            try pool.write { db in try db.execute(sql: "PRAGMA user_version = user_version") }
        } catch {
            throw RecordsError.describing(error, path: path)
        }
    }

    private static func makeFile(_ path: String) throws(RecordsError) {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch {
                throw RecordsError("cannot make the folder \(folder) for the records: \((error as NSError).localizedDescription); "
                    + "give another file with --records PATH, or run with --no-records to keep nothing")
            }
        }
        var status = stat()
        if stat(path, &status) == 0 {
            guard status.st_mode & S_IFMT == S_IFREG else {
                throw RecordsError("\(path) is not a regular file; give a records file with --records PATH")
            }
            return
        }
        // Health records are the patient's: readable by this user only, from the first byte.
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            if errno == EEXIST { return }
            throw RecordsError("cannot make the records file \(path): \(String(cString: strerror(errno))); "
                + "give another file with --records PATH, or run with --no-records to keep nothing")
        }
        close(fd)
    }

    /// Reads with SQLite's error described in words.
    func read<T>(_ body: (Database) throws -> T) throws(RecordsError) -> T {
        do { return try pool.read(body) } catch { throw RecordsError.describing(error, path: path) }
    }

    func write<T>(_ body: (Database) throws -> T) throws(RecordsError) -> T {
        do { return try pool.write(body) } catch { throw RecordsError.describing(error, path: path) }
    }
}
