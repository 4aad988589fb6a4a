import Testing
@testable import StimulationCore

@Suite struct GeneratorTests {
    @Test func hundredHertzForTenSecondsIsExactlyAThousandPulsesTenMillisecondsApart() {
        let programme = Fixtures.programme(duration: .seconds(10))
        for channel in 1...2 {
            let pulses = Fixtures.pulses(programme, channel: channel)
            #expect(pulses.count == 1000)
            for (i, pulse) in pulses.enumerated() { #expect(pulse.time == .microseconds(10_000) * Int64(i)) }
        }
    }

    @Test func theLastPulseOfAnEightHourRunIsWhereArithmeticSaysAndRunsStayCompact() {
        let programme = Fixtures.programme(duration: .minutes(8 * 60), frequency: .hertz(150))
        let runs = PulseCursor.runs(plan: ChannelPlan(programme: programme, channel: 1), origin: .zero,
                                    envelope: .constant(.milliamps(20)), from: .zero, to: programme.duration)
        let period = Frequency.hertz(150).period
        // 150 Hz for 8 h is 4 320 000 pulses, counted from the exact frequency, not the rounded period.
        let expectedCount: Int64 = 150 * 8 * 3600
        #expect(runs.count == 1)
        #expect(Int64(runs[0].count) == expectedCount)
        let last = runs[0].start + runs[0].period * Int64(runs[0].count - 1)
        #expect(last == period * (expectedCount - 1))
    }

    @Test func aRoundedPeriodLosesNoPulseAtTheEndOfABlock() {
        // 35 Hz rounds its period up by 0.43 ns; a 10 s on-window still holds all 350 pulses.
        let duty = DutyCycle(on: .seconds(10), off: .seconds(50), rampUp: .zero, rampDown: .zero)
        let programme = Fixtures.programme(modality: .ems, duration: .seconds(60), frequency: .hertz(35),
                                           width: .microseconds(300), duty: duty)
        #expect(Fixtures.pulses(programme).count == 350)
    }

    @Test func anyWindowSplitGivesTheSamePulsesAsOneWindow() {
        let programme = Fixtures.programme(duration: .seconds(4), frequency: .hertz(130))
        let whole = Fixtures.pulses(programme)
        var pieces: [(time: TimeSpan, pulse: Pulse)] = []
        var start = TimeSpan.zero
        for cut: Int64 in [3, 777, 1500, 2999, 4000] {
            let end = TimeSpan.milliseconds(cut)
            pieces += Fixtures.pulses(programme, from: start, to: end)
            start = end
        }
        #expect(pieces.map(\.time) == whole.map(\.time))
        #expect(pieces.map(\.pulse) == whole.map(\.pulse))
    }

    @Test func burstsHoldTheirPulsesAndRepeatAtTheBurstRate() {
        let programme = Fixtures.programme(modality: .tensBurst, duration: .seconds(2), frequency: .hertz(100),
                                           burst: Burst(rate: .hertz(2), length: .milliseconds(100)))
        let times = Fixtures.pulses(programme).map(\.time)
        // 100 ms at 100 Hz is 10 pulses; two bursts a second for two seconds.
        #expect(times.count == 40)
        #expect(Array(times.prefix(10)) == (0..<10).map { TimeSpan.milliseconds(10 * $0) })
        #expect(times[10] == .milliseconds(500))
        #expect(times[20] == .milliseconds(1000))
    }

    @Test func dutyCycleRampsScaleAmplitudePulseByPulseAndRestsAtZero() {
        let duty = DutyCycle(on: .seconds(4), off: .seconds(6), rampUp: .seconds(1), rampDown: .seconds(1))
        let programme = Fixtures.programme(modality: .ems, duration: .seconds(20), frequency: .hertz(50),
                                           width: .microseconds(300), duty: duty)
        let pulses = Fixtures.pulses(programme, amplitude: .milliamps(40))
        let amplitudes = pulses.map { ($0.time, $0.pulse.peak) }
        // Ramp up: 40 mA × t / 1 s, so the pulse at 500 ms carries 20 mA.
        #expect(amplitudes.first { $0.0 == .milliseconds(500) }?.1 == .milliamps(20))
        #expect(amplitudes.first { $0.0 == .milliseconds(2000) }?.1 == .milliamps(40))
        // Ramp down ends at 4 s: the pulse at 3.5 s has half the amplitude left.
        #expect(amplitudes.first { $0.0 == .milliseconds(3500) }?.1 == .milliamps(20))
        // Rising through the ramp, strictly.
        let rising = amplitudes.filter { $0.0 > .zero && $0.0 < .seconds(1) }.map(\.1)
        #expect(zip(rising, rising.dropFirst()).allSatisfy { $0 < $1 })
        // Nothing during the 6 s rest; the second on-window starts at 10 s.
        #expect(!pulses.contains { $0.time >= .seconds(4) && $0.time < .seconds(10) })
        #expect(pulses.contains { $0.time == .milliseconds(10_020) })
    }

    @Test func denseDisperseSwitchesAtExactlyThreeSeconds() {
        let dd = DenseDisperse(disperse: .hertz(2), dense: .hertz(100), switchEvery: .seconds(3))
        let programme = Fixtures.programme(modality: .electroacupuncture, duration: .seconds(9), width: .microseconds(400),
                                           denseDisperse: dd, maximum: .milliamps(10))
        let times = Fixtures.pulses(programme, amplitude: .milliamps(5)).map(\.time)
        let disperse = times.filter { $0 < .seconds(3) }
        #expect(disperse == (0..<6).map { TimeSpan.milliseconds(500 * $0) })
        let dense = times.filter { $0 >= .seconds(3) && $0 < .seconds(6) }
        #expect(dense.first == .seconds(3))
        #expect(dense.count == 300)
        #expect(times.filter { $0 >= .seconds(6) }.first == .seconds(6))
        #expect(times.filter { $0 >= .seconds(6) }.count == 6)
    }

    @Test func frequencySweepFollowsTheTriangle() {
        let sweep = Sweep(parameter: .frequency, profile: .triangle, from: 80_000, to: 120_000, cycle: .seconds(6))
        let programme = Fixtures.programme(modality: .tensModulated, duration: .seconds(6), frequency: .hertz(80), sweeps: [sweep])
        let times = Fixtures.pulses(programme).map(\.time)
        let intervals = zip(times, times.dropFirst()).map { ($1 - $0).nanoseconds }
        #expect(intervals.first == Frequency.hertz(80).period.nanoseconds)
        // Fastest near the middle of the cycle (120 Hz), slowest at the ends (80 Hz).
        #expect(intervals.min()! >= Frequency.hertz(120).period.nanoseconds)
        #expect(intervals.max()! <= Frequency.hertz(80).period.nanoseconds)
        let middle = times.firstIndex { $0 >= .seconds(3) }!
        #expect(abs(intervals[middle] - Frequency.hertz(120).period.nanoseconds) < 20_000)
        // Mean rate 100 Hz over the cycle: about 600 pulses.
        #expect((590...600).contains(times.count))
    }

    @Test func widthSweepOfSquareProfileAlternatesWidths() {
        let sweep = Sweep(parameter: .width, profile: .square, from: 330_000, to: 200_000, cycle: .seconds(1))
        let programme = Fixtures.programme(modality: .tensModulated, duration: .seconds(2), frequency: .hertz(100), sweeps: [sweep])
        let pulses = Fixtures.pulses(programme)
        #expect(pulses.first { $0.time == .milliseconds(100) }?.pulse.phases[0].duration == .microseconds(330))
        #expect(pulses.first { $0.time == .milliseconds(600) }?.pulse.phases[0].duration == .microseconds(200))
    }

    @Test func alternatingPolarityComesInBalancedPairs() {
        let programme = Fixtures.programme(modality: .highVoltPulsed, duration: .milliseconds(95),
                                           shape: .twinPeak(separation: .microseconds(100), polarity: .alternating),
                                           frequency: .hertz(100), width: .microseconds(50), maximum: .milliamps(200))
        let pulses = Fixtures.pulses(programme, amplitude: .milliamps(100))
        // 9 periods fit in 95 ms; pairs only, so 8 pulses.
        #expect(pulses.count == 8)
        let net = pulses.reduce(0.0) { $0 + $1.pulse.netCharge.microcoulombs }
        #expect(abs(net) < 1e-9)
        #expect(pulses[0].pulse.phases[0].amplitude > .zero)
        #expect(pulses[1].pulse.phases[0].amplitude < .zero)
    }

    @Test func ifcSecondCarrierRunsAtCarrierPlusBeat() {
        let programme = Fixtures.programme(modality: .ifcFourPole, duration: .seconds(1), shape: .sineCarrier,
                                           carrier: Carrier(frequency: .hertz(4000), beat: .hertz(100)), maximum: .milliamps(30),
                                           electrode: Electrode(kind: .pad, area: .squareCentimetres(50)))
        #expect(Fixtures.pulses(programme, channel: 1).count == 4000)
        #expect(Fixtures.pulses(programme, channel: 2).count == 4100)
        #expect(Fixtures.pulses(programme, channel: 3).count == 4000)
    }

    @Test func premodulatedEnvelopeDipsToTheDepthAtTheBeat() {
        let programme = Fixtures.programme(modality: .ifcPremodulated, duration: .seconds(1), shape: .sineCarrier,
                                           carrier: Carrier(frequency: .hertz(4000), beat: .hertz(100), depth: .percent(100)),
                                           maximum: .milliamps(30))
        let peaks = Fixtures.pulses(programme, amplitude: .milliamps(20)).map(\.pulse.peak)
        #expect(peaks.max()! == .milliamps(20))
        #expect(peaks.min()! < .milliamps(1))
    }

    @Test func aRampingEnvelopeScalesEachPulse() {
        let programme = Fixtures.programme(duration: .seconds(1))
        let envelope = AmplitudeEnvelope.ramp(from: .zero, to: .milliamps(10), start: .zero, end: .seconds(1), step: .zero)
        let runs = PulseCursor.runs(plan: ChannelPlan(programme: programme, channel: 1), origin: .zero,
                                    envelope: envelope, from: .zero, to: .seconds(1))
        let peaks = runs.flatMap { Array($0.expanded) }.map(\.pulse.peak)
        #expect(peaks.first == .zero)
        #expect(peaks[50] == .milliamps(5))
        #expect(zip(peaks, peaks.dropFirst()).allSatisfy { $0 < $1 })
    }

    @Test func aStairedEnvelopeHoldsEachLevelAndBecomesOneRunPerStair() {
        // 100 Hz, 0 → 10 mA over 1 s in 50 ms stairs: five pulses a stair, each stair at the line's value where it starts.
        let programme = Fixtures.programme(duration: .seconds(1))
        let envelope = AmplitudeEnvelope.ramp(from: .zero, to: .milliamps(10), start: .zero, end: .seconds(1),
                                              step: .milliseconds(50))
        let runs = PulseCursor.runs(plan: ChannelPlan(programme: programme, channel: 1), origin: .zero,
                                    envelope: envelope, from: .zero, to: .seconds(1))
        #expect(runs.count == 20)
        #expect(runs.allSatisfy { $0.count == 5 })
        #expect(runs.map(\.pulse.peak) == (0..<20).map { Current.microamps(Int64($0) * 500) })
        let line = AmplitudeEnvelope.ramp(from: .zero, to: .milliamps(10), start: .zero, end: .seconds(1), step: .zero)
        for ms in stride(from: Int64(0), through: 1000, by: 7) {
            #expect(envelope.amplitude(at: .milliseconds(ms)) <= line.amplitude(at: .milliseconds(ms)))
        }
        #expect(envelope.amplitude(at: .milliseconds(1000)) == .milliamps(10))
    }

    @Test func originShiftsEveryPulseToSessionTime() {
        let programme = Fixtures.programme(duration: .seconds(1))
        let runs = PulseCursor.runs(plan: ChannelPlan(programme: programme, channel: 1), origin: .seconds(60),
                                    envelope: .constant(.milliamps(5)), from: .seconds(60), to: .seconds(61))
        #expect(runs.first?.start == .seconds(60))
        #expect(runs.reduce(0) { $0 + $1.count } == 100)
    }
}
