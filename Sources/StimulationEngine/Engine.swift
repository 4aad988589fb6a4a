import StimulationCore
import Transports

/// One stimulation session: the state machine, the soft-start ramps, the treatment timer,
/// alarms, and the flow generator → governor → transport.
///
/// It holds no clock and no thread: `tick(at:)` and `handle(_:at:)` are given the time.
/// Tests drive it on a manual clock; `SessionHost` drives it, in real time or stepped. Every path
/// that is unsure of the output ends in `stopOutput` with an alarm saying why.
public final class Engine {
    public let therapyProtocol: TherapyProtocol
    let transport: any Transport
    /// A clinician's maximum per channel for this patient (a home unit); empty in the clinic.
    let prescription: [Int: Current]
    /// Every limit the session is held to; the governor admits runs by its rules.
    let policy: SafetyPolicy
    var governor: SafetyGovernor?

    var state: SessionState = .idle
    var stateReason = "not started"
    var programmeIndex = 0
    var programmeElapsed = TimeSpan.zero
    var deliveredPerProgramme: [TimeSpan]
    var channels: [ChannelRuntime]
    var alarms: [Alarm] = []
    var nextAlarmID = 1
    var emergencyLatched = false
    /// After an electrode fault the session resumes by itself once contact is back and the alarm acknowledged.
    var resumeAfterFault = false
    var screening: [Contraindication: Bool]?
    /// Each channel's target: a prescription's start until the operator picks one; they carry over to later
    /// programmes, clamped to each one's ceiling.
    var operatorTargets: [Int: Current] = [:]
    var linkUp = false
    var now = TimeSpan.zero
    var lastTick: TimeSpan?
    /// How far ahead the queued runs reach: until then the transport plays on without the engine.
    var coveredUntil: TimeSpan?
    var outputGaps = OutputGaps()
    var lastKeepAlive = TimeSpan.zero
    var pendingEvents: [SessionEvent] = []

    /// `targets` are where channels head before anyone touches a key (a prescription's starting amplitudes); each
    /// is still held to its channel's ceiling.
    public init(therapyProtocol: TherapyProtocol, transport: any Transport, prescription: [Int: Current] = [:],
                policy: SafetyPolicy = .clinic, targets: [Int: Current] = [:]) {
        operatorTargets = targets
        self.therapyProtocol = therapyProtocol
        self.transport = transport
        self.prescription = prescription
        self.policy = policy
        deliveredPerProgramme = Array(repeating: .zero, count: therapyProtocol.programmes.count)
        channels = Array(repeating: ChannelRuntime(), count: therapyProtocol.channels)
    }

    public var currentState: SessionState { state }

    /// Events since the last call, oldest first.
    public func drainEvents() -> [SessionEvent] {
        defer { pendingEvents.removeAll(keepingCapacity: true) }
        return pendingEvents
    }

    func record(_ kind: SessionEvent.Kind) {
        pendingEvents.append(SessionEvent(time: now, kind: kind))
    }

    func changeState(to next: SessionState, reason: String) {
        guard next != state || reason != stateReason else { return }
        let previous = state
        state = next
        stateReason = reason
        // The timer measures from when running began, not from the last idle tick.
        if next == .running { lastTick = now }
        record(.stateChanged(from: previous, to: next, reason: reason))
    }

    var programme: Programme { therapyProtocol.programmes[programmeIndex] }

    /// Handshake with the device. The session cannot start until this has succeeded.
    public func connect(at time: TimeSpan) {
        now = time
        lastKeepAlive = time
        do {
            let capabilities = try transport.open(at: time)
            guard capabilities.channels >= therapyProtocol.channels else {
                transport.close()
                fail(.transport, "the device has \(capabilities.channels) channels; \(therapyProtocol.id) needs \(therapyProtocol.channels)")
                return
            }
            let unsupported = Set(therapyProtocol.programmes.map(\.shape.name)).subtracting(capabilities.shapes)
            guard unsupported.isEmpty else {
                transport.close()
                let why = capabilities.shapeLimitation.map { ": \($0)" } ?? ""
                fail(.transport, "\(transport.name) cannot produce \(unsupported.sorted().joined(separator: ", ")) pulses, "
                    + "which \(therapyProtocol.id) needs\(why)")
                return
            }
            if let refusal = timingRefusal(capabilities) {
                transport.close()
                fail(.transport, refusal)
                return
            }
            let governor = SafetyGovernor(therapyProtocol: therapyProtocol, capabilities: capabilities,
                                          prescription: prescription, policy: policy)
            if let line = transport.lineBytesPerSecond, let refusal = linkBudgetRefusal(governor, lineBytesPerSecond: line) {
                transport.close()
                fail(.transport, refusal)
                return
            }
            self.governor = governor
            linkUp = true
            record(.connected(capabilities))
            for index in channels.indices { applyProgrammeTarget(channel: index + 1) }
        } catch {
            fail(.transport, "cannot open \(transport.name): \(error.message)")
        }
    }

    /// The engine's heartbeat: device reports, the treatment timer, refilling the lookahead.
    public func tick(at time: TimeSpan) {
        let previous = lastTick ?? time
        lastTick = time
        now = max(now, time)
        absorbTransportEvents()
        guard linkUp else { return }
        // A late tick is harmless while the queue still covers it; only output that actually ran out is a gap.
        let gap = state == .running ? uncoveredGap(until: time) : .zero
        if state == .running { advanceTimer(by: time - previous, idle: min(gap, time - previous)) }
        if gap > .zero, state == .running { resumeAfterGap(gap) }
        resumeIfFaultCleared()
        if state == .running { fillLookahead() }
        if linkUp, time - lastKeepAlive >= keepAliveFrom {
            do {
                try transport.keepAlive(at: time)
                lastKeepAlive = time
            } catch {
                fail(.transport, "keep-alive failed: \(error.message)")
            }
        }
    }
}
