import Foundation
import GRDB

extension RecordsStore {
    /// Starts a session's record: its protocol text, its row and the first entry of its chain, in one transaction.
    func openSession(id: UUID, _ header: SessionHeader, holder: SessionHolder = .current) throws(RecordsError) -> RecordChain {
        let sessionID = id.uuidString.lowercased()
        let sha = ContentHash.sha256(header.protocolText)
        var chain = RecordChain(sessionID: sessionID, nextSeq: 0, head: "")
        let opened = chain.append(time: 0, kind: "opened", payload: RecordPayload.text([
            "patient": header.patient ?? NSNull(), "operator": header.operatorName ?? NSNull(),
            "protocol_id": header.protocolID, "protocol_sha256": sha, "transport": header.transport,
        ]))
        try write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO protocol_text (sha256, text) VALUES (?, ?)",
                           arguments: [sha, header.protocolText])
            try db.execute(sql: """
                INSERT INTO session (id, patient, operator, started_at, protocol_id, protocol_sha256, transport,
                                     host_pid, host_boot, genesis, head, entries)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
                """, arguments: [sessionID, header.patient, header.operatorName, opened.wall, header.protocolID, sha,
                                 header.transport, Int(holder.pid), holder.boot, opened.hash, opened.hash])
            try Self.insert(opened, db)
        }
        return chain
    }

    static func insert(_ entry: RecordEntry, _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO entry (session_id, seq, t_ns, wall, kind, payload, prev, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [entry.sessionID, entry.seq, entry.time, entry.wall, entry.kind, entry.payload, entry.prev, entry.hash])
    }

    /// Adds entries already chained, and moves the session's head to the last; an `ended` entry closes the session.
    func commit(_ entries: [RecordEntry], _ db: Database) throws {
        guard let last = entries.last else { return }
        for entry in entries { try Self.insert(entry, db) }
        try db.execute(sql: "UPDATE session SET head = ?, entries = ? WHERE id = ?",
                       arguments: [last.hash, last.seq + 1, last.sessionID])
        for entry in entries where entry.kind == "ended" || entry.kind == "interrupted" {
            let payload = RecordPayload.object(entry.payload)
            try db.execute(sql: "UPDATE session SET ended_at = ?, end_state = ?, end_reason = ? WHERE id = ?",
                           arguments: [entry.wall, payload["end"] as? String, payload["reason"] as? String, entry.sessionID])
        }
    }

    /// Where a session's chain ends in the entries themselves (not in the session row, which verify checks against
    /// them): the next entry goes there. Nil for a session without entries.
    static func chainEnd(of sessionID: String, _ db: Database) throws -> (chain: RecordChain, time: Int64)? {
        guard let last = try Row.fetchOne(db, sql: "SELECT seq, t_ns, hash FROM entry WHERE session_id = ? ORDER BY seq DESC LIMIT 1",
                                          arguments: [sessionID]) else { return nil }
        let seq: Int64 = last["seq"]
        return (RecordChain(sessionID: sessionID, nextSeq: seq &+ 1, head: last["hash"]), last["t_ns"])
    }

    /// Appends one entry after a session's last, in one transaction: corrections after the session.
    @discardableResult
    public func append(session sessionID: String, kind: String, payload: [String: Any]) throws(RecordsError) -> Int64 {
        let text = RecordPayload.text(payload)
        return try write { db in
            guard let (chain, lastTime) = try Self.chainEnd(of: sessionID, db) else {
                throw RecordsError("no session \(sessionID) in \(path)")
            }
            var next = chain
            let entry = next.append(time: lastTime, kind: kind, payload: text)
            try commit([entry], db)
            return entry.seq
        }
    }

    /// Sessions left open by a process that is gone (killed, crashed, the machine restarted) are closed as
    /// interrupted, with the last state their record knows. Returns what was closed, for the operator to read.
    public func closeInterrupted() throws(RecordsError) -> [String] {
        try write { db in
            var closed: [String] = []
            for row in try Row.fetchAll(db, sql: "SELECT id, host_pid, host_boot FROM session WHERE ended_at IS NULL") {
                let holder = SessionHolder(pid: Int32(truncatingIfNeeded: row["host_pid"] as Int64), boot: row["host_boot"])
                guard !holder.mayBeAlive else { continue }
                let id: String = row["id"]
                guard let (end, lastTime) = try Self.chainEnd(of: id, db) else { continue }
                let lastState = try String.fetchAll(db, sql: """
                    SELECT payload FROM entry WHERE session_id = ? AND kind = 'event' ORDER BY seq DESC
                    """, arguments: [id]).lazy.map(RecordPayload.object).first { $0["event"] as? String == "state" }
                let state = lastState?["to"] as? String ?? "idle"
                let reason = "galvani ended without closing the session (killed, crashed or the machine restarted); "
                    + "last known: \(state) at \(ClockText.of(nanoseconds: lastTime)) of session time"
                var chain = end
                let entry = chain.append(time: lastTime, kind: "interrupted",
                                         payload: RecordPayload.text(["end": "interrupted", "reason": reason, "last_state": state]))
                try commit([entry], db)
                closed.append("session \(id) was interrupted; \(reason)")
            }
            return closed
        }
    }
}
