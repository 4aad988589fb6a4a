import StimulationEngine

/// The highest-priority alarm, flashing at its IEC rate, with the key that acknowledges it.
/// When none stands, the reason for the session's state, so a paused screen always says why.
enum AlarmBanner {
    static func draw(into buffer: inout ScreenBuffer, _ rect: Rect, _ model: ConsoleModel) {
        let s = model.snapshot
        let tourSpoke = model.tourAcknowledgedAt.map { model.wallMilliseconds - $0 < DemoAcknowledger.noticeMilliseconds } ?? false
        guard let alarm = s.alarms.first else {
            buffer.fill(rect, role: .normal)
            let noticeFresh = model.notice != nil && model.wallMilliseconds - model.noticeAt < ConsoleEvents.showMilliseconds
            let text = s.emergencyLatched ? " OUTPUT STOPPED (emergency stop latched)"
                : tourSpoke ? " Alarm \(DemoAcknowledger.notice)"
                : noticeFresh ? " " + model.notice!
                : " \(s.state.rawValue.prefix(1).uppercased() + s.state.rawValue.dropFirst()): \(s.stateReason)"
            buffer.write(text, x: rect.x, y: rect.y, role: .dim, limit: rect.width)
            return
        }
        let lit = AlarmFlash.lit(alarm.priority, atMilliseconds: model.wallMilliseconds)
        let role = lit ? AlarmFlash.role(alarm.priority) : .normal
        buffer.fill(rect, role: role)
        let more = s.alarms.count > 1 ? "  (+\(s.alarms.count - 1) more)" : ""
        let hint = !alarm.acknowledged ? "  [a] acknowledge"
            : tourSpoke ? "  \(DemoAcknowledger.notice)"
            : "  acknowledged; waiting for the cause to clear"
        let text = " \(alarm.priority.marker) \(alarm.message)\(more)"
        let used = buffer.write(text, x: rect.x, y: rect.y, role: role, limit: rect.width - hint.count)
        buffer.write(hint, x: rect.x + used, y: rect.y, role: role, limit: rect.width - used)
    }
}
