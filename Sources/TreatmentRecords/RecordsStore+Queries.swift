import Foundation
import GRDB

extension RecordsStore {
    /// Sessions newest first, for one patient and from a date when asked.
    public func sessions(patient: String? = nil, since: Date? = nil, limit: Int? = nil) throws(RecordsError) -> [SessionListing] {
        try read { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let patient {
                conditions.append("patient = ?")
                arguments += [patient]
            }
            if let since {
                conditions.append("started_at >= ?")
                arguments += [WallClock.text(since)]
            }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            let bound = limit.map { " LIMIT \($0)" } ?? ""
            return try Row.fetchAll(db, sql: "SELECT * FROM session \(filter) ORDER BY started_at DESC\(bound)", arguments: arguments)
                .map { try Self.listing($0, db) }
        }
    }

    /// The latest wall-clock moment any record was written: a clock that reads earlier has been set back.
    public func latestWallTime() throws(RecordsError) -> Date? {
        let text = try read { db in
            try String.fetchOne(db, sql: "SELECT max(latest) FROM (SELECT max(wall) AS latest FROM entry UNION ALL "
                + "SELECT max(started_at) FROM session UNION ALL SELECT max(ended_at) FROM session)")
        }
        guard let text else { return nil }
        guard let date = try? Date(text, strategy: WallClock.style) else {
            throw RecordsError("the latest time in \(path) cannot be read as a time")
        }
        return date
    }

    /// How many sessions the records hold for a patient, however they ended.
    public func sessionCount(patient: String) throws(RecordsError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM session WHERE patient = ?", arguments: [patient]) ?? 0 }
    }

    public func session(_ id: String) throws(RecordsError) -> SessionListing? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM session WHERE id = ?", arguments: [id.lowercased()]).map { try Self.listing($0, db) }
        }
    }

    /// Every entry of a session in order.
    public func entries(of id: String) throws(RecordsError) -> [RecordEntry] {
        try read { db in try Self.entries(of: id.lowercased(), db) }
    }

    static func entries(of id: String, _ db: Database) throws -> [RecordEntry] {
        try Row.fetchAll(db, sql: "SELECT * FROM entry WHERE session_id = ? ORDER BY seq", arguments: [id]).map {
            RecordEntry(sessionID: $0["session_id"], seq: $0["seq"], time: $0["t_ns"], wall: $0["wall"], kind: $0["kind"],
                        payload: $0["payload"], prev: $0["prev"], hash: $0["hash"])
        }
    }

    /// The exact protocol text a session ran.
    public func protocolText(sha256: String) throws(RecordsError) -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT text FROM protocol_text WHERE sha256 = ?", arguments: [sha256]) }
    }

    /// Finds a session by its id or an unambiguous beginning of it, as people type them.
    public func resolveSession(_ prefix: String) throws(RecordsError) -> String {
        let ids = try read { db in
            try String.fetchAll(db, sql: "SELECT id FROM session WHERE id LIKE ? ESCAPE '\\' LIMIT 2",
                                arguments: [prefix.lowercased().replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                                    .replacingOccurrences(of: "_", with: "\\_") + "%"])
        }
        switch ids.count {
        case 1: return ids[0]
        case 0: throw RecordsError("no session \(prefix) in \(path); `galvani records list` shows them")
        default: throw RecordsError("\(prefix) begins more than one session's id; give more of it")
        }
    }

    private static func listing(_ row: Row, _ db: Database) throws -> SessionListing {
        let id: String = row["id"]
        let ended = try String.fetchOne(db, sql: """
            SELECT payload FROM entry WHERE session_id = ? AND kind = 'ended' ORDER BY seq DESC LIMIT 1
            """, arguments: [id]).map(RecordPayload.object)
        let summary = ended ?? [:]
        let delivered = (summary["programmes"] as? [[String: Any]] ?? []).reduce(0.0) { $0 + ($1["delivered_s"] as? Double ?? 0) }
        let highest = (summary["channels"] as? [[String: Any]] ?? []).map { ($0["highest_commanded_uA"] as? NSNumber)?.int64Value ?? 0 }
        let documented = try Int.fetchOne(db, sql: "SELECT 1 FROM entry WHERE session_id = ? AND kind = 'documentation' LIMIT 1",
                                          arguments: [id]) != nil
        return SessionListing(id: id, patient: row["patient"], operatorName: row["operator"], startedAt: row["started_at"],
                              endedAt: row["ended_at"], protocolID: row["protocol_id"], protocolSHA256: row["protocol_sha256"],
                              transport: row["transport"], endState: row["end_state"], endReason: row["end_reason"],
                              deliveredNanoseconds: ended == nil ? nil : Int64(exactly: (delivered * 1e9).rounded()), highestMicroamps: highest,
                              documented: documented)
    }
}
