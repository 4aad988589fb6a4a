import StimulationCore
import StimulationEngine

/// Protocol, session, transport and link, session state and clock, in one row.
enum HeaderBar {
    static func draw(into buffer: inout ScreenBuffer, _ rect: Rect, _ model: ConsoleModel) {
        buffer.fill(rect, role: .header)
        let s = model.snapshot
        var x = rect.x
        x += buffer.write(" Galvani ", x: x, y: rect.y, role: .headerAccent)
        let state = " \(s.state.rawValue.uppercased()) "
        let presence = model.attendance.present.map { $0 ? " · present" : " · away" } ?? ""
        let link = " \(s.transport): link \(s.linkUp ? "up" : "DOWN") · \(model.recording)\(presence) "
        // Treatment time, not time since the console started: it stands still while ready, paused or in a gap.
        let clock = " treated \(s.treatmentTime.clockText) "
        // The link, the state and the clock are what an operator must see; the title takes what room is left.
        var right = rect.maxX - clock.count
        buffer.write(clock, x: right, y: rect.y, role: .headerAccent)
        right -= state.count
        buffer.write(state, x: right, y: rect.y, role: stateRole(s.state))
        right -= link.count
        buffer.write(link, x: max(x, right), y: rect.y, role: s.linkUp ? .header : .alarmHigh, limit: right + link.count - max(x, right))
        let room = right - x
        if room > 4 {
            buffer.write(" " + FittedText.fit(model.therapyProtocol.title, width: room - 2) + " ", x: x, y: rect.y, role: .header, limit: room)
        }
    }

    static func stateRole(_ state: SessionState) -> StyleRole {
        switch state {
        case .running: .stateRunning
        case .paused, .screening, .ready, .idle: .statePaused
        case .finished, .stopped, .aborted: .stateStopped
        }
    }
}
