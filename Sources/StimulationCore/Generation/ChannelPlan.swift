import Foundation

/// A programme's settings resolved for one channel: overrides applied, IFC carriers
/// paired, and every time-varying parameter reduced to a function of programme time.
/// The generator and the safety figures both read it, so they cannot disagree.
public struct ChannelPlan: Hashable, Sendable {
    public let programme: Programme
    public let channel: Int

    public init(programme: Programme, channel: Int) {
        self.programme = programme
        self.channel = channel
    }

    public var shape: PulseShape { programme.shape }
    public var duration: TimeSpan { programme.duration }

    /// IFC 4-pole pairs channels 1+2, 3+4: the second of each pair carries carrier + beat.
    public var isBeatCarrier: Bool { programme.modality == .ifcFourPole && channel % 2 == 0 }

    public var baseFrequency: Frequency {
        if let carrier = programme.carrier {
            if isBeatCarrier, let beat = programme.carrier?.beat { return carrier.frequency + beat }
            return carrier.frequency
        }
        return programme.overrides[channel]?.frequency ?? programme.frequency
    }

    public var baseWidth: TimeSpan { programme.overrides[channel]?.phaseWidth ?? programme.phaseWidth }

    /// The sweep that moves this channel's pulse timing, if any; timing then has to be walked pulse by pulse.
    public var timingSweep: Sweep? {
        if programme.modality == .ifcFourPole { return isBeatCarrier ? programme.sweep(of: .beat) : nil }
        if programme.carrier != nil { return nil }
        return programme.sweep(of: .frequency)
    }

    /// Frequency in force at programme time `t`.
    public func frequency(at t: TimeSpan) -> Frequency {
        if let sweep = timingSweep {
            let offset = programme.modality == .ifcFourPole ? programme.carrier?.frequency.millihertz ?? 0 : 0
            return Frequency(millihertz: offset + sweep.value(at: t))
        }
        if let dd = programme.denseDisperse, programme.overrides[channel]?.frequency == nil { return dd.frequency(at: t) }
        return baseFrequency
    }

    public func width(at t: TimeSpan) -> TimeSpan {
        if let sweep = programme.sweep(of: .width) { return TimeSpan(nanoseconds: sweep.value(at: t)) }
        return baseWidth
    }

    /// Every frequency the channel can run at, lowest and highest.
    public var frequencyRange: ClosedRange<Frequency> {
        if let sweep = timingSweep {
            let offset = programme.modality == .ifcFourPole ? programme.carrier?.frequency.millihertz ?? 0 : 0
            return Frequency(millihertz: offset + sweep.lowest)...Frequency(millihertz: offset + sweep.highest)
        }
        if let dd = programme.denseDisperse, programme.overrides[channel]?.frequency == nil {
            return min(dd.disperse, dd.dense)...max(dd.disperse, dd.dense)
        }
        return baseFrequency...baseFrequency
    }

    public var widthRange: ClosedRange<TimeSpan> {
        if let sweep = programme.sweep(of: .width) {
            return TimeSpan(nanoseconds: sweep.lowest)...TimeSpan(nanoseconds: sweep.highest)
        }
        return baseWidth...baseWidth
    }

    /// Largest fraction of the operator's amplitude any pulse receives; the loader keeps it at or below 1.
    public var peakAmplitudeFactor: Double {
        if let sweep = programme.sweep(of: .amplitude) { return Double(sweep.highest) / 1000 }
        return 1
    }

    /// Multiplier on the operator's amplitude at programme time `t`, from sweeps and premodulation.
    /// Duty-cycle ramps are applied by the generator, which knows the on-window.
    func modulationFactor(at t: TimeSpan) -> Double {
        var factor = 1.0
        if let sweep = programme.sweep(of: .amplitude) { factor *= Double(sweep.value(at: t)) / 1000 }
        if programme.modality == .ifcPremodulated, let carrier = programme.carrier, let depth = carrier.depth {
            let m = depth.fraction
            factor *= (1 - m) + m * abs(Foundation.cos(Double.pi * beatPhaseCycles(at: t)))
        }
        return factor
    }

    /// Whether the amplitude factor changes continuously, so no two pulses can be assumed equal.
    var modulatesEveryPulse: Bool {
        if programme.modality == .ifcPremodulated { return true }
        if let sweep = programme.sweep(of: .amplitude), sweep.profile == .triangle { return true }
        if let sweep = programme.sweep(of: .width), sweep.profile == .triangle { return true }
        return false
    }

    /// The next time after `t` at which a stepped (square) sweep changes the pulse.
    func nextModulationStep(after t: TimeSpan) -> TimeSpan? {
        [programme.sweep(of: .amplitude), programme.sweep(of: .width)]
            .compactMap { $0?.nextSwitch(after: t) }.min()
    }

    /// ∫ beat dt in cycles from the programme start; a swept beat is a chirp, so its phase is the integral.
    private func beatPhaseCycles(at t: TimeSpan) -> Double {
        guard let beat = programme.carrier?.beat else { return 0 }
        guard let sweep = programme.sweep(of: .beat) else { return beat.hertz * t.seconds }
        let c = sweep.cycle.seconds
        let a = Double(sweep.from) / 1000, b = Double(sweep.to) / 1000
        let whole = (t.seconds / c).rounded(.down)
        var p = t.seconds - whole * c
        var cycles = whole * (a + b) / 2 * c
        let half = c / 2
        if sweep.profile == .square {
            cycles += p < half ? a * p : a * half + b * (p - half)
            return cycles
        }
        if p < half { return cycles + a * p + (b - a) * p * p / (2 * half) }
        cycles += (a + b) / 2 * half
        p -= half
        return cycles + b * p - (b - a) * p * p / (2 * half)
    }
}
