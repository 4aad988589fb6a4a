import StimulationCore
import StimulationEngine

/// Protocol, session, transport and link, session state and clock, in one row.
enum HeaderBar {
    static func draw(into buffer: inout ScreenBuffer, _ rect: Rect, _ model: ConsoleModel) {
        buffer.fill(rect, role: .header)
        let s = model.snapshot
        var x = rect.x
        x += buffer.write(" Galvani ", x: x, y: rect.y, role: .headerAccent)
        x += buffer.write(" \(model.therapyProtocol.title) ", x: x, y: rect.y, role: .header, limit: max(10, rect.width - 52))
        let state = " \(s.state.rawValue.uppercased()) "
        let link = " \(s.transport): link \(s.linkUp ? "up" : "DOWN") · \(model.recording) "
        let clock = " \(s.time.clockText) "
        var right = rect.maxX - clock.count
        buffer.write(clock, x: right, y: rect.y, role: .headerAccent)
        right -= state.count
        buffer.write(state, x: right, y: rect.y, role: stateRole(s.state))
        right -= link.count
        if right > x { buffer.write(link, x: right, y: rect.y, role: s.linkUp ? .header : .alarmHigh) }
    }

    static func stateRole(_ state: SessionState) -> StyleRole {
        switch state {
        case .running: .stateRunning
        case .paused, .screening, .ready, .idle: .statePaused
        case .finished, .stopped, .aborted: .stateStopped
        }
    }
}
