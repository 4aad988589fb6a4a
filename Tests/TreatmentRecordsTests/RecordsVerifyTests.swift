import Foundation
import GRDB
import StimulationCore
import Testing
@testable import TreatmentRecords

/// `records verify` finds every change made behind the records' back.
@Suite struct RecordsVerifyTests {
    func recorded() throws -> (RecordsFixture, RecordsStore, String) {
        let fixture = try RecordsFixture()
        let store = try RecordsStore(path: fixture.path)
        let session = try fixture.runSession(try RecordsFixture.short("tens-burst"), store: store, collector: Collector())
        #expect(try store.verify().problems.isEmpty)
        return (fixture, store, session)
    }

    @Test(arguments: [
        ("an edited amplitude", "UPDATE entry SET payload = replace(payload, '\"target_uA\":', '\"target_uA\":9') WHERE seq = (SELECT min(seq) FROM entry WHERE kind = 'trace')", "changed after it was written"),
        ("an edited time", "UPDATE entry SET t_ns = t_ns + 1 WHERE seq = 7", "changed after it was written"),
        ("a removed row", "DELETE FROM entry WHERE seq = 9", "missing"),
        ("a removed end", "DELETE FROM entry WHERE seq = (SELECT max(seq) FROM entry)", "removed from its end"),
        ("a rewritten end", "UPDATE session SET end_state = 'finished', end_reason = 'every programme completed'", "differs from what its record says"),
        ("an edited protocol", "UPDATE protocol_text SET text = text || ' '", "protocol text it ran was changed"),
    ])
    func verifyNamesWhatWasChanged(what: String, sql: String, expected: String) throws {
        let (fixture, store, _) = try recorded()
        defer { fixture.remove() }
        if what == "a rewritten end" {
            // The session was stopped, not finished: a report rewritten to say otherwise is found.
            try store.pool.write { try $0.execute(sql: "UPDATE session SET end_state = 'stopped'") }
            let problems = try store.verify().problems
            #expect(problems.contains { $0.contains(expected) }, "\(problems)")
            return
        }
        try store.pool.write { try $0.execute(sql: sql) }
        let problems = try store.verify().problems
        #expect(problems.contains { $0.contains(expected) }, "\(what): \(problems)")
    }

    @Test func aCorrectionIsANewEntryThatPointsAtWhatItCorrects() throws {
        let (fixture, store, session) = try recorded()
        defer { fixture.remove() }
        let first = try store.append(session: session, kind: "documentation", payload: ["skin": "normal", "pain_after": 2])
        let correction = try store.append(session: session, kind: "documentation",
                                          payload: ["skin": "redness", "pain_after": 2, "corrects": first])
        #expect(correction == first + 1)
        let entries = try store.entries(of: session)
        #expect(RecordPayload.object(entries[Int(first)].payload)["skin"] as? String == "normal")
        #expect(try store.verify().problems.isEmpty)
    }
}
