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
        #expect(try device.runs(w.bytes) == runs)
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
            #expect((try? device.runs(w.bytes)) == sent)
            #expect(device == host)
        }
    }

    /// A soft start to a protocol 1.0 device: every pulse a little stronger, each entry only the amplitude changes.
    @Test func aRampCostsAFewBytesPerPulseInProtocol1_0() throws {
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
        #expect(try device.runs(w.bytes) == runs)
        // Flags, header, and per phase a one-byte amplitude change and a one-byte zero duration change.
        #expect(w.bytes.count <= 30 + 19 * 6)
    }

    @Test func anEntryThatContinuesAStoppedStreamIsRefused() throws {
        var host = RunStream()
        var w = WireWriter()
        host.encode(run(start: 0, period: 10_000_000, count: 5), into: &w)
        host.encode(run(start: 50_000_000, period: 10_000_000, count: 5), into: &w)
        var device = RunStream()
        _ = try device.runs(w.bytes)
        var second = WireWriter()
        host.encode(run(start: 100_000_000, period: 10_000_000, count: 5), into: &second)
        device.reset()
        #expect(throws: RunStreamRefusal(entry: 0, reason: .outOfOrder("the entry continues a stream that was stopped or never started"))) {
            try device.runs(second.bytes)
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
            _ = try device.runs(w.bytes)
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
        #expect(throws: RunStreamRefusal.self) { try device.runs(w.bytes) }

        var zeroPeriod = WireWriter()
        zeroPeriod.u8(RunStream.Flag.start | RunStream.Flag.pulse)
        zeroPeriod.varint(0)
        RunStream.write(Self.biphasic, after: nil, into: &zeroPeriod)
        #expect(throws: RunStreamRefusal.self) { try device.runs(zeroPeriod.bytes) }

        var reserved = WireWriter()
        reserved.u8(0x80)
        #expect(throws: RunStreamRefusal.self) { try device.runs(reserved.bytes) }
    }

    @Test func aPulseLongerThanItsPeriodIsRefused() {
        var host = RunStream()
        var w = WireWriter()
        host.encode(run(start: 0, period: 300_000, count: 2), into: &w)
        var device = RunStream()
        #expect(throws: RunStreamRefusal.self) { try device.runs(w.bytes) }
    }

    static func softStart(_ count: Int, from: Int64 = 1_000, step: Int64 = 20) -> [PulseRun] {
        (0..<count).map { i in
            PulseRun(channel: 1, start: .nanoseconds(5_000_000_000 + 10_000_000 * Int64(i)), period: .milliseconds(10), count: 1,
                     pulse: PulseShape.symmetricBiphasic.pulse(amplitude: .microamps(from + step * Int64(i)),
                                                               width: .microseconds(200), period: .milliseconds(10)),
                     alternates: false)
        }
    }

    /// Protocol 1.1: the same soft start is one entry, and the device plays exactly the pulses it replaces.
    @Test func aRampIsOneEntryThatPlaysEveryPulseItReplaces() throws {
        let pulses = Self.softStart(20)
        let entries = RunEntry.coalescing(pulses, ramps: true)
        #expect(entries.count == 1)
        #expect(entries.first?.step == [20, -20])
        var host = RunStream()
        var w = WireWriter()
        for entry in entries { host.encode(entry, into: &w) }
        // Flags, start (5 bytes), period (4), count, the pulse (11), and a one-byte step per phase: 24 bytes where
        // twenty entries take about 134.
        #expect(w.bytes.count <= 24)
        var device = RunStream()
        let decoded = try device.decode(w.bytes, channel: 1, ramps: true)
        #expect(decoded.flatMap(\.runs) == pulses)
        #expect(device == host)
        // The next entry is written against the ramp's last pulse, so holding that amplitude costs no pulse.
        var after = WireWriter()
        var steady = pulses[19]
        steady.start = pulses[19].end
        steady.count = 50
        host.encode(steady, into: &after)
        #expect(after.bytes == [RunStream.Flag.count, 50])
        #expect(try device.runs(after.bytes) == [steady])
    }

    /// A ramp stops at the most pulses one entry may hold; the next pulse starts an entry of its own.
    @Test func aRampHoldsAtMostTheLargestCount() {
        let entries = RunEntry.coalescing(Self.softStart(WireProtocol.maximumCount + 1, from: 0, step: 1), ramps: true)
        #expect(entries.map(\.run.count) == [65_535, 1])
    }

    /// A device that speaks 1.0 refuses a ramp entry as malformed, and takes nothing from the frame.
    @Test func aRampEntryIsRefusedWhenTheSessionSpeaks1_0() {
        var host = RunStream()
        var w = WireWriter()
        for entry in RunEntry.coalescing(Self.softStart(5), ramps: true) { host.encode(entry, into: &w) }
        var device = RunStream()
        #expect(throws: RunStreamRefusal(entry: 0, reason: .malformed("entry flags 47 set bit 5 (ramp), which protocol 1.0 does not have"))) {
            try device.decode(w.bytes, channel: 1, ramps: false)
        }
        #expect(device == RunStream())
    }

    /// A ramp whose last pulse would leave the amplitude range is refused, not wrapped: a ramp is linear, so the
    /// device need check only its ends.
    @Test func aRampPastTheAmplitudeRangeIsRefused() {
        var w = WireWriter()
        w.u8(RunStream.Flag.start | RunStream.Flag.period | RunStream.Flag.count | RunStream.Flag.pulse | RunStream.Flag.ramp)
        w.varint(0)
        w.signedVarint(10_000_000)
        w.varint(UInt64(WireProtocol.maximumCount))
        RunStream.write(Self.biphasic, after: nil, into: &w)
        w.signedVarint(40_000)
        w.signedVarint(-40_000)
        var device = RunStream()
        do {
            _ = try device.decode(w.bytes, channel: 1, ramps: true)
            Issue.record("a ramp past the amplitude range was taken")
        } catch {
            #expect(error.result == .outOfRange)
        }
        #expect(device == RunStream())
    }

    /// Whatever the runs, their entries give them back exactly; without ramps no entry is a ramp; and what a device
    /// decodes plays the same pulses.
    @Test func coalescedEntriesGiveBackExactlyTheirRuns() async {
        let steps = PropertyBased.zip(Gen.int(in: 1...40), Gen.int64(in: -30...30), Gen.int(in: 0...2), Gen.bool)
        await propertyCheck(count: 300, input: steps.array(of: 1...8)) { stretches in
            var runs: [PulseRun] = []
            var start: Int64 = 1_000_000_000
            var amplitude: Int64 = 5_000
            for (count, step, widthChoice, alternates) in stretches {
                let period: Int64 = widthChoice == 2 ? 12_000_000 : 10_000_000
                for _ in 0..<count {
                    let width = TimeSpan.microseconds(widthChoice == 1 ? 250 : 200)
                    runs.append(PulseRun(channel: 1, start: .nanoseconds(start), period: .nanoseconds(period), count: 1,
                                         pulse: PulseShape.symmetricBiphasic.pulse(amplitude: .microamps(amplitude),
                                                                                   width: width, period: .milliseconds(10)),
                                         alternates: alternates))
                    start += period
                    amplitude += step
                }
            }
            for ramps in [true, false] {
                let entries = RunEntry.coalescing(runs, ramps: ramps)
                let played = entries.flatMap(\.runs).flatMap(\.expanded)
                #expect(played.map(\.time) == runs.flatMap(\.expanded).map(\.time))
                #expect(played.map(\.pulse) == runs.flatMap(\.expanded).map(\.pulse))
                if !ramps { #expect(entries.allSatisfy { $0.step.isEmpty }) }
                var host = RunStream()
                var w = WireWriter()
                for entry in entries { host.encode(entry, into: &w) }
                var device = RunStream()
                let decoded = try? device.decode(w.bytes, channel: 1, ramps: ramps)
                #expect(decoded == entries)
            }
        }
    }
}

extension RunStream {
    /// A protocol 1.0 device's reading of a RUNS payload on channel 1.
    mutating func runs(_ entries: [UInt8]) throws(RunStreamRefusal) -> [PulseRun] {
        try decode(entries, channel: 1, ramps: false).map(\.run)
    }
}
