import GRDB

extension RecordsStore {
    /// Checks every session's chain: each entry's hash over its own content, each link to the one before, no entry
    /// missing from the first to the session's head, the head and count the session row holds, and the protocol text
    /// under its hash. Returns one sentence per problem; none means nothing was edited or removed.
    public func verify() throws(RecordsError) -> (sessions: Int, entries: Int, problems: [String]) {
        try read { db in
            var problems: [String] = []
            var total = 0
            let sessions = try Row.fetchAll(db, sql: "SELECT * FROM session ORDER BY started_at")
            for row in sessions {
                let id: String = row["id"]
                let entries = try Self.entries(of: id, db)
                total += entries.count
                var previous = ""
                for (index, entry) in entries.enumerated() {
                    if entry.seq != Int64(index) {
                        problems.append("session \(id): entry \(index) is missing (the next one is \(entry.seq))")
                        break
                    }
                    if entry.hash != entry.expectedHash {
                        problems.append("session \(id): entry \(entry.seq) (\(entry.kind)) was changed after it was written")
                    }
                    if entry.prev != previous {
                        problems.append("session \(id): entry \(entry.seq) does not follow entry \(entry.seq - 1) (one was changed or removed)")
                    }
                    previous = entry.hash
                }
                if entries.first?.hash != row["genesis"] {
                    problems.append("session \(id): its first entry is not the one the session was opened with")
                }
                if Int64(entries.count) != row["entries"] as Int64 || entries.last?.hash != row["head"] {
                    problems.append("session \(id): the session holds \(row["entries"] as Int64) entries ending at its head, "
                        + "the records \(entries.count): entries were removed from its end or added behind its back")
                }
                let sha: String = row["protocol_sha256"]
                if let text = try String.fetchOne(db, sql: "SELECT text FROM protocol_text WHERE sha256 = ?", arguments: [sha]) {
                    if ContentHash.sha256(text) != sha { problems.append("session \(id): the protocol text it ran was changed") }
                } else {
                    problems.append("session \(id): the protocol text it ran is missing")
                }
                if let ended = entries.last(where: { $0.kind == "ended" || $0.kind == "interrupted" }) {
                    let payload = RecordPayload.object(ended.payload)
                    if row["end_state"] != payload["end"] as? String || row["end_reason"] != payload["reason"] as? String {
                        problems.append("session \(id): its end (\(row["end_state"] as String? ?? "none")) differs from what its record says")
                    }
                }
            }
            return (sessions.count, total, problems)
        }
    }
}
