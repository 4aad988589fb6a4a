import StimulationCore
import StimulationEngine

/// Stands in for the operator a headless run does not have: acknowledges alarms after a set delay when asked to,
/// and stops a session that would otherwise wait for a person (an interrupt, a pause nobody will end).
struct HeadlessOperator: SessionOperator {
    var autoAcknowledge: TimeSpan?
    private var acknowledgeAt: TimeSpan?
    private var interrupted = false

    init(autoAcknowledge: TimeSpan?) { self.autoAcknowledge = autoAcknowledge }

    mutating func decide(after events: [SessionEvent], state: SessionState, alarms: [Alarm], at time: TimeSpan)
        -> (commands: [Command], note: String?) {
        for event in events {
            if case .alarmRaised = event.kind, let delay = autoAcknowledge, acknowledgeAt == nil {
                acknowledgeAt = event.time + delay
            }
        }
        guard !state.isOver else { return ([], nil) }
        if !interrupted, let signal = InterruptSignals.requested {
            interrupted = true
            return ([.stop], "interrupted by signal \(signal); output stopped")
        }
        if !interrupted, StandardOutput.closed.load(ordering: .acquiring) {
            interrupted = true
            return ([.stop], "standard output was closed, so nobody sees this session any more; output stopped")
        }
        if let due = acknowledgeAt, time >= due {
            acknowledgeAt = nil
            return ([.acknowledge], nil)
        }
        guard state == .paused, acknowledgeAt == nil else { return ([], nil) }
        // A records alarm says nothing about the patient and no one will clear it here: it is no reason to wait.
        let alarms = alarms.filter { if case .sink = $0.cause { false } else { true } }
        // Waiting makes sense only for an acknowledged alarm whose condition may still go (a pad put back).
        if autoAcknowledge == nil, !alarms.isEmpty {
            return ([.stop], "paused with an alarm and no operator to acknowledge it (see --auto-acknowledge); stopping")
        }
        if alarms.isEmpty {
            return ([.stop], "paused with nothing left to wait for and no operator to resume; stopping")
        }
        return ([], nil)
    }
}
