import Testing
@testable import StimulationCore

@Suite struct PulseShapeTests {
    static let shapes: [PulseShape] = [
        .symmetricBiphasic, .asymmetricBiphasic(ratio: 4), .asymmetricBiphasic(ratio: 2.5),
        .biphasicWithGap(gap: .microseconds(50)), .monophasic(polarity: .alternating), .squareWave,
        .twinPeak(separation: .microseconds(100), polarity: .alternating), .sineCarrier,
    ]

    @Test(arguments: shapes)
    func everyShapePutsBackTheChargeItTakes(shape: PulseShape) {
        for microamps: Int64 in [1, 350, 20_000, 99_999] {
            let pulse = shape.pulse(amplitude: .microamps(microamps), width: .microseconds(200), period: .microseconds(2000))
            let net = shape.alternates ? pulse.netCharge + pulse.negated.netCharge : pulse.netCharge
            // Rounding the second phase of an asymmetric pulse to whole µA leaves at most 1 µA × its width.
            #expect(abs(net.microcoulombs) <= 0.000_5, "\(shape) at \(microamps) µA leaves \(net)")
        }
    }

    @Test func fixedPolarityMonophasicCarriesDirectCurrent() {
        let pulse = PulseShape.monophasic(polarity: .positive).pulse(amplitude: .milliamps(10), width: .microseconds(100),
                                                                     period: .milliseconds(10))
        #expect(pulse.netCharge.microcoulombs == 1)
    }

    @Test func chargePerPhaseIsCurrentTimesWidth() {
        let pulse = PulseShape.symmetricBiphasic.pulse(amplitude: .milliamps(50), width: .microseconds(200), period: .milliseconds(10))
        #expect(pulse.phases.map(\.charge.microcoulombs) == [10, -10])
    }

    @Test func asymmetricPhasesAreLongerAndLower() {
        let pulse = PulseShape.asymmetricBiphasic(ratio: 4).pulse(amplitude: .milliamps(20), width: .microseconds(100),
                                                                  period: .milliseconds(10))
        #expect(pulse.phases[1].amplitude == .milliamps(-5))
        #expect(pulse.phases[1].duration == .microseconds(400))
    }

    @Test func halfSineChargeIsTwoOverPiOfTheRectangle() {
        let pulse = PulseShape.sineCarrier.pulse(amplitude: .milliamps(10), width: .zero, period: .microseconds(400))
        #expect(abs(pulse.phases[0].charge.microcoulombs - 2 * 2 / Double.pi) < 1e-9)
        #expect(pulse.duration == .microseconds(400))
    }
}
