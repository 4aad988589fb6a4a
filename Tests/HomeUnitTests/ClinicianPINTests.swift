import Foundation
import Testing
@testable import HomeUnit

/// The PIN: at least six digits, never stored, and guessing it locks clinician mode for longer each time.
@Suite struct ClinicianPINTests {
    /// A cheap scrypt cost, so the tests do not take seconds per try; the unit uses `standardRounds`.
    let pin = ClinicianPIN(folder: HomeFixtures.folder(), rounds: 1 << 10)

    @Test func aPINIsAtLeastSixDigits() {
        #expect(ClinicianPIN.problem(with: "12345") != nil)
        #expect(ClinicianPIN.problem(with: "12345a") != nil)
        #expect(ClinicianPIN.problem(with: "１２３４５６") != nil, "full-width digits are not digits a keypad types")
        #expect(ClinicianPIN.problem(with: "123456") == nil)
        #expect(throws: KeyFileError.self) { try pin.set("1234") }
    }

    @Test func theRightPINUnlocksAndThePINItselfIsNotStored() throws {
        try pin.set("482916")
        #expect(try pin.check("482916") == nil)
        let stored = try String(contentsOfFile: pin.folder + "/clinician-pin", encoding: .utf8)
        #expect(!stored.contains("482916"))
    }

    @Test func fiveWrongTriesLockForFifteenMinutesAndEachLockDoubles() throws {
        try pin.set("482916")
        let start = Date(timeIntervalSince1970: 2_000_000_000)
        for left in stride(from: 4, through: 1, by: -1) {
            #expect(try pin.check("000000", now: start) == .wrong(triesLeft: left))
        }
        #expect(try pin.check("000000", now: start) == .locked(until: start.addingTimeInterval(15 * 60)))
        // Locked, even the right PIN is refused, and restarting galvani (a new value) does not reset it.
        let again = ClinicianPIN(folder: pin.folder, rounds: 1 << 10)
        #expect(try again.check("482916", now: start.addingTimeInterval(60)) == .locked(until: start.addingTimeInterval(15 * 60)))
        let later = start.addingTimeInterval(16 * 60)
        for _ in 0..<4 { _ = try again.check("000000", now: later) }
        #expect(try again.check("000000", now: later) == .locked(until: later.addingTimeInterval(30 * 60)))
        #expect(try again.check("482916", now: later.addingTimeInterval(31 * 60)) == nil)
    }

    @Test func aHashFileEditedToACheapCostIsRefused() throws {
        try pin.set("482916")
        let path = pin.folder + "/clinician-pin"
        let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "galvani-pin-scrypt 1024", with: "galvani-pin-scrypt 2")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: KeyFileError.self) { try pin.check("482916") }
    }
}
