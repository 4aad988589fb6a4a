import Foundation
import GRDB

extension RecordsStore {
    /// Brings fallback files of this database's sessions back into it (beside the file, or in the temporary folder),
    /// each entry only where it continues its session's chain; a file is removed once all of it is in.
    /// Returns what was done, for the operator to read.
    public func importFallbacks() throws(RecordsError) -> [String] {
        try importFallbacks(holderAlive: { $0.mayBeAlive })
    }

    func importFallbacks(holderAlive: (SessionHolder) -> Bool) throws(RecordsError) -> [String] {
        let folder = (path as NSString).deletingLastPathComponent
        let base = (path as NSString).lastPathComponent
        var files: [String] = []
        for (directory, prefix) in [(folder.isEmpty ? "." : folder, base + "."), (NSTemporaryDirectory(), "galvani-")] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            files += names.filter { $0.hasPrefix(prefix) && $0.hasSuffix(FallbackFile.suffix) }.map { directory + "/" + $0 }
        }
        var said: [String] = []
        let decoder = JSONDecoder()
        // A session that fell back twice (beside the database, then the temporary folder) is imported in its order.
        let found = files.compactMap { file -> (file: String, entries: [RecordEntry])? in
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return nil }
            let entries = text.split(separator: "\n").compactMap { try? decoder.decode(RecordEntry.self, from: Data($0.utf8)) }
            return entries.isEmpty ? nil : (file, entries)
        }.sorted { ($0.entries[0].sessionID, $0.entries[0].seq) < ($1.entries[0].sessionID, $1.entries[0].seq) }
        for (file, entries) in found {
            let session = entries[0].sessionID
            let outcome: (added: Int, broken: Bool)? = try write { db in
                guard let row = try Row.fetchOne(db, sql: "SELECT host_pid, host_boot, ended_at FROM session WHERE id = ?",
                                                 arguments: [session]) else { return nil }
                // A session still being written (by this process or another) keeps its file until it is over.
                let holder = SessionHolder(pid: Int32(truncatingIfNeeded: row["host_pid"] as Int64), boot: row["host_boot"])
                if (row["ended_at"] as String?) == nil, holderAlive(holder) { return nil }
                guard let (end, _) = try Self.chainEnd(of: session, db) else { return nil }
                var head = end.head
                var next = end.nextSeq
                var added: [RecordEntry] = []
                for entry in entries.sorted(by: { $0.seq < $1.seq }) {
                    if entry.seq < next {
                        // Already in the records: only if it is the very same entry; another one there is a conflict.
                        let stored = try String.fetchOne(db, sql: "SELECT hash FROM entry WHERE session_id = ? AND seq = ?",
                                                         arguments: [session, entry.seq])
                        if stored != entry.hash { return (added.count, true) }
                        continue
                    }
                    guard entry.seq == next, entry.prev == head, entry.hash == entry.expectedHash else { return (added.count, true) }
                    added.append(entry)
                    head = entry.hash
                    next &+= 1
                }
                try commit(added, db)
                return (added.count, false)
            }
            guard let outcome else { continue }
            if outcome.broken {
                said.append("\(file): \(outcome.added) entries of session \(session) brought into the records; the rest do not "
                    + "continue its chain (or differ from what the records hold) and stay in the file")
            } else {
                try? FileManager.default.removeItem(atPath: file)
                said.append("session \(session): \(outcome.added) entries kept in \(file) while the records could not be "
                    + "written are now in the records")
            }
        }
        return said
    }
}
