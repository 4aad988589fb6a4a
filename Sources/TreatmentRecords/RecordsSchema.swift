import GRDB

/// The records' tables, versioned with GRDB's migrator: a file made by any earlier Galvani is brought up to date
/// when it is opened, and never changed otherwise.
enum RecordsSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 sessions and their entry chain") { db in
            // STRICT: a value of the wrong type written behind Galvani's back is refused by SQLite, so reading
            // a record never meets text where a number belongs.
            // A protocol's exact text under its SHA-256: the record says precisely what ran, stored once however often.
            try db.create(table: "protocol_text", options: .strict) { t in
                t.primaryKey("sha256", .text)
                t.column("text", .text).notNull()
            }
            try db.create(table: "session", options: .strict) { t in
                t.primaryKey("id", .text)
                t.column("patient", .text)
                t.column("operator", .text)
                t.column("started_at", .text).notNull()
                t.column("protocol_id", .text).notNull()
                t.column("protocol_sha256", .text).notNull().references("protocol_text")
                t.column("transport", .text).notNull()
                // Who holds the session open: a session whose holder is gone was interrupted.
                t.column("host_pid", .integer).notNull()
                t.column("host_boot", .text).notNull()
                t.column("genesis", .text).notNull()
                t.column("head", .text).notNull()
                t.column("entries", .integer).notNull()
                t.column("ended_at", .text)
                t.column("end_state", .text)
                t.column("end_reason", .text)
            }
            // Append-only: each entry carries the hash of the one before it, so an edit or a removal shows.
            try db.create(table: "entry", options: [.withoutRowID, .strict]) { t in
                t.column("session_id", .text).notNull().references("session")
                t.column("seq", .integer).notNull()
                t.column("t_ns", .integer).notNull()
                t.column("wall", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("payload", .text).notNull()
                t.column("prev", .text).notNull()
                t.column("hash", .text).notNull()
                t.primaryKey(["session_id", "seq"])
            }
        }
        migrator.registerMigration("v2 patients") { db in
            // The first schema kept the patient as free text; clinics pick patients from a list with their own ids.
            try db.create(table: "patient", options: .strict) { t in
                t.primaryKey("id", .text)
                t.column("clinic_id", .text).notNull().unique()
                t.column("name", .text).notNull()
                t.column("birth_year", .integer)
                t.column("created_at", .text).notNull()
            }
            try db.create(index: "session_by_patient", on: "session", columns: ["patient", "started_at"])
        }
        return migrator
    }
}
