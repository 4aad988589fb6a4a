import Testing
import StimulationCore
@testable import Transports

@Suite struct ElectrodeModelTests {
    func pulse(_ amplitude: Current, width: TimeSpan = .microseconds(200)) -> Pulse {
        PulseShape.symmetricBiphasic.pulse(amplitude: amplitude, width: width, period: .milliseconds(10))
    }

    @Test func impedanceFallsAsCurrentRises() {
        let model = ElectrodeModel()
        for width in [TimeSpan.microseconds(200), .milliseconds(100)] {
            let seen = [Current.microamps(100), .milliamps(1), .milliamps(5), .milliamps(20)]
                .map { model.respond(to: pulse($0, width: width)).impedance!.ohms }
            #expect(zip(seen, seen.dropFirst()).allSatisfy { $0 > $1 }, "width \(width): \(seen)")
        }
        // A long pulse fully charges C, so the resting skin shows: tens of kΩ at 100 µA, below 1 kΩ at 20 mA.
        let long = TimeSpan.milliseconds(100)
        #expect(model.respond(to: pulse(.microamps(100), width: long)).impedance! > .kiloohms(20))
        #expect(model.respond(to: pulse(.milliamps(20), width: long)).impedance! < .kiloohms(1))
    }

    @Test func aHealthyPadTakesTheSetCurrent() {
        let response = ElectrodeModel().respond(to: pulse(.milliamps(20)))
        #expect(response == ElectrodeModel.Response(delivered: .milliamps(20), impedance: response.impedance,
                                                    contact: .ok, complianceLimited: false))
    }

    @Test func complianceLimitsCurrentIntoAHighImpedance() {
        // 90 V cannot push 27 mA through more than 90 V / 27 mA ≈ 3.33 kΩ.
        for series in [3_400.0, 5_000, 10_000, 50_000] {
            let model = ElectrodeModel(parameters: .init(seriesResistance: .ohms(series)))
            let response = model.respond(to: pulse(.milliamps(27)))
            let volts = response.delivered.amps * response.impedance!.ohms
            #expect(response.complianceLimited)
            #expect(response.delivered < .milliamps(27))
            #expect(volts <= 90.0 && volts > 89.9, "Rs \(series) Ω: \(response.delivered) at \(response.impedance!)")
            #expect(response.contact == .poor)
        }
        let fits = ElectrodeModel(parameters: .init(seriesResistance: .ohms(2_500))).respond(to: pulse(.milliamps(27)))
        #expect(fits.delivered == .milliamps(27))
        #expect(!fits.complianceLimited)
        #expect(fits.contact == .ok)
    }

    @Test func aLiftedPadIsPoorAndASlightLiftIsNot() {
        var model = ElectrodeModel()
        let baseline = model.respond(to: pulse(.milliamps(20))).impedance!
        model.contactFraction = 0.4
        let lifted = model.respond(to: pulse(.milliamps(20)))
        #expect(lifted.contact == .poor)
        #expect(lifted.impedance! >= .ohms(baseline.ohms * ElectrodeModel.poorImpedanceRatio))
        #expect(lifted.delivered == .milliamps(20), "the edge still touching takes the whole current")
        model.contactFraction = 0.9
        #expect(model.respond(to: pulse(.milliamps(20))).contact == .ok)
    }

    @Test func aPadAlmostOffOrABrokenLeadIsOpenWithNoImpedance() {
        var model = ElectrodeModel()
        model.leadBroken = true
        #expect(model.respond(to: pulse(.milliamps(20))) ==
                ElectrodeModel.Response(delivered: .zero, impedance: nil, contact: .open, complianceLimited: false))
        model = ElectrodeModel(contactFraction: ElectrodeModel.openContactFraction)
        #expect(model.respond(to: pulse(.milliamps(20))).contact == .open)
        #expect(model.respond(to: pulse(.milliamps(20))).impedance == nil)
    }

    @Test func touchingLeadsAreAShort() {
        let response = ElectrodeModel(shorted: true).respond(to: pulse(.milliamps(20)))
        #expect(response.contact == .short)
        #expect(response.impedance! < ElectrodeModel.shortImpedance)
        #expect(ElectrodeModel(leadBroken: true, shorted: true).respond(to: pulse(.milliamps(20))).contact == .open,
                "a broken lead leaves no path, touching or not")
    }

    @Test func driftIsPoorFromHalfAgainTheBaseline() {
        #expect(ElectrodeModel(drift: 1.4).respond(to: pulse(.milliamps(20))).contact == .ok)
        #expect(ElectrodeModel(drift: 1.5).respond(to: pulse(.milliamps(20))).contact == .poor)
    }

    @Test func theLargestPhaseDecidesAndAHalfSineCountsAsARectangle() {
        let model = ElectrodeModel()
        let rectangle = Pulse([Phase(amplitude: .milliamps(30), duration: .microseconds(125)),
                               Phase(amplitude: .milliamps(-30), duration: .microseconds(125))])
        let sine = PulseShape.sineCarrier.pulse(amplitude: .milliamps(30), width: .zero, period: .microseconds(250))
        #expect(model.respond(to: sine) == model.respond(to: rectangle))
        let asymmetric = PulseShape.asymmetricBiphasic(ratio: 4).pulse(amplitude: .milliamps(20), width: .microseconds(200),
                                                                       period: .milliseconds(10))
        #expect(model.respond(to: asymmetric) == model.respond(to: pulse(.milliamps(20))))
    }
}
