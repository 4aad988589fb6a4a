import Foundation
import PropertyBased
import StimulationCore
import Testing
@testable import HomeUnit

/// How often and how soon: the prescription's counts against the sessions in the records, in UTC so the days
/// in these tests are the days written.
@Suite struct SessionAllowanceTests {
    let prescription = try! PrescriptionLoader.load(bytes: Array(HomeFixtures.prescription.utf8), file: "p.toml")
    let utc = TimeZone(identifier: "UTC")!

    func at(_ text: String) -> Date { try! Date("2026-12-10T\(text):00Z", strategy: .iso8601) }

    func check(_ past: [SessionAllowance.Past], now: String, latest: Date? = nil) -> PrescriptionRefusal? {
        SessionAllowance.check(prescription, past: past, latestRecorded: latest, now: at(now), zone: utc)
    }

    func session(_ start: String, minutes: Double = 20, delivered: Bool = true) -> SessionAllowance.Past {
        .init(start: at(start), end: at(start).addingTimeInterval(minutes * 60), delivered: delivered)
    }

    @Test func theFirstSessionOfTheDayIsAllowed() {
        #expect(check([], now: "08:00") == nil)
        // Yesterday's late session is more than the 4 h gap ago.
        #expect(check([.init(start: at("08:00").addingTimeInterval(-12 * 3600), end: at("08:00").addingTimeInterval(-11 * 3600),
                             delivered: true)], now: "08:00") == nil)
    }

    @Test func tooSoonAfterTheLastSessionItSaysWhenTheNextIs() {
        let refusal = check([session("08:00")], now: "10:00")
        #expect(refusal == .tooSoon(gap: .minutes(240), next: at("12:20")))
        #expect(refusal?.description.hasPrefix("Your clinician asks for at least 4 hours between sessions. The next one is allowed from ") == true)
        #expect(check([session("08:00")], now: "12:20") == nil, "the gap counts from the end of the last session")
    }

    @Test func afterTodaysCountTheNextIsTomorrow() {
        let refusal = check([session("06:00"), session("12:00")], now: "20:00")
        #expect(refusal == .dailyCountReached(2, next: at("00:00").addingTimeInterval(86_400)))
        #expect(refusal?.description.hasPrefix("You have had the 2 sessions your clinician allows today.") == true)
    }

    @Test func aSessionThatDeliveredNothingUsesNoTurn() {
        #expect(check([session("06:00"), session("12:00", delivered: false)], now: "20:00") == nil)
    }

    @Test func aSessionStillOpenHoldsTheGapFromNow() {
        // Open in another console: its gap has not begun.
        #expect(check([.init(start: at("09:00"), end: nil, delivered: true)], now: "10:00")
            == .tooSoon(gap: .minutes(240), next: at("14:00")))
    }

    @Test func aClockSetBackIsNoticed() {
        let refusal = check([], now: "08:00", latest: at("08:00").addingTimeInterval(3 * 86_400))
        #expect(refusal == .clockBehind(now: at("08:00"), latest: at("08:00").addingTimeInterval(3 * 86_400)))
        #expect(refusal?.description.contains("Set the date and time right, then start again.") == true)
        // A correction of a minute by the network is not a clock set back.
        #expect(check([], now: "08:00", latest: at("08:01")) == nil)
    }

    /// Any history, any moment: a session is allowed exactly when today's count is under the limit and the gap
    /// since the last delivering session has passed, both worked out here from the prescription's own figures.
    @Test func theAllowanceMatchesTheRulesForAnyHistory() async {
        let starts = Gen.int(in: 0...(3 * 24 * 60)).array(of: 0...8)
        let lengths = Gen.int(in: 0...45).array(of: 8)
        let delivered = Gen.bool.array(of: 8)
        await propertyCheck(count: 2_000, input: starts, lengths, delivered, Gen.int(in: 0...(3 * 24 * 60))) { starts, lengths, delivered, now in
            let origin = at("00:00").addingTimeInterval(-2 * 86_400)
            let past = starts.enumerated().map { i, minute in
                SessionAllowance.Past(start: origin.addingTimeInterval(Double(minute) * 60),
                                      end: origin.addingTimeInterval(Double(minute + lengths[i % 8]) * 60), delivered: delivered[i % 8])
            }
            let moment = origin.addingTimeInterval(Double(now) * 60)
            let refusal = SessionAllowance.check(prescription, past: past, latestRecorded: nil, now: moment, zone: utc)
            let dayStart = origin.addingTimeInterval(Double(now / (24 * 60) * 24 * 60) * 60)
            let counted = past.filter(\.delivered)
            let today = counted.filter { $0.start >= dayStart && $0.start < dayStart.addingTimeInterval(86_400) }.count
            let lastEnd = counted.map(\.end!).max()
            let gapOver = lastEnd.map { moment >= $0.addingTimeInterval(4 * 3600) } ?? true
            #expect((refusal == nil) == (today < 2 && gapOver), "now \(moment), today \(today), last end \(String(describing: lastEnd))")
        }
    }
}
