import StimulationCore

/// One RUNS entry: a run of identical pulses, or, from protocol 1.1, a ramp, whose every pulse adds a fixed
/// step to each phase's amplitude. A duty-cycle ramp at a steady period is then one entry per
/// batch instead of one per pulse, and the device plays exactly the pulses the governor admitted one by one.
public struct RunEntry: Hashable, Sendable {
    /// The first pulse is `run.pulse`; with `alternates`, odd pulses are inverted after their step is added.
    public private(set) var run: PulseRun
    /// Per phase, the µA each pulse adds to the one before; empty when the entry is not a ramp.
    public private(set) var step: [Int64]

    public init(_ run: PulseRun) {
        self.run = run
        step = []
    }

    /// Only the decoder, which has checked that the last pulse's amplitudes fit, and `coalescing` make ramps.
    init(_ run: PulseRun, step: [Int64]) {
        self.run = run
        self.step = step.allSatisfy { $0 == 0 } ? [] : step
    }

    /// Pulse `index` as sent, before any inversion.
    func uninverted(at index: Int) -> Pulse {
        guard !step.isEmpty else { return run.pulse }
        let phases = zip(run.pulse.phases, step).map { phase, step in
            Phase(amplitude: .microamps(phase.amplitude.microamps + step * Int64(index)), duration: phase.duration,
                  form: phase.form)
        }
        return Pulse(phases)
    }

    /// The pulse the run stream remembers after this entry: its last, as sent.
    var lastPulse: Pulse { uninverted(at: run.count - 1) }

    /// The largest current of any pulse: a ramp is linear, so it is at one end.
    public var peak: Current { max(run.pulse.peak, lastPulse.peak) }

    /// What a device plays: the run itself, or a run of one pulse for each pulse of a ramp.
    public var runs: [PulseRun] {
        guard !step.isEmpty else { return [run] }
        return (0..<run.count).map { i in
            let pulse = uninverted(at: i)
            return PulseRun(channel: run.channel, start: run.start + run.period * Int64(i), period: run.period, count: 1,
                            pulse: run.alternates && i % 2 == 1 ? pulse.negated : pulse, alternates: false)
        }
    }

    /// One channel's runs, in time order, as entries: a single pulse that follows the entry before it at the same
    /// period, with the same phase durations and forms, joins it when its amplitudes differ from that entry's last
    /// pulse by the entry's step (any step while the entry holds one pulse); without `ramps` only a step of zero
    /// joins. Every other run is an entry of its own, and the entries' `runs` are exactly the runs given.
    public static func coalescing(_ runs: some Sequence<PulseRun>, ramps: Bool) -> [RunEntry] {
        var entries: [RunEntry] = []
        for run in runs {
            if let last = entries.last, let joined = last.joining(run, ramps: ramps) {
                entries[entries.count - 1] = joined
            } else {
                entries.append(RunEntry(run))
            }
        }
        return entries
    }

    private func joining(_ next: PulseRun, ramps: Bool) -> RunEntry? {
        let last = lastPulse
        guard next.count == 1, !next.alternates, !run.alternates, run.count < WireProtocol.maximumCount,
              next.period == run.period, next.start == run.end, next.pulse.count == last.count else { return nil }
        var change: [Int64] = []
        for (phase, before) in zip(next.pulse.phases, last.phases) {
            guard phase.duration == before.duration, phase.form == before.form else { return nil }
            change.append(phase.amplitude.microamps - before.amplitude.microamps)
        }
        let isSteady = change.allSatisfy { $0 == 0 }
        if run.count > 1 || !step.isEmpty {
            guard change == (step.isEmpty ? Array(repeating: 0, count: change.count) : step) else { return nil }
        }
        guard ramps || isSteady else { return nil }
        var longer = run
        longer.count += 1
        return RunEntry(longer, step: change)
    }
}
