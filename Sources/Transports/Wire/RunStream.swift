import StimulationCore

/// What both ends remember of one channel's stream of runs, so that an entry need only carry what changed.
///
/// It is emptied by every stop of the channel (STOP byte, STOP-ALL, STOP-CHANNEL, HELLO, a fault):
/// the first entry after that must carry its start, period and pulse.
public struct RunStream: Hashable, Sendable {
    /// Where the last run's final period ends: the next run's start unless it says otherwise.
    public internal(set) var end: Int64?
    public internal(set) var period: Int64 = 0
    public internal(set) var pulse: Pulse?

    public init() {}

    /// Entry flag bits.
    public enum Flag {
        public static let start: UInt8 = 1 << 0
        public static let period: UInt8 = 1 << 1
        public static let count: UInt8 = 1 << 2
        public static let pulse: UInt8 = 1 << 3
        public static let alternates: UInt8 = 1 << 4
        /// Protocol 1.1: a step per phase follows the pulse (`RunEntry`).
        public static let ramp: UInt8 = 1 << 5
        static let reserved: UInt8 = 0b1100_0000
    }

    /// Appends one entry for `run` (its start already in device time), carrying only what differs from the stream.
    public mutating func encode(_ run: PulseRun, into w: inout WireWriter) {
        encode(RunEntry(run), into: &w)
    }

    /// Appends `entry` (its start already in device time), carrying only what differs from the stream.
    public mutating func encode(_ entry: RunEntry, into w: inout WireWriter) {
        let run = entry.run
        var flags: UInt8 = 0
        if end != run.start.nanoseconds { flags |= Flag.start }
        if period != run.period.nanoseconds { flags |= Flag.period }
        if run.count != 1 { flags |= Flag.count }
        if pulse != run.pulse { flags |= Flag.pulse }
        if run.alternates { flags |= Flag.alternates }
        if !entry.step.isEmpty { flags |= Flag.ramp }
        w.u8(flags)
        if flags & Flag.start != 0 { w.varint(UInt64(run.start.nanoseconds)) }
        if flags & Flag.period != 0 { w.signedVarint(run.period.nanoseconds - period) }
        if flags & Flag.count != 0 { w.varint(UInt64(run.count)) }
        if flags & Flag.pulse != 0 { Self.write(run.pulse, after: pulse, into: &w) }
        for step in entry.step { w.signedVarint(step) }
        advance(past: entry)
    }

    /// `entries` encoded in order as the entries of as few RUNS frames as hold them. A full frame goes first; the
    /// entry that did not fit, encoded against the stream as it stood, starts the next.
    public mutating func payloads(_ entries: [RunEntry]) -> [[UInt8]] {
        var payloads: [[UInt8]] = []
        var payload = WireWriter()
        for joined in entries {
            var entry = WireWriter()
            encode(joined, into: &entry)
            // The channel byte comes before the entries.
            if 1 + payload.bytes.count + entry.bytes.count > WireFrame.maximumPayload {
                payloads.append(payload.bytes)
                payload = WireWriter()
            }
            payload.append(entry.bytes)
        }
        if !payload.bytes.isEmpty { payloads.append(payload.bytes) }
        return payloads
    }

    /// Reads every entry of a RUNS payload; ramp entries only when the session speaks protocol 1.1.
    /// On a refusal, nothing is taken: the stream is as it was.
    public mutating func decode(_ entries: [UInt8], channel: Int, ramps: Bool) throws(RunStreamRefusal) -> [RunEntry] {
        var r = WireReader(entries)
        var copy = self
        var runs: [RunEntry] = []
        var index = 0
        while !r.isAtEnd {
            do {
                runs.append(try copy.decodeEntry(&r, channel: channel, ramps: ramps))
            } catch let refusal as RunStreamRefusal.Reason {
                throw RunStreamRefusal(entry: index, reason: refusal)
            } catch {
                throw RunStreamRefusal(entry: index, reason: .malformed("\(error)"))
            }
            index += 1
        }
        guard !runs.isEmpty else { throw RunStreamRefusal(entry: 0, reason: .malformed("a RUNS frame holds at least one entry")) }
        self = copy
        return runs
    }

    public mutating func reset() { self = RunStream() }

    private mutating func decodeEntry(_ r: inout WireReader, channel: Int, ramps: Bool) throws -> RunEntry {
        let flags = try r.u8("entry flags")
        guard flags & Flag.reserved == 0 else { throw RunStreamRefusal.Reason.malformed("entry flags \(flags) set reserved bits") }
        guard ramps || flags & Flag.ramp == 0 else {
            throw RunStreamRefusal.Reason.malformed("entry flags \(flags) set bit 5 (ramp), which protocol 1.0 does not have")
        }
        let start: Int64
        if flags & Flag.start != 0 {
            let value = try r.varint("start")
            guard value <= UInt64(Int64.max) else { throw RunStreamRefusal.Reason.outOfRange("start \(value) ns") }
            start = Int64(value)
        } else {
            guard let end else {
                throw RunStreamRefusal.Reason.outOfOrder("the entry continues a stream that was stopped or never started")
            }
            start = end
        }
        var newPeriod = period
        if flags & Flag.period == 0, end == nil {
            throw RunStreamRefusal.Reason.outOfOrder("the entry reuses a period the stream does not have")
        }
        if flags & Flag.period != 0 {
            let (sum, overflow) = period.addingReportingOverflow(try r.signedVarint("period change"))
            guard !overflow else { throw RunStreamRefusal.Reason.outOfRange("period change overflows") }
            newPeriod = sum
        }
        guard newPeriod >= 1, newPeriod <= WireProtocol.maximumPeriod.nanoseconds else {
            throw RunStreamRefusal.Reason.outOfRange("period \(newPeriod) ns; allowed 1 ns to \(WireProtocol.maximumPeriod)")
        }
        var count = 1
        if flags & Flag.count != 0 {
            let value = try r.varint("count")
            guard value >= 1, value <= UInt64(WireProtocol.maximumCount) else {
                throw RunStreamRefusal.Reason.outOfRange("count \(value); allowed 1 to \(WireProtocol.maximumCount)")
            }
            count = Int(value)
        }
        let newPulse: Pulse
        if flags & Flag.pulse != 0 {
            newPulse = try Self.readPulse(&r, after: pulse)
        } else {
            guard let pulse else { throw RunStreamRefusal.Reason.outOfOrder("the entry reuses a pulse the stream does not have") }
            newPulse = pulse
        }
        guard newPulse.duration.nanoseconds <= newPeriod else {
            throw RunStreamRefusal.Reason.outOfRange("pulse lasts \(newPulse.duration), longer than its period \(TimeSpan(nanoseconds: newPeriod))")
        }
        let (span, overflow) = newPeriod.multipliedReportingOverflow(by: Int64(count))
        guard !overflow, !start.addingReportingOverflow(span).overflow else {
            throw RunStreamRefusal.Reason.outOfRange("the run ends beyond the device clock's range")
        }
        if let end, start < end {
            throw RunStreamRefusal.Reason.outOfOrder("the run starts \(TimeSpan(nanoseconds: end - start)) before the previous one ends")
        }
        let step = flags & Flag.ramp == 0 ? [] : try Self.readStep(&r, of: newPulse, count: count)
        let entry = RunEntry(PulseRun(channel: channel, start: TimeSpan(nanoseconds: start),
                                      period: TimeSpan(nanoseconds: newPeriod), count: count, pulse: newPulse,
                                      alternates: flags & Flag.alternates != 0), step: step)
        advance(past: entry)
        return entry
    }

    /// The most two amplitudes within ±2 147 483 647 µA can differ by: a larger step cannot stay in range.
    static let largestStep = 2 * Int64(Int32.max)

    /// A ramp's step per phase; refused when its last pulse would leave the amplitude range (a ramp is linear, so
    /// every pulse between its first and last is then in range too).
    private static func readStep(_ r: inout WireReader, of pulse: Pulse, count: Int) throws -> [Int64] {
        var step: [Int64] = []
        for (i, phase) in pulse.phases.enumerated() {
            let change = try r.signedVarint("phase \(i + 1) amplitude step")
            guard change.magnitude <= UInt64(Self.largestStep) else {
                throw RunStreamRefusal.Reason.outOfRange("phase \(i + 1) steps \(change) µA a pulse; at most \(Self.largestStep)")
            }
            let (rise, riseOverflow) = change.multipliedReportingOverflow(by: Int64(count - 1))
            let (last, lastOverflow) = phase.amplitude.microamps.addingReportingOverflow(rise)
            guard !riseOverflow, !lastOverflow, last.magnitude <= UInt64(Int32.max) else {
                throw RunStreamRefusal.Reason.outOfRange("phase \(i + 1) steps \(change) µA a pulse over \(count) pulses, "
                    + "past \(Int32.max) µA")
            }
            step.append(change)
        }
        return step
    }

    private mutating func advance(past entry: RunEntry) {
        end = entry.run.end.nanoseconds
        period = entry.run.period.nanoseconds
        pulse = entry.lastPulse
    }

    /// Header byte: bits 0–1 the phase count (1–3); bit 2 + i set when phase i is a half sine.
    /// Then per phase: the change in amplitude (µA) and in duration (ns), both signed varints, from the
    /// same phase of the stream's previous pulse; from zero when there is none or its phase count differs.
    /// A ramp changes only amplitudes by a few µA a pulse, so each phase then costs two bytes.
    static func write(_ pulse: Pulse, after previous: Pulse?, into w: inout WireWriter) {
        let phases = pulse.phases
        let base = reference(previous, count: phases.count)
        var header = UInt8(phases.count)
        for (i, phase) in phases.enumerated() where phase.form == .halfSine { header |= 1 << (2 + i) }
        w.u8(header)
        for (phase, before) in zip(phases, base) {
            w.signedVarint(phase.amplitude.microamps - before.amplitude.microamps)
            w.signedVarint(phase.duration.nanoseconds - before.duration.nanoseconds)
        }
    }

    /// The phases a pulse of `count` phases is written against.
    private static func reference(_ previous: Pulse?, count: Int) -> [Phase] {
        if let previous, previous.count == count { return previous.phases }
        return Array(repeating: .gap(.zero), count: count)
    }

    static func readPulse(_ r: inout WireReader, after previous: Pulse?) throws -> Pulse {
        let header = try r.u8("pulse header")
        let count = Int(header & 0b11)
        guard (1...3).contains(count), header >> (2 + count) == 0 else {
            throw RunStreamRefusal.Reason.malformed("pulse header \(header): 1 to 3 phases, form bits only for those")
        }
        var phases: [Phase] = []
        for (i, before) in reference(previous, count: count).enumerated() {
            let (amplitude, amplitudeOverflow) = before.amplitude.microamps.addingReportingOverflow(
                try r.signedVarint("phase \(i + 1) amplitude change"))
            let (duration, durationOverflow) = before.duration.nanoseconds.addingReportingOverflow(
                try r.signedVarint("phase \(i + 1) duration change"))
            guard !durationOverflow, duration >= 0, duration <= WireProtocol.maximumPeriod.nanoseconds else {
                throw RunStreamRefusal.Reason.outOfRange("phase \(i + 1) lasts \(duration) ns")
            }
            guard !amplitudeOverflow, amplitude.magnitude <= UInt64(Int32.max) else {
                throw RunStreamRefusal.Reason.outOfRange("phase \(i + 1) amplitude \(amplitude) µA")
            }
            phases.append(Phase(amplitude: .microamps(amplitude), duration: .nanoseconds(duration),
                                form: header & (1 << (2 + i)) != 0 ? .halfSine : .rectangular))
        }
        return Pulse(phases)
    }
}
