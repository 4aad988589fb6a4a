import Foundation
import StimulationCore

extension Engine {
    /// Applies one command. A command that does not fit the session's state is refused with a reason, never half-done.
    public func handle(_ command: Command, at time: TimeSpan) {
        now = max(now, time)
        switch command {
        case .beginScreening:
            guard state == .idle else { return refuse("screening begins from idle; the session is \(state.rawValue)") }
            changeState(to: .screening, reason: "contraindication screening")
        case .recordScreening(let answers, let overrideReason):
            recordScreening(answers, overrideReason: overrideReason)
        case .start:
            guard state == .ready else { return refuse("start needs a ready session; it is \(state.rawValue)") }
            guard linkUp else { return refuse("the device is not connected") }
            guard !emergencyLatched else { return refuse("the emergency stop is latched: acknowledge it first") }
            if let channel = channels.firstIndex(where: \.faulted) {
                return refuse("channel \(channel + 1) has an electrode fault")
            }
            changeState(to: .running, reason: "started")
            record(.programmeStarted(index: programmeIndex, name: programme.name))
            startOutput()
        case .pause:
            guard state == .running else { return refuse("pause needs a running session; it is \(state.rawValue)") }
            stopOutput(reason: "paused by the operator")
            resumeAfterFault = false
            changeState(to: .paused, reason: "paused by the operator")
        case .resume:
            guard state == .paused else { return refuse("resume needs a paused session; it is \(state.rawValue)") }
            guard !emergencyLatched else { return refuse("the emergency stop is latched: acknowledge it first") }
            if let channel = channels.firstIndex(where: \.faulted) {
                return refuse("channel \(channel + 1) still has an electrode fault")
            }
            resumeAfterFault = false
            changeState(to: .running, reason: "resumed")
            startOutput()
        case .stop:
            guard [.ready, .running, .paused, .screening].contains(state) else {
                return refuse("nothing to stop; the session is \(state.rawValue)")
            }
            stopOutput(reason: "stopped by the operator")
            changeState(to: .stopped, reason: "stopped by the operator")
        case .stopAll:
            emergencyStop()
        case .setAmplitude(let channel, let value):
            guard checkChannel(channel) else { return }
            setTarget(channel: channel, to: value)
        case .amplitudeUp(let channel), .amplitudeDown(let channel):
            guard checkChannel(channel) else { return }
            let step = programme.modality.amplitudeStep
            let current = channels[channel - 1].target
            let up: Bool
            if case .amplitudeUp = command { up = true } else { up = false }
            setTarget(channel: channel, to: up ? current + step : max(.zero, current - step))
        case .skipProgramme:
            guard state == .running || state == .paused else {
                return refuse("skip needs a running or paused session; it is \(state.rawValue)")
            }
            finishProgramme(carrying: .zero)
        case .acknowledge:
            acknowledgeAlarms()
            resumeIfFaultCleared()
        case .sinkTrouble(let sink, let problem):
            sinkTrouble(sink, problem)
        }
    }

    /// A record at risk is the operator's to know, at low priority: the session and its output go on.
    func sinkTrouble(_ sink: String, _ problem: String?) {
        if let problem {
            raiseAlarm(.sink(sink), priority: .low, problem)
        } else if let index = alarms.firstIndex(where: { $0.cause == .sink(sink) }) {
            alarms[index].conditionPresent = false
            clearSettledAlarms()
        }
    }

    /// The front end is closing: output off and the session ended, without the emergency-stop latch and alarm.
    public func shutDown(at time: TimeSpan) {
        now = max(now, time)
        stopOutput(reason: "console closed")
        if !state.isOver, state != .idle { changeState(to: .stopped, reason: "console closed") }
        if linkUp {
            linkUp = false
            transport.close()
        }
    }

    /// STOP-ALL: output off at once from any state, latched until acknowledged; a restart ramps from zero.
    func emergencyStop() {
        stopOutput(reason: "emergency stop")
        emergencyLatched = true
        resumeAfterFault = false
        record(.emergencyStop)
        raiseAlarm(.emergencyStop, priority: .high, "EMERGENCY STOP: all output off; acknowledge to re-arm")
        if state == .running { changeState(to: .paused, reason: "emergency stop") }
    }

    private func recordScreening(_ answers: [Contraindication: Bool], overrideReason: String?) {
        guard state == .screening || state == .idle else {
            return refuse("screening is recorded before the session is ready; it is \(state.rawValue)")
        }
        let unanswered = Contraindication.allCases.filter { answers[$0] == nil }
        guard unanswered.isEmpty else {
            return refuse("screening incomplete: no answer for " + unanswered.map(\.rawValue).joined(separator: ", "))
        }
        let positive = Contraindication.allCases.filter { answers[$0] == true }
        let reason = overrideReason?.trimmingCharacters(in: .whitespacesAndNewlines)
        if !positive.isEmpty, reason?.isEmpty ?? true {
            record(.screeningBlocked(positive))
            if state == .idle { changeState(to: .screening, reason: "contraindication screening") }
            return
        }
        screening = answers
        record(.screeningRecorded(answers: answers, overrideReason: positive.isEmpty ? nil : reason))
        changeState(to: .ready, reason: positive.isEmpty ? "screening clear" : "screening overridden: \(reason!)")
    }

    private func checkChannel(_ channel: Int) -> Bool {
        guard governor != nil else {
            refuse("amplitudes are set once the device is connected and its limits are known")
            return false
        }
        guard (1...channels.count).contains(channel) else {
            refuse("channel \(channel) does not exist; this protocol has channels 1 to \(channels.count)")
            return false
        }
        guard !state.isOver else {
            refuse("the session is \(state.rawValue)")
            return false
        }
        return true
    }

    func refuse(_ reason: String) {
        record(.commandRefused(reason))
    }
}
