import Foundation
import StimulationCore
import Testing
@testable import HomeUnit

/// Every refusal, in the words the patient reads.
@Suite struct PrescriptionCheckTests {
    let prescription = try! PrescriptionLoader.load(bytes: Array(HomeFixtures.prescription.utf8), file: "p.toml")
    static let protocolFile: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("protocols/tens-conventional.toml").path
    let tens = try! ProtocolLoader.load(path: PrescriptionCheckTests.protocolFile).therapyProtocol

    func installed(sha: String = HomeFixtures.sha) -> (String) -> PrescriptionCheck.Installed? {
        { id in id == "tens-conventional" ? .init(sha256: sha, therapyProtocol: tens) : nil }
    }

    @Test func aValidPrescriptionOnTheRightUnitIsAccepted() {
        #expect(PrescriptionCheck.terms(prescription, unitPatient: "P-100", today: CalendarDay("2026-12-15")!, installed: installed()).isEmpty)
    }

    @Test func anotherPatientsPrescriptionIsRefused() {
        let refusals = PrescriptionCheck.terms(prescription, unitPatient: "P-7", today: CalendarDay("2026-12-15")!, installed: installed())
        #expect(refusals.map(\.description) == [
            "This prescription is for patient P-100, but this unit is set up for P-7. Ask your clinician for a new prescription."])
    }

    @Test func outsideItsDatesItIsRefusedWithTheDate() {
        #expect(PrescriptionCheck.terms(prescription, unitPatient: "P-100", today: CalendarDay("2027-03-02")!, installed: installed())
            .map(\.description) == ["This prescription ended on 1 March 2027. Ask your clinician for a new prescription."])
        #expect(PrescriptionCheck.terms(prescription, unitPatient: "P-100", today: CalendarDay("2026-11-30")!, installed: installed())
            .map(\.description) == ["This prescription starts on 1 December 2026; it cannot be used before then."])
        // The last day itself is still valid.
        #expect(PrescriptionCheck.terms(prescription, unitPatient: "P-100", today: CalendarDay("2027-03-01")!, installed: installed()).isEmpty)
    }

    @Test func aChangedOrMissingProtocolIsRefused() {
        let changed = PrescriptionCheck.terms(prescription, unitPatient: "P-100", today: CalendarDay("2026-12-15")!,
                                              installed: installed(sha: String(repeating: "cd", count: 32)))
        #expect(changed == [.protocolChanged("tens-conventional")])
        #expect(changed[0].description.contains("has been changed since your clinician prescribed it"))
        let missing = PrescriptionCheck.terms(prescription, unitPatient: "P-100", today: CalendarDay("2026-12-15")!, installed: { _ in nil })
        #expect(missing == [.protocolMissing("tens-conventional")])
    }

    /// tens-conventional allows 40 mA: a prescription may narrow that, never widen it, and must set every channel.
    @Test func aMaximumAboveTheProtocolsOrAChannelLeftOutIsRefused() throws {
        let text = HomeFixtures.prescription.replacingOccurrences(of: "maximum = \"20 mA\"", with: "maximum = \"45 mA\"")
        let above = try PrescriptionLoader.load(bytes: Array(text.utf8), file: "p.toml")
        #expect(PrescriptionCheck.limits(above.protocols[0], against: tens, longest: .minutes(30)) == [
            .aboveProtocol(id: "tens-conventional", channel: 1, maximum: .milliamps(45), protocolMaximum: .milliamps(40))])
        var one = prescription.protocols[0]
        one.channels.removeLast()
        #expect(PrescriptionCheck.limits(one, against: tens, longest: .minutes(30)) == [.channelMissing(id: "tens-conventional", channel: 2)])
    }
}
