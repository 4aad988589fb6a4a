import StimulationCore

/// The programme sequence (done, current, next) and bars for the programme and the whole protocol.
enum ProgrammeProgress {
    static let rows = 3

    static func draw(into buffer: inout ScreenBuffer, _ rect: Rect, _ model: ConsoleModel) {
        let s = model.snapshot
        let programmes = model.therapyProtocol.programmes
        var x = rect.x + 1
        for (index, programme) in programmes.enumerated() {
            let (mark, role): (String, StyleRole) = index < s.programmeIndex ? ("✓", .progressDone)
                : index == s.programmeIndex ? ("▶", .progressCurrent) : ("·", .progressNext)
            let text = "\(mark) \(index + 1) \(programme.name)"
            guard x < rect.maxX - 1 else { break }
            x += buffer.write(text, x: x, y: rect.y, role: role, limit: rect.maxX - x)
            x += buffer.write("  ", x: x, y: rect.y, limit: rect.maxX - x)
        }
        let programme = model.programme
        let total = model.therapyProtocol.totalDuration
        let totalElapsed = total - s.totalRemaining
        bar(into: &buffer, rect, row: 1, label: "Programme \(s.programmeIndex + 1)/\(s.programmeCount)",
            elapsed: s.programmeElapsed, duration: programme.duration)
        bar(into: &buffer, rect, row: 2, label: "Protocol", elapsed: totalElapsed, duration: total)
    }

    private static func bar(into buffer: inout ScreenBuffer, _ rect: Rect, row: Int, label: String,
                            elapsed: TimeSpan, duration: TimeSpan) {
        let y = rect.y + row
        // Elapsed and left are counted in the same whole seconds, so the two always add up to the total shown.
        let shown = TimeSpan.seconds(elapsed.nanoseconds / 1_000_000_000)
        let times = " \(shown.clockText) / \(duration.clockText)  left \((duration - shown).clockText) "
        buffer.write(" " + label, x: rect.x, y: y, role: .label, limit: 16)
        let barX = rect.x + 16
        let barWidth = rect.width - 16 - times.count
        let fraction = duration.nanoseconds > 0 ? Double(elapsed.nanoseconds) / Double(duration.nanoseconds) : 0
        BarGauge.draw(into: &buffer, x: barX, y: y, width: barWidth, fraction: fraction,
                      fill: .progressCurrent, empty: .channelBarEmpty)
        buffer.write(times, x: barX + max(0, barWidth), y: y, role: .value)
    }
}
