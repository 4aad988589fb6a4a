/// A programme's settings resolved for one channel: overrides applied, IFC carriers
/// paired, and every time-varying parameter reduced to a function of programme time.
/// The generator and the safety figures both read it, so they cannot disagree.
///
/// Everything the generator reads per pulse is resolved once, here, into small stored
/// values: the per-pulse path never looks up an override or searches the sweeps.
public struct ChannelPlan: Hashable, Sendable {
    public let programme: Programme
    public let channel: Int

    public let shape: PulseShape
    public let duration: TimeSpan
    /// IFC 4-pole pairs channels 1+2, 3+4: the second of each pair carries carrier + beat.
    public let isBeatCarrier: Bool
    public let baseFrequency: Frequency
    public let baseWidth: TimeSpan
    /// The sweep that moves this channel's pulse timing, if any; timing then has to be walked pulse by pulse.
    public let timingSweep: Sweep?

    let alternates: Bool
    let duty: DutyCycle?
    let burst: Burst?
    /// Nil when this channel's own frequency overrides it.
    let denseDisperse: DenseDisperse?
    let widthSweep: Sweep?
    let amplitudeSweep: Sweep?
    let premodulation: Premodulation?
    /// Whether the amplitude factor changes continuously, so no two pulses can be assumed equal.
    let modulatesEveryPulse: Bool
    /// What a timing sweep's value rides on, in mHz: the IFC 4-pole carrier under the swept beat.
    private let sweepOffset: Int64

    public init(programme: Programme, channel: Int) {
        self.programme = programme
        self.channel = channel
        let override = programme.overrides[channel]
        let isFourPole = programme.modality == .ifcFourPole
        shape = programme.shape
        duration = programme.duration
        isBeatCarrier = isFourPole && channel % 2 == 0
        if let carrier = programme.carrier {
            if isBeatCarrier, let beat = carrier.beat {
                baseFrequency = carrier.frequency + beat
            } else {
                baseFrequency = carrier.frequency
            }
        } else {
            baseFrequency = override?.frequency ?? programme.frequency
        }
        baseWidth = override?.phaseWidth ?? programme.phaseWidth
        if isFourPole {
            timingSweep = isBeatCarrier ? programme.sweep(of: .beat) : nil
        } else {
            timingSweep = programme.carrier == nil ? programme.sweep(of: .frequency) : nil
        }
        sweepOffset = isFourPole ? programme.carrier?.frequency.millihertz ?? 0 : 0
        alternates = shape.alternates
        duty = programme.duty
        burst = programme.burst
        denseDisperse = override?.frequency == nil ? programme.denseDisperse : nil
        widthSweep = programme.sweep(of: .width)
        amplitudeSweep = programme.sweep(of: .amplitude)
        if programme.modality == .ifcPremodulated, let carrier = programme.carrier, let depth = carrier.depth {
            premodulation = Premodulation(depth: depth.fraction, beat: carrier.beat, beatSweep: programme.sweep(of: .beat))
        } else {
            premodulation = nil
        }
        modulatesEveryPulse = programme.modality == .ifcPremodulated
            || amplitudeSweep?.profile == .triangle || widthSweep?.profile == .triangle
    }

    // What the generator asks per pulse is always inlined: it asks the plan inside its cursor, and an
    // out-of-line call copies the whole plan first.

    /// Frequency in force at programme time `t`.
    @inline(__always)
    public func frequency(at t: TimeSpan) -> Frequency {
        if let sweep = timingSweep { return Frequency(millihertz: sweepOffset + sweep.value(at: t)) }
        if let denseDisperse { return denseDisperse.frequency(at: t) }
        return baseFrequency
    }

    @inline(__always)
    public func width(at t: TimeSpan) -> TimeSpan {
        if let sweep = widthSweep { return TimeSpan(nanoseconds: sweep.value(at: t)) }
        return baseWidth
    }

    /// Every frequency the channel can run at, lowest and highest.
    public var frequencyRange: ClosedRange<Frequency> {
        if let sweep = timingSweep {
            return Frequency(millihertz: sweepOffset + sweep.lowest)...Frequency(millihertz: sweepOffset + sweep.highest)
        }
        if let dd = denseDisperse { return min(dd.disperse, dd.dense)...max(dd.disperse, dd.dense) }
        return baseFrequency...baseFrequency
    }

    public var widthRange: ClosedRange<TimeSpan> {
        if let sweep = widthSweep { return TimeSpan(nanoseconds: sweep.lowest)...TimeSpan(nanoseconds: sweep.highest) }
        return baseWidth...baseWidth
    }

    /// Largest fraction of the operator's amplitude any pulse receives; the loader keeps it at or below 1.
    public var peakAmplitudeFactor: Double {
        if let sweep = amplitudeSweep { return Double(sweep.highest) / 1000 }
        return 1
    }

    /// Multiplier on the operator's amplitude at programme time `t`, from sweeps and premodulation.
    /// Duty-cycle ramps are applied by the generator, which knows the on-window.
    @inline(__always)
    func modulationFactor(at t: TimeSpan) -> Double {
        var factor = 1.0
        if let sweep = amplitudeSweep { factor *= Double(sweep.value(at: t)) / 1000 }
        if let premodulation { factor *= premodulation.factor(at: t) }
        return factor
    }

    /// The next time after `t` at which a stepped (square) sweep changes the pulse.
    @inline(__always)
    func nextModulationStep(after t: TimeSpan) -> TimeSpan? {
        switch (amplitudeSweep?.nextSwitch(after: t), widthSweep?.nextSwitch(after: t)) {
        case let (amplitude?, width?): min(amplitude, width)
        case let (amplitude, width): amplitude ?? width
        }
    }
}
