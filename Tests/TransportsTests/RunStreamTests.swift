import PropertyBased
import StimulationCore
import Testing
@testable import Transports

/// Run entries carry only what changed; the device rebuilds exactly the runs the host meant.
@Suite struct RunStreamTests {
    static let biphasic = PulseShape.symmetricBiphasic.pulse(amplitude: .milliamps(20), width: .microseconds(200),
                                                             period: .milliseconds(10))

    func run(start: Int64, period: Int64, count: Int, pulse: Pulse = biphasic, alternates: Bool = false) -> PulseRun {
        PulseRun(channel: 1, start: .nanoseconds(start), period: .nanoseconds(period), count: count, pulse: pulse,
                 alternates: alternates)
    }

    @Test func aFrequencySweepCostsAFewBytesPerRun() throws {
        var host = RunStream()
        var w = WireWriter()
        var runs: [PulseRun] = []
        var start: Int64 = 1_000_000_000
        var period: Int64 = 12_500_000
        for _ in 0..<10 {
            runs.append(run(start: start, period: period, count: 1))
            start += period
            period -= 12_955
        }
        for r in runs { host.encode(r, into: &w) }
        var device = RunStream()
        #expect(try device.decode(w.bytes, channel: 1) == runs)
        // The first entry carries everything; each later one a flag byte and a three-byte period change.
        #expect(w.bytes.count <= 30 + 9 * 4)
    }

    @Test func theRoundTripIsExactForAnyRuns() async {
        let pulse = PropertyBased.zip(Gen.int64(in: -300_000...300_000), Gen.int64(in: 0...1_000_000), Gen.bool)
        let runs = PropertyBased.zip(Gen.int64(in: 0...50_000_000), Gen.int64(in: 1_000_000...60_000_000),
                                     Gen.int(in: 1...1_000), pulse, Gen.bool).array(of: 1...20)
        await propertyCheck(count: 300, input: runs) { specs in
            var start: Int64 = 5_000_000_000
            var sent: [PulseRun] = []
            for (gap, period, count, (amplitude, width, halfSine), alternates) in specs {
                start += gap
                let phase = Phase(amplitude: .microamps(amplitude), duration: .nanoseconds(min(width, period / 2)),
                                  form: halfSine ? .halfSine : .rectangular)
                sent.append(run(start: start, period: period, count: count, pulse: Pulse(phase, phase.negated), alternates: alternates))
                start += period * Int64(count)
            }
            var host = RunStream()
            var w = WireWriter()
            for r in sent { host.encode(r, into: &w) }
            var device = RunStream()
            #expect((try? device.decode(w.bytes, channel: 1)) == sent)
            #expect(device == host)
        }
    }

    /// A soft start: every pulse a little stronger. Each entry carries only the amplitude changes.
    @Test func aRampCostsAFewBytesPerPulse() throws {
        var host = RunStream()
        var w = WireWriter()
        var runs: [PulseRun] = []
        for i in 0..<20 {
            let pulse = PulseShape.symmetricBiphasic.pulse(amplitude: .microamps(Int64(1_000 + 20 * i)), width: .microseconds(200),
                                                           period: .milliseconds(10))
            runs.append(run(start: 10_000_000 * Int64(i), period: 10_000_000, count: 1, pulse: pulse))
        }
        for r in runs { host.encode(r, into: &w) }
        var device = RunStream()
        #expect(try device.decode(w.bytes, channel: 1) == runs)
        // Flags, header, and per phase a one-byte amplitude change and a one-byte zero duration change.
        #expect(w.bytes.count <= 30 + 19 * 6)
    }

    @Test func anEntryThatContinuesAStoppedStreamIsRefused() throws {
        var host = RunStream()
        var w = WireWriter()
        host.encode(run(start: 0, period: 10_000_000, count: 5), into: &w)
        host.encode(run(start: 50_000_000, period: 10_000_000, count: 5), into: &w)
        var device = RunStream()
        _ = try device.decode(w.bytes, channel: 1)
        var second = WireWriter()
        host.encode(run(start: 100_000_000, period: 10_000_000, count: 5), into: &second)
        device.reset()
        #expect(throws: RunStreamRefusal(entry: 0, reason: .outOfOrder("the entry continues a stream that was stopped or never started"))) {
            try device.decode(second.bytes, channel: 1)
        }
        #expect(device == RunStream())
    }

    @Test func anOverlappingRunIsRefusedAndNothingIsTaken() throws {
        var host = RunStream()
        var w = WireWriter()
        host.encode(run(start: 0, period: 10_000_000, count: 5), into: &w)
        host.encode(run(start: 30_000_000, period: 10_000_000, count: 5), into: &w)
        var device = RunStream()
        do {
            _ = try device.decode(w.bytes, channel: 1)
            Issue.record("an overlapping run was taken")
        } catch {
            #expect(error.entry == 1)
            #expect(error.result == .outOfOrder)
        }
        #expect(device == RunStream())
    }

    @Test func valuesOutsideTheProtocolsRangesAreRefusedNotWrapped() {
        var w = WireWriter()
        w.u8(RunStream.Flag.start | RunStream.Flag.period | RunStream.Flag.count | RunStream.Flag.pulse)
        w.varint(0)
        w.signedVarint(10_000_000)
        w.varint(UInt64(WireProtocol.maximumCount) + 1)
        RunStream.write(Self.biphasic, after: nil, into: &w)
        var device = RunStream()
        #expect(throws: RunStreamRefusal.self) { try device.decode(w.bytes, channel: 1) }

        var zeroPeriod = WireWriter()
        zeroPeriod.u8(RunStream.Flag.start | RunStream.Flag.pulse)
        zeroPeriod.varint(0)
        RunStream.write(Self.biphasic, after: nil, into: &zeroPeriod)
        #expect(throws: RunStreamRefusal.self) { try device.decode(zeroPeriod.bytes, channel: 1) }

        var reserved = WireWriter()
        reserved.u8(0x80)
        #expect(throws: RunStreamRefusal.self) { try device.decode(reserved.bytes, channel: 1) }
    }

    @Test func aPulseLongerThanItsPeriodIsRefused() {
        var host = RunStream()
        var w = WireWriter()
        host.encode(run(start: 0, period: 300_000, count: 2), into: &w)
        var device = RunStream()
        #expect(throws: RunStreamRefusal.self) { try device.decode(w.bytes, channel: 1) }
    }
}
