import StimulationCore
import StimulationEngine

/// Lays the main screen out at any size from 80×24 up; below that it says so instead of garbling.
public enum ConsoleView {
    public static let minimumWidth = 80
    public static let minimumHeight = 24

    public static func render(_ model: ConsoleModel, width: Int, height: Int) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: width, height: height)
        guard width >= minimumWidth, height >= minimumHeight else {
            drawTooSmall(into: &buffer, width: width, height: height, confirmingQuit: model.overlay == .confirmQuit)
            return buffer
        }
        let screen = Rect(x: 0, y: 0, width: width, height: height)
        let (header, afterHeader) = screen.splitTop(1)
        let (banner, afterBanner) = afterHeader.splitTop(1)
        let (body, functions) = afterBanner.splitBottom(1)
        let (channelArea, progress) = body.splitBottom(ProgrammeProgress.rows + 1)
        HeaderBar.draw(into: &buffer, header, model)
        AlarmBanner.draw(into: &buffer, banner, model)
        drawChannels(into: &buffer, channelArea, model)
        ProgrammeProgress.draw(into: &buffer, Rect(x: progress.x, y: progress.y + 1, width: progress.width,
                                                   height: ProgrammeProgress.rows), model)
        FunctionBar.draw(into: &buffer, functions)
        if let overlay = model.overlay {
            // A dialog leaves the header, the alarm line and the selected channel in view: output may be running.
            let rects = channelRects(channelArea, count: model.snapshot.channels.count)
            let selected = rects.indices.contains(model.selectedChannel - 1) ? rects[model.selectedChannel - 1] : nil
            OverlayPanel.draw(into: &buffer, overlay, screen: screen, keepClear: selected, below: banner.maxY)
        }
        return buffer
    }

    /// One column up to two channels, two columns beyond; panels share the height evenly.
    static func channelRects(_ area: Rect, count: Int) -> [Rect] {
        guard count > 0 else { return [] }
        let columns = count <= 2 ? 1 : 2
        let rows = (count + columns - 1) / columns
        let panelHeight = min(ChannelPanel.height + 8, area.height / rows)
        let panelWidth = area.width / columns
        return (0..<count).map { index in
            Rect(x: area.x + (index % columns) * panelWidth, y: area.y + (index / columns) * panelHeight,
                 width: panelWidth, height: panelHeight)
        }
    }

    static func drawChannels(into buffer: inout ScreenBuffer, _ area: Rect, _ model: ConsoleModel) {
        let rects = channelRects(area, count: model.snapshot.channels.count)
        for (index, channel) in model.snapshot.channels.enumerated() {
            ChannelPanel.draw(into: &buffer, rects[index], channel: channel.channel, model)
        }
    }

    /// Too small to show the session, the screen still says what the keys do now: Space stops output, and q asks
    /// before it leaves while output runs — the question is shown here too, not behind the message.
    static func drawTooSmall(into buffer: inout ScreenBuffer, width: Int, height: Int, confirmingQuit: Bool) {
        let lines = confirmingQuit
            ? ["Quit? y brings every output to zero and quits;", "any other key carries on."]
            : ["Terminal too small: \(width)×\(height).",
               "Galvani needs at least \(minimumWidth)×\(minimumHeight).",
               "Enlarge the window. Space stops output;",
               "q quits (asks first while output is on)."]
        let top = max(0, height / 2 - 1)
        for (i, line) in lines.enumerated() {
            buffer.write(line, x: max(0, (width - line.count) / 2), y: top + i, role: i == 0 ? .alarmMedium : .normal)
        }
    }
}
