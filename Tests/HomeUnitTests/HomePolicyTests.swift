import Foundation
import StimulationCore
import Testing
@testable import HomeUnit

/// The home policy is the clinic's with the prescription's ceilings added: tighter, never looser.
@Suite struct HomePolicyTests {
    let prescription = try! PrescriptionLoader.load(bytes: Array(HomeFixtures.prescription.utf8), file: "p.toml")
    let tens = try! ProtocolLoader.load(path: PrescriptionCheckTests.protocolFile).therapyProtocol

    @Test func theModalityCeilingFallsToTheHighestPrescribedMaximum() throws {
        let policy = try HomePolicy.make(prescription.protocols[0], for: tens)
        #expect(policy.spec(for: .tensConventional, electrode: .pad).ceiling == .milliamps(20))
        #expect(policy.name == "home")
        // Everything else is the clinic's.
        #expect(policy.rmsCurrent == SafetyPolicy.clinic.rmsCurrent)
    }

    @Test func aPrescriptionAboveTheClinicCeilingLeavesTheClinicCeiling() throws {
        var allowed = prescription.protocols[0]
        allowed.channels[0].maximum = .milliamps(500)
        let policy = try HomePolicy.make(allowed, for: tens)
        #expect(policy.spec(for: .tensConventional, electrode: .pad).ceiling == SafetyPolicy.clinic.spec(for: .tensConventional, electrode: .pad).ceiling)
    }

    @Test func eachChannelHasItsOwnMaximumAndStart() {
        #expect(HomePolicy.maxima(prescription.protocols[0]) == [1: .milliamps(20), 2: .milliamps(15)])
        #expect(HomePolicy.starts(prescription.protocols[0]) == [1: .milliamps(10), 2: .milliamps(8)])
    }

    @Test func aProtocolLongerThanTheLongestSessionIsRefused() {
        let refusals = PrescriptionCheck.limits(prescription.protocols[0], against: tens, longest: .minutes(15))
        #expect(refusals == [.tooLong(id: "tens-conventional", lasts: .minutes(20), longest: .minutes(15))])
        #expect(refusals[0].description == "The treatment \"tens-conventional\" lasts 20 minutes, longer than the 15 minutes per "
            + "session your prescription allows. Ask your clinician for a new prescription.")
    }
}
