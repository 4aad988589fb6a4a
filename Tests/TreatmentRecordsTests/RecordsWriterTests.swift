import Foundation
import GRDB
import StimulationCore
import StimulationEngine
import Testing
@testable import TreatmentRecords

/// Whole sessions into a real SQLite file: what was recorded is what happened, entry for event.
@Suite struct RecordsWriterTests {
    @Test(arguments: ["tens-conventional", "ems-strengthening", "microcurrent-fsm-dual"])
    func aWholeProtocolsRecordMatchesItsEventsOneForOne(id: String) throws {
        let fixture = try RecordsFixture()
        defer { fixture.remove() }
        let store = try RecordsStore(path: fixture.path)
        let collector = Collector()
        let loaded = try RecordsFixture.bundled(id)
        let session = try fixture.runSession(loaded, store: store, collector: collector)
        let entries = try store.entries(of: session)
        let recorded = entries.filter { $0.kind == "event" }.map(\.payload)
        #expect(recorded == collector.events.map { RecordPayload.text(SessionJSON.event($0)) })
        #expect(recorded.count > 5)
        #expect(entries.first?.kind == "opened")
        #expect(entries.last?.kind == "ended")
        // One trace a second of session time, from 0 to the end.
        let seconds = loaded.therapyProtocol.programmes.reduce(TimeSpan.zero) { $0 + $1.duration }.nanoseconds / 1_000_000_000
        #expect(entries.filter { $0.kind == "trace" }.count == Int(seconds) + 1)
        let listing = try #require(try store.session(session))
        #expect(listing.endState == "finished")
        #expect(listing.patient == "P-1")
        #expect(listing.deliveredNanoseconds == seconds * 1_000_000_000)
        #expect(try store.protocolText(sha256: listing.protocolSHA256) == loaded.text)
        #expect(listing.protocolSHA256 == ContentHash.sha256(loaded.text))
        #expect(try store.verify().problems.isEmpty)
    }

    /// Outputs a full queue could not take reach the writer as a count: the record says how many, where they were lost.
    @Test func outputsLostBeforeTheWriterAreRecordedWithTheirCountInPlace() throws {
        let fixture = try RecordsFixture()
        defer { fixture.remove() }
        let store = try RecordsStore(path: fixture.path)
        let writer = try RecordsWriter(store: store, header: RecordsFixture.header(try RecordsFixture.bundled("tens-conventional")))
        writer.begin { _ in }
        writer.receive([.note("before", at: .seconds(1))], lost: 0)
        // However soon the writer thread commits what it holds, the loss is placed after it.
        let deadline = Date().addingTimeInterval(30)
        while try store.entries(of: writer.sessionID).count < 2, Date() < deadline { usleep(5_000) }
        writer.receive([.note("after", at: .seconds(3))], lost: 7)
        writer.close()
        let entries = try store.entries(of: writer.sessionID)
        #expect(entries.map(\.kind) == ["opened", "note", "lost", "note"])
        let lost = try #require(entries.first { $0.kind == "lost" })
        #expect(lost.payload == RecordPayload.text(["count": 7]))
        #expect(lost.time == TimeSpan.seconds(1).nanoseconds)
        #expect(try store.verify().problems.isEmpty)
    }

    @Test func theFileIsTheOwnersAloneAndInWALMode() throws {
        let fixture = try RecordsFixture()
        defer { fixture.remove() }
        let store = try RecordsStore(path: fixture.path)
        var status = stat()
        #expect(stat(fixture.path, &status) == 0)
        #expect(status.st_mode & 0o777 == 0o600)
        #expect(try store.pool.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "wal")
    }

    @Test func theSameContentHasTheSameNameSoASecondUploadIsTheSameSession() throws {
        let fixture = try RecordsFixture()
        defer { fixture.remove() }
        let store = try RecordsStore(path: fixture.path)
        let loaded = try RecordsFixture.bundled("tens-conventional")
        let id = UUID()
        _ = try store.openSession(id: id, RecordsFixture.header(loaded))
        // The same session id again is refused, never a second copy; the protocol text is stored once.
        #expect(throws: RecordsError.self) { _ = try store.openSession(id: id, RecordsFixture.header(loaded)) }
        _ = try store.openSession(id: UUID(), RecordsFixture.header(loaded))
        #expect(try store.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM protocol_text") } == 1)
    }
}
