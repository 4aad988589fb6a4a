import StimulationCore
import Transports

/// The single gate between the pulse generator and a transport.
///
/// Commands are clamped to `ceiling` before anything is generated; this gate then
/// re-checks every run that is about to leave, so a fault anywhere upstream can only
/// ever stop output, never pass something unsafe. It enforces the lowest of the
/// modality, protocol, prescription and device ceilings, the amplitude a programme's
/// safety figures allow, the soft-start ramp rate, charge per phase, net DC and timing.
public struct SafetyGovernor: Sendable {
    public let therapyProtocol: TherapyProtocol
    public let capabilities: DeviceCapabilities
    /// A clinician's maximum for this patient, when one is set.
    public let prescription: Current?

    /// [programme][channel − 1]
    private let ceilings: [[AmplitudeCeiling]]
    private let plans: [[ChannelPlan]]

    public init(therapyProtocol: TherapyProtocol, capabilities: DeviceCapabilities, prescription: Current? = nil) {
        self.therapyProtocol = therapyProtocol
        self.capabilities = capabilities
        self.prescription = prescription
        plans = therapyProtocol.programmes.map { programme in
            (1...therapyProtocol.channels).map { ChannelPlan(programme: programme, channel: $0) }
        }
        ceilings = plans.map { channelPlans in
            channelPlans.map { plan in
                Self.lowestCeiling(plan: plan, capabilities: capabilities, prescription: prescription)
            }
        }
    }

    public func plan(programme: Int, channel: Int) -> ChannelPlan { plans[programme][channel - 1] }

    public func ceiling(programme: Int, channel: Int) -> AmplitudeCeiling { ceilings[programme][channel - 1] }

    public func rampRate(programme: Int) -> Current {
        SafetyLimits.rampRatePerSecond(for: therapyProtocol.programmes[programme].modality)
    }

    /// Passes `run` unchanged, or says why it must not reach the patient.
    public func admit(_ run: PulseRun, programme: Int, envelope: AmplitudeEnvelope) -> Result<PulseRun, GovernorRefusal> {
        let channel = run.channel
        func refuse(_ reason: String) -> Result<PulseRun, GovernorRefusal> {
            .failure(GovernorRefusal(channel: channel, reason: reason))
        }
        guard (1...min(therapyProtocol.channels, capabilities.channels)).contains(channel) else {
            return refuse("no such channel on this protocol and device")
        }
        let plan = plans[programme][channel - 1]
        let ceiling = ceilings[programme][channel - 1]
        let peak = run.pulse.peak
        if peak > ceiling.amplitude {
            return refuse("peak \(peak) above the \(ceiling.source) of \(ceiling.amplitude)")
        }
        // Programme modulation only ever scales the operator's amplitude down.
        let allowed = envelope.amplitude(at: run.start)
        if peak.microamps > allowed.microamps + 1 {
            return refuse("peak \(peak) above the operator's amplitude \(allowed) at that moment")
        }
        let rate = rampRate(programme: programme)
        let rise = envelope.to.microamps - envelope.from.microamps
        let span = (envelope.rampEnd - envelope.rampStart).nanoseconds
        if rise > 0, rise.multipliedFullWidth(by: 1_000_000_000) > (rate.microamps + 1).multipliedFullWidth(by: span) {
            return refuse("amplitude rising faster than the soft-start limit of \(rate)/s")
        }
        if envelope.from.microamps < 0 || envelope.to.microamps < 0 {
            return refuse("negative amplitude")
        }
        let chargeCeiling = plan.programme.modality == .microcurrent ? SafetyLimits.microcurrentChargePerPhaseCeiling
                                                                     : SafetyLimits.pulsedChargePerPhaseCeiling
        let charge = run.pulse.phases.map { abs($0.charge.microcoulombs) }.max() ?? 0
        if charge > chargeCeiling.microcoulombs {
            return refuse("charge per phase \(Charge(microcoulombs: charge)) above \(chargeCeiling)")
        }
        if !run.alternates, abs(run.pulse.netCharge.microcoulombs) > SafetyLimits.netChargeTolerance.microcoulombs {
            return refuse("net charge \(run.pulse.netCharge) per pulse: direct current")
        }
        if run.pulse.duration > run.period {
            return refuse("a \(run.pulse.duration) pulse does not fit its \(run.period) period")
        }
        if run.count > 1, run.period < plan.frequencyRange.upperBound.period {
            return refuse("period \(run.period) shorter than the programme's fastest \(plan.frequencyRange.upperBound.period)")
        }
        return .success(run)
    }

    /// The lowest of every ceiling that applies, named so an operator knows which limit they met.
    static func lowestCeiling(plan: ChannelPlan, capabilities: DeviceCapabilities, prescription: Current?) -> AmplitudeCeiling {
        let programme = plan.programme
        let spec = SafetyLimits.spec(for: programme.modality, electrode: programme.electrode.kind)
        var candidates = [
            AmplitudeCeiling(amplitude: spec.ceiling, source: spec.ceilingSource),
            AmplitudeCeiling(amplitude: programme.amplitude.maximum, source: "protocol maximum"),
            AmplitudeCeiling(amplitude: capabilities.maximumAmplitude, source: "device maximum"),
            AmplitudeCeiling(amplitude: figureCeiling(plan: plan, upTo: spec.ceiling), source: "safety figures"),
        ]
        if let prescription { candidates.append(AmplitudeCeiling(amplitude: prescription, source: "prescription")) }
        return candidates.min { $0.amplitude < $1.amplitude }!
    }

    /// The largest amplitude at which every safety figure of the plan passes. Figures grow with
    /// amplitude, so a binary search finds the boundary to the µA.
    static func figureCeiling(plan: ChannelPlan, upTo limit: Current) -> Current {
        func passes(_ microamps: Int64) -> Bool {
            !SafetyFigures(plan: plan, amplitude: Current(microamps: microamps)).findings.contains { $0.severity == .violation }
        }
        if passes(limit.microamps) { return limit }
        var low: Int64 = 0, high = limit.microamps
        while high - low > 1 {
            let middle = (low + high) / 2
            if passes(middle) { low = middle } else { high = middle }
        }
        return Current(microamps: low)
    }
}
