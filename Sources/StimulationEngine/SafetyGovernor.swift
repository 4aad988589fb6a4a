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
    /// A clinician's maximum for this patient per channel, where one is set (a home unit's prescription).
    public let prescription: [Int: Current]
    /// The limits and rules every run is admitted by: the same ones the protocol was loaded with.
    public let policy: SafetyPolicy

    /// [programme][channel − 1]
    private let ceilings: [[AmplitudeCeiling]]
    private let plans: [[ChannelPlan]]
    /// [programme]: looked up once, not per run.
    private let rampRates: [Current]

    public init(therapyProtocol: TherapyProtocol, capabilities: DeviceCapabilities, prescription: [Int: Current] = [:],
                policy: SafetyPolicy = .clinic) {
        self.therapyProtocol = therapyProtocol
        self.capabilities = capabilities
        self.prescription = prescription
        self.policy = policy
        plans = therapyProtocol.programmes.map { programme in
            (1...therapyProtocol.channels).map { ChannelPlan(programme: programme, channel: $0) }
        }
        rampRates = therapyProtocol.programmes.map { policy.rampRate(for: $0.modality) }
        ceilings = plans.map { channelPlans in
            channelPlans.map { plan in
                Self.lowestCeiling(plan: plan, capabilities: capabilities, prescription: prescription[plan.channel], policy: policy)
            }
        }
    }

    public func plan(programme: Int, channel: Int) -> ChannelPlan { plans[programme][channel - 1] }

    public func ceiling(programme: Int, channel: Int) -> AmplitudeCeiling { ceilings[programme][channel - 1] }

    public func rampRate(programme: Int) -> Current { rampRates[programme] }

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
        if rise > 0, envelope.step > policy.softStartStep {
            return refuse("amplitude rising in \(envelope.step) stairs; a soft start's stairs are at most \(policy.softStartStep)")
        }
        if envelope.from.microamps < 0 || envelope.to.microamps < 0 {
            return refuse("negative amplitude")
        }
        if let finding = policy.chargeFinding(run.pulse, alternates: run.alternates, modality: plan.programme.modality) {
            return refuse(finding.message)
        }
        if capabilities.phaseStretch > .zero,
           let finding = policy.chargeFinding(run.pulse, stretchedBy: capabilities.phaseStretch, modality: plan.programme.modality) {
            return refuse(finding.message)
        }
        if let shortest = capabilities.shortestPhase,
           let phase = run.pulse.phases.first(where: { $0.amplitude != .zero && $0.duration < shortest }) {
            return refuse("a \(phase.duration) phase is shorter than the \(shortest) the device can time")
        }
        if let highest = capabilities.highestRate, run.count > 1, run.period < highest.period {
            return refuse("period \(run.period) shorter than the device's fastest \(highest.period)")
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
    static func lowestCeiling(plan: ChannelPlan, capabilities: DeviceCapabilities, prescription: Current?,
                              policy: SafetyPolicy) -> AmplitudeCeiling {
        let programme = plan.programme
        let spec = policy.spec(for: programme.modality, electrode: programme.electrode.kind)
        var candidates = [
            AmplitudeCeiling(amplitude: spec.ceiling, source: "\(programme.modality.displayName) ceiling"),
            AmplitudeCeiling(amplitude: programme.amplitude.maximum, source: "protocol maximum"),
            AmplitudeCeiling(amplitude: capabilities.maximumAmplitude, source: "device maximum"),
            AmplitudeCeiling(amplitude: policy.figureCeiling(plan: plan, upTo: spec.ceiling), source: "safety figures"),
        ]
        if capabilities.phaseStretch > .zero {
            // Host-timed edges may stretch a phase: the charge ceiling must hold at the longest phase plus the stretch.
            let longest = programme.shape.takesPhaseWidth ? plan.widthRange.upperBound
                : TimeSpan(nanoseconds: plan.frequencyRange.lowerBound.period.nanoseconds / 2)
            let charge = policy.chargeCeiling(microcurrent: programme.modality == .microcurrent).charge
            let microamps = charge.microcoulombs * 1_000_000_000 / Double((longest + capabilities.phaseStretch).nanoseconds)
            candidates.append(AmplitudeCeiling(amplitude: .microamps(Int64(microamps.rounded(.down))),
                                               source: "charge limit at the device's timing tolerance"))
        }
        // First among equals: a patient held at their clinician's figure is told so, not which rule agrees with it.
        if let prescription { candidates.insert(AmplitudeCeiling(amplitude: prescription, source: AmplitudeCeiling.prescribed), at: 0) }
        return candidates.min { $0.amplitude < $1.amplitude }!
    }
}
