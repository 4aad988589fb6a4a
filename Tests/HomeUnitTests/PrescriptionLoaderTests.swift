import StimulationCore
import Testing
@testable import HomeUnit

@Suite struct PrescriptionLoaderTests {
    @Test func aCompletePrescriptionLoads() throws {
        let p = try PrescriptionLoader.load(bytes: Array(HomeFixtures.prescription.utf8), file: "p.toml")
        #expect(p.patient == "P-100")
        #expect(p.validFrom == CalendarDay("2026-12-01") && p.validUntil == CalendarDay("2027-03-01"))
        #expect(p.sessionsPerDay == 2 && p.minimumGap == .minutes(240) && p.longestSession == .minutes(30))
        #expect(p.allowed("tens-conventional")?.channels == [
            .init(number: 1, start: .milliamps(10), maximum: .milliamps(20)),
            .init(number: 2, start: .milliamps(8), maximum: .milliamps(15)),
        ])
    }

    @Test func datesMustBeRealDaysInOrder() {
        #expect(HomeFixtures.errors(replacing: "\"2027-03-01\"", with: "\"2027-02-30\"")
            .contains("p.toml:7:1: error: `valid_until` is \"2027-02-30\"; write a date as \"2026-12-01\" (year-month-day)"))
        #expect(HomeFixtures.errors(replacing: "\"2027-03-01\"", with: "\"2026-11-01\"")
            .contains("`valid_until` is 2026-11-01, before valid_from 2026-12-01"))
    }

    @Test func countsAndDurationsOutsideTheirRangesAreRefused() {
        #expect(HomeFixtures.errors(replacing: "sessions_per_day = 2", with: "sessions_per_day = 0")
            .contains("`sessions_per_day` is 0; allowed: 1 to 12"))
        #expect(HomeFixtures.errors(replacing: "longest_session = \"30 min\"", with: "longest_session = \"5 h\"")
            .contains("`longest_session` is 5 h; allowed: 1 min to 2 h"))
    }

    @Test func aChannelStartAboveItsMaximumOrGivenTwiceIsRefused() {
        #expect(HomeFixtures.errors(replacing: "start = \"10 mA\"", with: "start = \"25 mA\"")
            .contains("`start` is 25 mA, above this channel's maximum 20 mA"))
        #expect(HomeFixtures.errors(replacing: "channel = 2\n", with: "channel = 1\n")
            .contains("`channel` 1 is given twice; give each channel once"))
    }

    @Test func aHashThatIsNotASHA256IsRefusedWithHowToGetOne() {
        #expect(HomeFixtures.errors(replacing: HomeFixtures.sha, with: "abc")
            .contains("must be the 64 lower-case hex digits of the protocol file's SHA-256 (galvani prescription hash PROTOCOL prints it)"))
    }

    @Test func aGarbledFileGetsItsPlace() {
        #expect(HomeFixtures.errors(replacing: "patient = \"P-100\"", with: "patient = \"P-100")
            .hasPrefix("p.toml:2:"))
        #expect(HomeFixtures.errors(replacing: "patient = \"P-100\"", with: "patient = \"P-100\"\npatients = 3")
            .contains("`patients` is not a known key (did you mean `patient`?)"))
    }
}
