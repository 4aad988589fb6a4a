import StimulationCore
import StimulationEngine

/// The patient's screen: the time left in large digits, each channel's strength inside the prescribed range, its
/// electrode, and every key written out. Nothing on it needs the clinic's vocabulary.
public enum HomeView {
    /// Every key the patient has, in words, within 80 columns.
    static let keyLines = [
        "Space  STOP now     s  Start            ↑  Stronger    ↓  Weaker",
        "Tab    Next channel p  Pause/continue   a  Alarm seen  q  End the session",
    ]
    static let highestWords = "this is " + AmplitudeCeiling.prescribedWords

    public static func render(_ model: ConsoleModel, _ home: HomeConsole, width: Int, height: Int) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: width, height: height)
        guard width >= ConsoleView.minimumWidth, height >= ConsoleView.minimumHeight else {
            ConsoleView.drawTooSmall(into: &buffer, width: width, height: height, confirmingQuit: model.overlay == .confirmQuit)
            return buffer
        }
        let s = model.snapshot
        let screen = Rect(x: 0, y: 0, width: width, height: height)
        let (header, afterHeader) = screen.splitTop(1)
        let (banner, afterBanner) = afterHeader.splitTop(1)
        let (body, footer) = afterBanner.splitBottom(keyLines.count + 2)
        let (clock, channels) = body.splitTop(BigClock.rows + 3)
        drawHeader(into: &buffer, header, model)
        AlarmBanner.draw(into: &buffer, banner, model)
        BigClock.draw(into: &buffer, Rect(x: clock.x, y: clock.y + 1, width: clock.width, height: BigClock.rows),
                      s.totalRemaining.clockText, role: s.state == .running ? .stateRunning : .value)
        let under = switch s.state {
        case .running: "left of your session"
        case .finished, .stopped, .aborted: "session \(s.state.rawValue); q leaves"
        default: "left of your session · \(s.state.rawValue)"
        }
        buffer.write(under, x: (width - under.count) / 2, y: clock.y + BigClock.rows + 1, role: .dim)
        var y = channels.y
        for c in s.channels where y + 2 < channels.maxY {
            drawChannel(into: &buffer, x: 2, y: y, width: width - 4, c, model)
            y += 3
        }
        buffer.write("Questions about your treatment: \(home.clinician), \(home.contact)", x: 1, y: footer.y,
                     role: .dim, limit: width - 2)
        buffer.fill(Rect(x: 0, y: footer.y + 1, width: width, height: keyLines.count + 1), role: .functionLabel)
        for (row, line) in keyLines.enumerated() {
            buffer.write(" " + line, x: 0, y: footer.y + 1 + row, role: .functionLabel, limit: width)
        }
        if let overlay = model.overlay {
            OverlayPanel.draw(into: &buffer, overlay, screen: screen, below: banner.maxY)
        }
        return buffer
    }

    static func drawHeader(into buffer: inout ScreenBuffer, _ rect: Rect, _ model: ConsoleModel) {
        buffer.fill(rect, role: .header)
        let s = model.snapshot
        let state = " \(s.state.rawValue.uppercased()) "
        let right = " \(model.recording) "
        var x = rect.x + buffer.write(" Galvani ", x: rect.x, y: rect.y, role: .headerAccent)
        buffer.write(right, x: rect.maxX - right.count, y: rect.y, role: .header)
        buffer.write(state, x: rect.maxX - right.count - state.count, y: rect.y, role: HeaderBar.stateRole(s.state))
        x += 1
        buffer.write(model.therapyProtocol.title, x: x, y: rect.y, role: .header,
                     limit: rect.maxX - right.count - state.count - x - 1)
    }

    /// Two rows: the strength and its range, then a bar of the range with the electrode beside it; a third says so
    /// when the patient is at their clinician's top.
    static func drawChannel(into buffer: inout ScreenBuffer, x: Int, y: Int, width: Int, _ c: EngineSnapshot.Channel,
                            _ model: ConsoleModel) {
        let selected = c.channel == model.selectedChannel
        let modality = model.programme.modality
        var column = x
        column += buffer.write(selected ? "▶ " : "  ", x: column, y: y, role: .selected)
        column += buffer.write("Channel \(c.channel)  ", x: column, y: y, role: selected ? .selected : .label)
        column += buffer.write("strength \(AmplitudeText.text(c.commanded, modality: modality))", x: column, y: y, role: .value)
        if c.target != c.commanded {
            column += buffer.write(" → \(AmplitudeText.text(c.target, modality: modality))", x: column, y: y, role: .value)
        }
        let top = c.ceiling.amplitude
        column += buffer.write("   up to \(AmplitudeText.text(top, modality: modality))", x: column, y: y, role: .dim)
        let barWidth = min(40, width / 2)
        let fraction = top.microamps > 0 ? Double(c.commanded.microamps) / Double(top.microamps) : 0
        BarGauge.draw(into: &buffer, x: x + 2, y: y + 1, width: barWidth, fraction: fraction)
        ChannelPanel.drawElectrode(into: &buffer, x: x + 4 + barWidth, y: y + 1, width: width - barWidth - 4, c,
                                   plan: ChannelPlan(programme: model.programme, channel: c.channel))
        if c.target >= top, c.ceiling.source == AmplitudeCeiling.prescribed {
            buffer.write(highestWords.prefix(1).uppercased() + highestWords.dropFirst(), x: x + 2, y: y + 2, role: .alarmLow,
                         limit: width - 2)
        }
    }
}
