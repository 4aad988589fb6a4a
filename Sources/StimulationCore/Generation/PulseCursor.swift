/// Walks one channel's pulse train forward and hands it out as `PulseRun`s.
///
/// The schedule is a pure function of programme time: a cursor started anywhere
/// yields exactly the pulses a cursor started earlier would yield from that point.
/// Pulse n of a steady block sits at `block.start + n × period`, computed exactly.
public struct PulseCursor: Sendable {
    public let plan: ChannelPlan
    /// Session time at which the programme starts.
    public let origin: TimeSpan
    /// The operator's amplitude; the engine may replace it between windows.
    public var envelope: AmplitudeEnvelope {
        didSet { keptPulse = nil }
    }

    private var block: PulseBlock?
    private var next: Candidate?
    /// The pulse at `next`, when the last run built it and found it did not continue that run.
    /// Kept so it is not built twice when every pulse differs, as in premodulated IFC.
    private var keptPulse: Pulse?

    private struct Candidate {
        var time: TimeSpan
        var index: Int64
        var period: TimeSpan
        /// The period of the pulse before it: an alternating pair's second pulse takes its amplitude at that pulse's time.
        var previousPeriod: TimeSpan
    }

    /// A cursor positioned at the first pulse at or after session time `from`.
    public init(plan: ChannelPlan, origin: TimeSpan, envelope: AmplitudeEnvelope, from: TimeSpan) {
        self.plan = plan
        self.origin = origin
        self.envelope = envelope
        seek(programmeTime: from - origin)
    }

    /// The next run that starts before session time `end`, cut so it ends by `end`; nil when none does.
    public mutating func nextRun(before end: TimeSpan) -> PulseRun? {
        let limit = end - origin
        guard let block, let first = next, first.time < limit else { return nil }
        let pulse = keptPulse ?? makePulse(first, in: block)
        keptPulse = nil
        var run = PulseRun(channel: plan.channel, start: origin + first.time, period: first.period,
                           count: 1, pulse: pulse, alternates: plan.alternates)
        let steadyUntil = min(steadyEnd(after: first, in: block), limit)
        // An odd pulse of an alternating pair takes its partner's amplitude, so it cannot open a steady stretch.
        let pairedTail = plan.alternates && first.index % 2 == 1
        if plan.timingSweep == nil, !pairedTail, steadyUntil > first.time {
            let available = pulseCount(in: block, before: steadyUntil) - first.index - 1
            if available > 0 { run.count += Int(available) }
        }
        advance(past: first.index + Int64(run.count) - 1, from: first, in: block)
        while let candidate = next, candidate.time < limit, candidate.period == run.period,
              candidate.time == run.end, self.block == block {
            let pulse = makePulse(candidate, in: block)
            guard pulse == run.pulse(at: run.count) else {
                keptPulse = pulse
                break
            }
            run.count += 1
            advance(past: candidate.index, from: candidate, in: block)
        }
        return run
    }

    /// Every run that starts in session time [from, to).
    public static func runs(plan: ChannelPlan, origin: TimeSpan, envelope: AmplitudeEnvelope,
                            from: TimeSpan, to: TimeSpan) -> [PulseRun] {
        var cursor = PulseCursor(plan: plan, origin: origin, envelope: envelope, from: from)
        var runs: [PulseRun] = []
        while let run = cursor.nextRun(before: to) { runs.append(run) }
        return runs
    }

    // MARK: - Grid
    //
    // The helpers that run per pulse are always inlined: a cursor is several hundred bytes, and an
    // out-of-line call on it from `nextRun` or `advance` copies the whole cursor first.

    private mutating func seek(programmeTime t: TimeSpan) {
        var searchFrom = t
        while let found = plan.block(atOrAfter: searchFrom) {
            if let candidate = firstCandidate(in: found, atOrAfter: t) {
                block = found
                next = candidate
                return
            }
            searchFrom = found.end
        }
        block = nil
        next = nil
    }

    private func firstCandidate(in block: PulseBlock, atOrAfter t: TimeSpan) -> Candidate? {
        if plan.timingSweep == nil {
            let period = plan.frequency(at: block.start).period
            let index = IntegerMath.ceilDiv((t - block.start).nanoseconds, period.nanoseconds)
            guard index < pulseCount(in: block, before: block.end) else { return nil }
            return Candidate(time: block.start + period * index, index: index, period: period, previousPeriod: period)
        }
        let period = plan.frequency(at: block.start).period
        var candidate = Candidate(time: block.start, index: 0, period: period, previousPeriod: period)
        while candidate.time < t {
            guard let following = walk(from: candidate, in: block) else { return nil }
            candidate = following
        }
        return fits(candidate, in: block) ? candidate : nil
    }

    /// How many grid pulses of a steady block start before `limit`, all fitting in the block.
    @inline(__always)
    private func pulseCount(in block: PulseBlock, before limit: TimeSpan) -> Int64 {
        let frequency = plan.frequency(at: block.start)
        let period = frequency.period.nanoseconds
        var fitting = frequency.cycles(in: block.end - block.start)
        if plan.alternates { fitting -= fitting % 2 }
        return min(fitting, IntegerMath.ceilDiv((limit - block.start).nanoseconds, period))
    }

    @inline(__always)
    private func walk(from candidate: Candidate, in block: PulseBlock) -> Candidate? {
        let time = candidate.time + candidate.period
        guard time < block.end else { return nil }
        return Candidate(time: time, index: candidate.index + 1, period: plan.frequency(at: time).period,
                         previousPeriod: candidate.period)
    }

    /// A swept pulse needs its period (and, alternating, its partner's) before the block ends.
    @inline(__always)
    private func fits(_ candidate: Candidate, in block: PulseBlock) -> Bool {
        guard candidate.time + candidate.period <= block.end else { return false }
        guard plan.alternates, candidate.index % 2 == 0 else { return true }
        guard let partner = walk(from: candidate, in: block) else { return false }
        return partner.time + partner.period <= block.end
    }

    /// Moves `next` to the pulse after index `last`, crossing into the next block when this one is done.
    private mutating func advance(past last: Int64, from candidate: Candidate, in block: PulseBlock) {
        if plan.timingSweep == nil {
            let index = last + 1
            if index < pulseCount(in: block, before: block.end) {
                next = Candidate(time: block.start + candidate.period * index, index: index, period: candidate.period,
                                 previousPeriod: candidate.period)
                return
            }
        } else if let following = walk(from: candidate, in: block), fits(following, in: block) {
            next = following
            return
        }
        seek(programmeTime: block.end)
    }

    // MARK: - Pulses

    @inline(__always)
    private func makePulse(_ candidate: Candidate, in block: PulseBlock) -> Pulse {
        // An alternating pair shares one amplitude so each pair puts back exactly what it took.
        let paired = plan.alternates && candidate.index % 2 == 1
        let amplitudeTime = paired ? candidate.time - candidate.previousPeriod : candidate.time
        let pulse = plan.shape.pulse(amplitude: amplitude(at: amplitudeTime, in: block),
                                     width: plan.width(at: candidate.time), period: candidate.period)
        return paired ? pulse.negated : pulse
    }

    @inline(__always)
    private func amplitude(at t: TimeSpan, in block: PulseBlock) -> Current {
        var microamps = envelope.amplitude(at: origin + t).microamps
        if let duty = plan.duty {
            let intoOn = t - block.onStart
            let untilOff = block.onEnd - t
            if intoOn < duty.rampUp {
                microamps = IntegerMath.scale(microamps, by: intoOn.nanoseconds, over: duty.rampUp.nanoseconds)
            } else if untilOff < duty.rampDown {
                microamps = IntegerMath.scale(microamps, by: untilOff.nanoseconds, over: duty.rampDown.nanoseconds)
            }
        }
        let factor = plan.modulationFactor(at: t)
        if factor != 1 { microamps = Int64((Double(microamps) * factor).rounded()) }
        return Current(microamps: microamps)
    }

    /// The end of the stretch after `candidate` over which every pulse is identical to it.
    @inline(__always)
    private func steadyEnd(after candidate: Candidate, in block: PulseBlock) -> TimeSpan {
        let t = candidate.time
        if plan.modulatesEveryPulse { return t }
        guard let envelopeSteady = envelope.steadyUntil(origin + t) else { return t }
        var end = min(block.end, envelopeSteady - origin)
        if let duty = plan.duty {
            let plateauStart = block.onStart + duty.rampUp
            let plateauEnd = block.onEnd - duty.rampDown
            if t < plateauStart || t >= plateauEnd { return t }
            end = min(end, plateauEnd)
        }
        if let step = plan.nextModulationStep(after: t) { end = min(end, step) }
        return end
    }
}
