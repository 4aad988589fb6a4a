import Foundation
import Testing
@testable import HomeUnit

@Suite struct ComplianceDayTests {
    let utc = TimeZone(identifier: "UTC")!

    @Test func everyDayIsListedWithItsSessionsTimeAndHighest() throws {
        let now = try Date("2026-12-10T18:00:00Z", strategy: .iso8601)
        let sessions = [
            ComplianceDay.Session(start: now.addingTimeInterval(-3600), delivered: true, deliveredSeconds: 1200, highestMicroamps: 12_000),
            ComplianceDay.Session(start: now.addingTimeInterval(-8 * 3600), delivered: true, deliveredSeconds: 600, highestMicroamps: 15_000),
            ComplianceDay.Session(start: now.addingTimeInterval(-2 * 86_400), delivered: true, deliveredSeconds: 900, highestMicroamps: 9_000),
            // Refused before any output: not a session the patient had.
            ComplianceDay.Session(start: now.addingTimeInterval(-1800), delivered: false, deliveredSeconds: 0, highestMicroamps: 0),
        ]
        let log = ComplianceDay.log(sessions, days: 3, now: now, zone: utc)
        #expect(log.map(\.day.description) == ["2026-12-08", "2026-12-09", "2026-12-10"])
        #expect(log.map(\.sessions) == [1, 0, 2])
        #expect(log.map(\.seconds) == [900, 0, 1800])
        #expect(log.map(\.highestMicroamps) == [9_000, 0, 15_000])
    }
}
