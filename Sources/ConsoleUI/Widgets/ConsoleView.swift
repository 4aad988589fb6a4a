import StimulationCore
import StimulationEngine

/// Lays the main screen out at any size from 80×24 up; below that it says so instead of garbling.
public enum ConsoleView {
    public static let minimumWidth = 80
    public static let minimumHeight = 24

    public static func render(_ model: ConsoleModel, width: Int, height: Int) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: width, height: height)
        guard width >= minimumWidth, height >= minimumHeight else {
            drawTooSmall(into: &buffer, width: width, height: height)
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
        if let overlay = model.overlay { OverlayPanel.draw(into: &buffer, overlay, screen: screen) }
        return buffer
    }

    /// One column up to two channels, two columns beyond; panels share the height evenly.
    static func drawChannels(into buffer: inout ScreenBuffer, _ area: Rect, _ model: ConsoleModel) {
        let count = model.snapshot.channels.count
        guard count > 0 else { return }
        let columns = count <= 2 ? 1 : 2
        let rows = (count + columns - 1) / columns
        let panelHeight = min(ChannelPanel.height + 8, area.height / rows)
        let panelWidth = area.width / columns
        for (index, channel) in model.snapshot.channels.enumerated() {
            let rect = Rect(x: area.x + (index % columns) * panelWidth, y: area.y + (index / columns) * panelHeight,
                            width: panelWidth, height: panelHeight)
            ChannelPanel.draw(into: &buffer, rect, channel: channel.channel, model)
        }
    }

    static func drawTooSmall(into buffer: inout ScreenBuffer, width: Int, height: Int) {
        let lines = ["Terminal too small: \(width)×\(height).",
                     "Galvani needs at least \(minimumWidth)×\(minimumHeight).",
                     "Enlarge the window, or press q to quit."]
        let top = max(0, height / 2 - 1)
        for (i, line) in lines.enumerated() {
            buffer.write(line, x: max(0, (width - line.count) / 2), y: top + i, role: i == 0 ? .alarmMedium : .normal)
        }
    }
}
