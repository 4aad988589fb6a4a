import Foundation
import GRDB
import StimulationCore
import StimulationEngine
import Testing
import Transports
@testable import TreatmentRecords

/// What the records do when the file is not as expected: a clear refusal before a session, and mid-session an
/// alarm and a fallback file, with nothing lost.
@Suite struct RecordsStorageTests {
    /// Another program's connection, which may hold a transaction open between accesses as sqlite3 can.
    static func lockingConnection(_ path: String) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true
        return try DatabaseQueue(path: path, configuration: configuration)
    }

    @Test func aDamagedFileIsRefusedWithWordsAndLeftAsItWas() throws {
        let fixture = try RecordsFixture()
        defer { fixture.remove() }
        let garbage = Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        try garbage.write(to: URL(fileURLWithPath: fixture.path))
        #expect {
            _ = try RecordsStore(path: fixture.path)
        } throws: { error in
            "\(error)".contains("is not a Galvani records database, or it is damaged") && "\(error)".contains("--no-records")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: fixture.path)) == garbage)
    }

    @Test func aFileLockedByAnotherProgramIsRefusedWithWords() throws {
        let fixture = try RecordsFixture()
        defer { fixture.remove() }
        _ = try RecordsStore(path: fixture.path)
        let other = try Self.lockingConnection(fixture.path)
        try other.inDatabase { db in
            try db.execute(sql: "BEGIN EXCLUSIVE")
            #expect {
                _ = try RecordsStore(path: fixture.path)
            } throws: { "\($0)".contains("is locked by another program") }
            try db.execute(sql: "ROLLBACK")
        }
    }

    @Test func aFolderInTheWayIsRefusedWithWords() throws {
        let fixture = try RecordsFixture()
        defer { fixture.remove() }
        try FileManager.default.createDirectory(atPath: fixture.path, withIntermediateDirectories: true)
        #expect { _ = try RecordsStore(path: fixture.path) } throws: { "\($0)".contains("is not a regular file") }
    }

    @Test func migratesFromAnEmptyFileAndFromTheFirstSchema() throws {
        let fixture = try RecordsFixture()
        defer { fixture.remove() }
        // A file as the first schema left it, with a session in it.
        let old = try DatabaseQueue(path: fixture.path)
        try RecordsSchema.migrator.migrate(old, upTo: "v1 sessions and their entry chain")
        try old.write { db in
            try db.execute(sql: "INSERT INTO protocol_text VALUES ('abc', 'text')")
            try db.execute(sql: """
                INSERT INTO session (id, patient, operator, started_at, protocol_id, protocol_sha256, transport, host_pid,
                                     host_boot, genesis, head, entries, ended_at, end_state, end_reason)
                VALUES ('s1', 'P-9', 'Op', '2026-01-01T00:00:00.000Z', 'x', 'abc', 'simulator', 1, 'b', 'g', 'g', 0,
                        '2026-01-01T00:20:00.000Z', 'finished', 'every programme completed')
                """)
        }
        try old.close()
        let store = try RecordsStore(path: fixture.path)
        #expect(try store.sessions().map(\.id) == ["s1"])
        #expect(try store.patients().isEmpty)
        try store.addPatient(clinicID: "P-9", name: "A Patient", birthYear: 1970)
        #expect(try store.patient(clinicID: "P-9")?.birthYear == 1970)
        let applied = try store.pool.read { try RecordsSchema.migrator.appliedIdentifiers($0) }
        #expect(applied.count == 2)
        // And from nothing.
        let fresh = try RecordsFixture()
        defer { fresh.remove() }
        let empty = try RecordsStore(path: fresh.path)
        #expect(try empty.pool.read { try RecordsSchema.migrator.hasCompletedMigrations($0) })
    }

    @Test func aSessionLeftOpenByAProcessThatIsGoneIsClosedAsInterrupted() throws {
        let fixture = try RecordsFixture()
        defer { fixture.remove() }
        let store = try RecordsStore(path: fixture.path)
        let loaded = try RecordsFixture.bundled("tens-conventional")
        let gone = try store.openSession(id: UUID(), RecordsFixture.header(loaded), holder: SessionHolder(pid: 1, boot: "a boot long ago"))
        let running = try store.openSession(id: UUID(), RecordsFixture.header(loaded))
        try store.write { db in
            var chain = gone
            try store.commit([chain.append(time: 65_000_000_000, kind: "event",
                                           payload: #"{"event":"state","from":"ready","to":"running"}"#)], db)
        }
        let said = try store.closeInterrupted()
        #expect(said.count == 1)
        #expect(said.first?.contains("last known: running at 00:01:05") == true)
        #expect(try store.session(gone.sessionID)?.endState == "interrupted")
        #expect(try store.session(running.sessionID)?.endState == nil, "a session this process holds is not closed")
        #expect(try store.verify().problems.isEmpty)
    }

    @Test func aDatabaseThatStopsTakingTheRecordMidSessionAlarmsAndFallsBackWithNothingLost() throws {
        let fixture = try RecordsFixture()
        defer { fixture.remove() }
        let store = try RecordsStore(path: fixture.path)
        let loaded = try RecordsFixture.short("tens-burst", duration: "10 min")
        let writer = try RecordsWriter(store: store, header: RecordsFixture.header(loaded))
        let transport = SimulatorTransport(channels: loaded.therapyProtocol.channels, maximumAmplitude: .milliamps(300))
        let host = SessionHost(engine: Engine(therapyProtocol: loaded.therapyProtocol, transport: transport),
                               pacing: .stepped, sinks: [writer])
        host.begin(screening: Contraindication.noneApply, start: true)
        host.start()
        // Another program holds the file longer than the writer waits.
        let other = try Self.lockingConnection(fixture.path)
        try other.inDatabase { try $0.execute(sql: "BEGIN EXCLUSIVE") }
        let deadline = Date().addingTimeInterval(60)
        while host.snapshot?.alarms.contains(where: { $0.cause == .sink("treatment records") }) != true, Date() < deadline {
            host.advance(by: .milliseconds(20))
            usleep(1_000)
        }
        let alarm = try #require(host.snapshot?.alarms.first { $0.cause == .sink("treatment records") })
        #expect(alarm.message.contains("locked by another program") && alarm.message.contains(".fallback.jsonl"))
        #expect(host.snapshot?.state == .running, "output does not depend on the disk")
        try other.inDatabase { try $0.execute(sql: "ROLLBACK") }
        // While the session is still being written, another galvani's start leaves its fallback file alone.
        #expect(try RecordsStore(path: fixture.path).importFallbacks().isEmpty)
        while !host.isOver { host.advance(by: .milliseconds(20)) }
        host.shutDown()
        // Documentation goes on the session's own chain, where the record went on: the fallback file.
        #expect(writer.appendAfterSession(kind: "documentation", payload: ["skin": "normal", "attended_minutes": 10]))
        let fallbacks = try FileManager.default.contentsOfDirectory(atPath: fixture.folder.path).filter { $0.hasSuffix(".fallback.jsonl") }
        #expect(fallbacks.count == 1)
        // The next start, once this process is gone, brings the rest in: the chain is whole, to the end.
        let next = try RecordsStore(path: fixture.path)
        let said = try next.importFallbacks(holderAlive: { _ in false })
        #expect(said.count == 1)
        #expect(try next.entries(of: writer.sessionID).suffix(2).map(\.kind) == ["ended", "documentation"])
        #expect(try next.verify().problems.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.folder.path).filter { $0.hasSuffix(".fallback.jsonl") }.isEmpty)
    }

    @Test func aValueOfTheWrongTypeCannotBeWrittenBehindTheRecordsBack() throws {
        let fixture = try RecordsFixture()
        defer { fixture.remove() }
        let store = try RecordsStore(path: fixture.path)
        _ = try store.openSession(id: UUID(), RecordsFixture.header(try RecordsFixture.short("tens-burst")))
        #expect(throws: DatabaseError.self) {
            try store.pool.write { try $0.execute(sql: "UPDATE entry SET t_ns = 'soon'") }
        }
        #expect(throws: DatabaseError.self) {
            try store.pool.write { try $0.execute(sql: "UPDATE session SET entries = 'many'") }
        }
    }

    @Test func aFallbackEntryThatDiffersFromTheRecordIsKeptNotDropped() throws {
        let fixture = try RecordsFixture()
        defer { fixture.remove() }
        let store = try RecordsStore(path: fixture.path)
        let gone = SessionHolder(pid: 1, boot: "a boot long ago")
        var chain = try store.openSession(id: UUID(), RecordsFixture.header(try RecordsFixture.short("tens-burst")), holder: gone)
        let kept = chain.append(time: 1, kind: "note", payload: #"{"message":"kept"}"#)
        try store.write { try store.commit([kept], $0) }
        // A file claiming another entry 1, then more after it.
        var other = RecordChain(sessionID: chain.sessionID, nextSeq: 1, head: kept.prev)
        let conflicting = [other.append(time: 1, kind: "note", payload: #"{"message":"other"}"#),
                           other.append(time: 2, kind: "note", payload: #"{"message":"after"}"#)]
        let file = fixture.path + "." + chain.sessionID + FallbackFile.suffix
        let encoder = JSONEncoder()
        try Data(conflicting.map { String(decoding: try encoder.encode($0), as: UTF8.self) }.joined(separator: "\n").utf8)
            .write(to: URL(fileURLWithPath: file))
        let said = try store.importFallbacks()
        #expect(said.first?.contains("differ from what the records hold") == true, "\(said)")
        #expect(FileManager.default.fileExists(atPath: file))
        #expect(try store.entries(of: chain.sessionID).count == 2)
    }
}
