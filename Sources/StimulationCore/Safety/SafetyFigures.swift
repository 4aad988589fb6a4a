import Foundation

/// The safety figures of one channel of a programme at a given amplitude, computed for
/// its worst case: widest phase, highest rate, largest amplitude factor.
public struct SafetyFigures: Hashable, Sendable {
    public var channel: Int
    public var amplitude: Current
    public var electrode: Electrode
    public var peak: Current
    public var chargePerPhase: Charge
    /// Net charge of one pulse, or of one alternating pair.
    public var netCharge: Charge
    public var netChargeWindow: String
    public var rms: Current
    public var density: CurrentDensity
    public var powerDensity: PowerDensity
    public var pulseEnergy: Energy
    public var shannonK: Double
    public var isMicrocurrent: Bool

    /// Figures given directly, so each limit can be probed exactly at its boundary.
    public init(channel: Int, amplitude: Current, electrode: Electrode, peak: Current, chargePerPhase: Charge,
                netCharge: Charge, netChargeWindow: String, rms: Current, density: CurrentDensity,
                powerDensity: PowerDensity, pulseEnergy: Energy, shannonK: Double, isMicrocurrent: Bool) {
        self.channel = channel
        self.amplitude = amplitude
        self.electrode = electrode
        self.peak = peak
        self.chargePerPhase = chargePerPhase
        self.netCharge = netCharge
        self.netChargeWindow = netChargeWindow
        self.rms = rms
        self.density = density
        self.powerDensity = powerDensity
        self.pulseEnergy = pulseEnergy
        self.shannonK = shannonK
        self.isMicrocurrent = isMicrocurrent
    }

    /// The worst case over the channel's frequency range: rms and power peak at the highest
    /// rate, but a square wave's or carrier's phases lengthen as the rate falls, so charge per
    /// phase and pulse energy can peak at the lowest. Both ends are computed; each figure keeps its worst.
    public init(plan: ChannelPlan, amplitude: Current, testLoad: Resistance) {
        let range = plan.frequencyRange
        let candidates = [range.upperBound, range.lowerBound].map {
            SafetyFigures(plan: plan, amplitude: amplitude, frequency: $0, testLoad: testLoad)
        }
        self = candidates[0]
        for other in candidates.dropFirst() {
            peak = max(peak, other.peak)
            chargePerPhase = max(chargePerPhase, other.chargePerPhase)
            if abs(other.netCharge.microcoulombs) > abs(netCharge.microcoulombs) { netCharge = other.netCharge }
            rms = max(rms, other.rms)
            density = max(density, other.density)
            powerDensity = max(powerDensity, other.powerDensity)
            pulseEnergy = max(pulseEnergy, other.pulseEnergy)
            shannonK = max(shannonK, other.shannonK)
        }
    }

    private init(plan: ChannelPlan, amplitude: Current, frequency: Frequency, testLoad: Resistance) {
        let programme = plan.programme
        channel = plan.channel
        self.amplitude = amplitude
        electrode = programme.electrode
        isMicrocurrent = programme.modality == .microcurrent

        let period = frequency.period
        let peakAmplitude = Current(microamps: Int64((Double(amplitude.microamps) * plan.peakAmplitudeFactor).rounded()))
        let pulse = plan.shape.pulse(amplitude: peakAmplitude, width: plan.widthRange.upperBound, period: period)
        peak = pulse.peak
        chargePerPhase = SafetyPolicy.chargePerPhase(of: pulse)
        netCharge = SafetyPolicy.netCharge(of: pulse, alternates: plan.shape.alternates)
        netChargeWindow = plan.shape.alternates ? "per alternating pair" : "per pulse"

        // Pulses per second while output is on: bursts thin the train out.
        var rate = frequency.hertz
        if let burst = programme.burst {
            var perBurst = frequency.cycles(in: burst.length)
            if plan.shape.alternates { perBurst -= perBurst % 2 }
            rate = Double(perBurst) * burst.rate.hertz
        }
        let squaredPerPulse = pulse.phases.reduce(0) { $0 + $1.squaredCurrentTime }
        let rmsAmps = (squaredPerPulse * rate).squareRoot()
        rms = Current(microamps: Int64((rmsAmps * 1_000_000).rounded()))
        let area = programme.electrode.area.squareCentimetres
        density = CurrentDensity(milliampsPerSquareCentimetre: rmsAmps * 1000 / area)
        let onFraction = programme.duty?.onFraction ?? 1
        let averagePower = rmsAmps * rmsAmps * testLoad.ohms * onFraction
        powerDensity = PowerDensity(wattsPerSquareCentimetre: averagePower / area)
        pulseEnergy = Energy(millijoules: squaredPerPulse * testLoad.ohms * 1000)
        let q = chargePerPhase.microcoulombs
        shannonK = q > 0 ? log10(q / area) + log10(q) : -Double.infinity
    }
}
