import PropertyBased
import Testing
@testable import StimulationCore

@Suite struct PropertyTests {
    /// The loader must answer any bytes with a protocol or located errors, never a crash.
    @Test func theLoaderSurvivesRandomBytes() async {
        await propertyCheck(count: 300, input: Gen.uint8().array(of: 0...400)) { bytes in
            do {
                _ = try ProtocolLoader.load(bytes: bytes, file: "random.toml")
            } catch let error as ProtocolLoadError {
                #expect(!error.diagnostics.isEmpty)
                #expect(error.diagnostics.allSatisfy { $0.location.line >= 1 && $0.location.column >= 1 })
            }
        }
    }

    /// Damage a valid file at random — flipped, dropped and inserted bytes — and it still never crashes.
    @Test func theLoaderSurvivesDamagedProtocols() async {
        let original = Array(Fixtures.protocolText(programme: "duty = { on = \"10 s\", off = \"20 s\", ramp_up = \"2 s\", ramp_down = \"1 s\" }").utf8)
        let edits = PropertyBased.zip(Gen.int(in: 0...2), Gen.int(in: 0...(original.count - 1)), Gen.uint8()).array(of: 1...6)
        await propertyCheck(count: 400, input: edits) { edits in
            var bytes = original
            for (kind, position, byte) in edits {
                let at = min(position, bytes.count - 1)
                switch kind {
                case 0: bytes[at] = byte
                case 1: bytes.remove(at: at)
                default: bytes.insert(byte, at: at)
                }
            }
            do {
                let loaded = try ProtocolLoader.load(bytes: bytes, file: "damaged.toml")
                // Whatever survives damage must still be inside every limit.
                for programme in loaded.therapyProtocol.programmes {
                    let f = SafetyFigures(plan: ChannelPlan(programme: programme, channel: 1), amplitude: programme.amplitude.maximum)
                    #expect(!f.findings.contains { $0.severity == .violation })
                }
            } catch let error as ProtocolLoadError {
                #expect(!error.diagnostics.isEmpty)
            }
        }
    }

    static let programmes: [Programme] = [
        Fixtures.programme(frequency: .hertz(137)),
        Fixtures.programme(modality: .tensBurst, frequency: .hertz(90), burst: Burst(rate: .hertz(3), length: .milliseconds(110))),
        Fixtures.programme(modality: .ems, frequency: .hertz(50), width: .microseconds(300),
                           duty: DutyCycle(on: .seconds(3), off: .seconds(2), rampUp: .seconds(1), rampDown: .milliseconds(500))),
        Fixtures.programme(modality: .tensModulated, frequency: .hertz(80),
                           sweeps: [Sweep(parameter: .frequency, profile: .triangle, from: 80_000, to: 120_000, cycle: .seconds(4))]),
        Fixtures.programme(modality: .electroacupuncture, width: .microseconds(400),
                           denseDisperse: DenseDisperse(disperse: .hertz(2), dense: .hertz(100), switchEvery: .seconds(3)), maximum: .milliamps(10)),
        Fixtures.programme(modality: .microcurrent, shape: .monophasic(polarity: .alternating), frequency: .millihertz(2_500),
                           width: .milliseconds(150), maximum: .microamps(600)),
        Fixtures.programme(modality: .russian, shape: .sineCarrier, carrier: Carrier(frequency: .hertz(2500)),
                           burst: Burst(rate: .hertz(50), length: .milliseconds(10)),
                           duty: DutyCycle(on: .seconds(4), off: .seconds(3), rampUp: .seconds(1), rampDown: .seconds(1))),
        Fixtures.programme(modality: .ifcFourPole, shape: .sineCarrier, carrier: Carrier(frequency: .hertz(4000), beat: .hertz(1)),
                           sweeps: [Sweep(parameter: .beat, profile: .triangle, from: 1_000, to: 250_000, cycle: .seconds(6))]),
    ]

    /// Cutting time into windows anywhere yields exactly the pulses of one long window.
    @Test func windowsAnywhereGiveTheSameSchedule() async {
        let input = PropertyBased.zip(Gen.element(of: Self.programmes.indices), Gen.int64(in: 1...4_000).array(of: 1...8),
                            Gen.int(in: 1...2))
        await propertyCheck(count: 120, input: input) { index, cuts, channel in
            let programme = Self.programmes[index!]
            let end = TimeSpan.seconds(10)
            let whole = Fixtures.pulses(programme, channel: channel, to: end)
            var pieces: [(time: TimeSpan, pulse: Pulse)] = []
            var start = TimeSpan.zero
            for cut in (cuts.map { TimeSpan.milliseconds($0 * 2) } + [end]).sorted() where cut > start {
                pieces += Fixtures.pulses(programme, channel: channel, from: start, to: min(cut, end))
                start = min(cut, end)
            }
            #expect(pieces.map(\.time) == whole.map(\.time))
            #expect(pieces.map(\.pulse) == whole.map(\.pulse))
        }
    }

    /// No pulse comes sooner than the highest rate allows, none outlasts its period, and none exceeds the amplitude.
    @Test func pulsesNeverCrowdOrExceed() async {
        let input = PropertyBased.zip(Gen.element(of: Self.programmes.indices), Gen.int64(in: 0...9_000), Gen.int(in: 1...2))
        await propertyCheck(count: 120, input: input) { index, startMs, channel in
            let programme = Self.programmes[index!]
            let plan = ChannelPlan(programme: programme, channel: channel)
            let shortest = plan.frequencyRange.upperBound.period
            let pulses = Fixtures.pulses(programme, channel: channel, from: .milliseconds(startMs), to: .seconds(10))
            for (a, b) in zip(pulses, pulses.dropFirst()) {
                #expect(b.time - a.time >= shortest)
                #expect(a.pulse.duration <= b.time - a.time)
            }
            #expect(pulses.allSatisfy { $0.pulse.peak <= .milliamps(20) })
            #expect(pulses.allSatisfy { $0.time >= .milliseconds(startMs) && $0.time < .seconds(10) })
        }
    }

    /// Over any whole number of alternating pairs, or over biphasic pulses, the net charge stays at zero.
    @Test func chargeStaysBalancedOverWholeBlocks() async {
        await propertyCheck(count: 60, input: Gen.element(of: Self.programmes.indices), Gen.int(in: 1...2)) { index, channel in
            let programme = Self.programmes[index!]
            let net = Fixtures.pulses(programme, channel: channel).reduce(0.0) { $0 + $1.pulse.netCharge.microcoulombs }
            let perPulseRounding = 0.001
            #expect(abs(net) <= perPulseRounding)
        }
    }
}
