import StimulationCore
import Transports

extension Engine {
    /// Telemetry updates the channels; anything a device says about failing stops output.
    func absorbTransportEvents() {
        guard linkUp else { return }
        for event in transport.poll(until: now) {
            switch event.kind {
            case .telemetry(let channel, let delivered, let impedance, let contact):
                guard (1...channels.count).contains(channel) else { continue }
                absorbTelemetry(channel: channel, delivered: delivered, impedance: impedance, contact: contact)
            case .deviceFault(let message):
                fail(.transport, "device fault: \(message)")
            case .disconnected(let message):
                fail(.transport, "link lost: \(message)")
            }
        }
    }

    private func absorbTelemetry(channel: Int, delivered: Current, impedance: Resistance?, contact: ContactState) {
        let index = channel - 1
        channels[index].delivered = channels[index].outputOn ? delivered : .zero
        channels[index].highestDelivered = max(channels[index].highestDelivered, delivered)
        channels[index].impedance = impedance
        let previous = channels[index].contact
        channels[index].contact = contact
        if contact != .ok, contact != previous || !channels[index].faulted {
            electrodeFault(channel: channel, contact: contact, impedance: impedance)
        } else if contact == .ok, previous != .ok {
            record(.contactRestored(channel: channel))
            for i in alarms.indices where alarms[i].cause == .electrode(channel: channel) { alarms[i].conditionPresent = false }
            channels[index].faulted = false
            clearSettledAlarms()
        }
    }

    /// A lifting pad or open lead: all output off, the timer stops, an alarm says which channel.
    /// A lifting pad is high priority: the edge that still touches carries the whole current (DOMAIN).
    func electrodeFault(channel: Int, contact: ContactState, impedance: Resistance?) {
        channels[channel - 1].faulted = true
        record(.electrodeFault(channel: channel, contact: contact, impedance: impedance))
        let what: String
        let priority: AlarmPriority
        switch contact {
        case .poor: what = "poor contact (pad lifting?)"; priority = .high
        case .open: what = "no contact (lead broken or pad off)"; priority = .medium
        case .short: what = "short circuit between the leads"; priority = .high
        case .ok: return
        }
        let measured = impedance.map { ", impedance \($0)" } ?? ""
        raiseAlarm(.electrode(channel: channel), priority: priority, "channel \(channel): \(what)\(measured)")
        if state == .running {
            stopOutput(reason: "electrode fault on channel \(channel)")
            resumeAfterFault = true
            changeState(to: .paused, reason: "electrode fault on channel \(channel)")
        }
    }

    /// Output off and the session paused, with an alarm: the operator decides what happens next.
    /// The cause (a late tick, a refused run) is over once reported, so acknowledging clears it.
    func haltForFault(_ cause: Alarm.Cause, priority: AlarmPriority, _ message: String) {
        stopOutput(reason: message)
        raiseAlarm(cause, priority: priority, message, conditionPresent: false)
        resumeAfterFault = false
        if state == .running { changeState(to: .paused, reason: message) }
    }

    /// The link or device can no longer be trusted: output off, and the session ends.
    /// Reconnecting is an operator's decision; output never resumes by itself.
    func fail(_ cause: Alarm.Cause, _ message: String) {
        stopOutput(reason: message)
        linkUp = false
        // The alarm and the state first: closing a link that is still up may wait a moment for the device's goodbye.
        raiseAlarm(cause, priority: .high, message)
        resumeAfterFault = false
        if !state.isOver { changeState(to: .aborted, reason: message) }
        transport.close()
    }

    /// Once contact is back and the electrode alarms are acknowledged, output ramps up from zero again.
    func resumeIfFaultCleared() {
        guard state == .paused, resumeAfterFault, !emergencyLatched,
              !channels.contains(where: \.faulted),
              !alarms.contains(where: { if case .electrode = $0.cause { return true } else { return false } })
        else { return }
        resumeAfterFault = false
        changeState(to: .running, reason: "contact restored and alarm acknowledged")
        startOutput()
    }
}
