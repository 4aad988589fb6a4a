import Foundation
import Testing
@testable import HomeUnit

/// The unit's memory outside its records, and the settings that fix its days.
@Suite struct HomeLedgerTests {
    @Test func aNewUnitHasStartedNothingAndEachStartIsCounted() throws {
        let ledger = HomeLedger(folder: HomeFixtures.folder())
        #expect(try ledger.read() == HomeLedger.Marks(sessions: 0, latest: nil))
        let first = try Date("2026-12-10T08:00:00Z", strategy: .iso8601)
        try ledger.recordStart(at: first)
        try ledger.recordStart(at: first.addingTimeInterval(-60))
        let marks = try ledger.read()
        #expect(marks.sessions == 2)
        #expect(marks.latest == first, "the latest moment never moves back")
    }

    @Test func aDamagedLedgerIsAnErrorNeverAFreshStart() throws {
        let ledger = HomeLedger(folder: HomeFixtures.folder())
        try "sessions 3\nlatest yesterday\n".write(toFile: ledger.path, atomically: true, encoding: .utf8)
        #expect(throws: KeyFileError.self) { try ledger.read() }
        do { _ = try ledger.read() } catch {
            #expect(error.message == "\(ledger.path):2:1: \"latest yesterday\" is not a line of the unit's ledger "
                + "(allowed: sessions COUNT, latest TIME)")
        }
        try "latest 2026-12-10T08:00:00.000Z\n".write(toFile: ledger.path, atomically: true, encoding: .utf8)
        #expect(throws: KeyFileError.self) { try ledger.read() }
    }

    @Test func theUnitsTimeZoneIsTheOneKeptAtSetupNotTheEnvironments() throws {
        let settings = HomeSettings(folder: HomeFixtures.folder())
        try "patient P-100\nzone Pacific/Kiritimati\n".write(toFile: settings.folder + "/home-patient", atomically: true, encoding: .utf8)
        #expect(settings.patient == "P-100")
        #expect(try settings.zone().identifier == "Pacific/Kiritimati")
        try "patient P-100\nzone Mars/Olympus\n".write(toFile: settings.folder + "/home-patient", atomically: true, encoding: .utf8)
        #expect(throws: KeyFileError.self, "a zone written but unknown is an error, not the system's") { try settings.zone() }
    }
}
