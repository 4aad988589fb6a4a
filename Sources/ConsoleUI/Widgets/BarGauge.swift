/// A horizontal bar, filled in eighths of a cell so small amplitudes still show.
public enum BarGauge {
    static let eighths: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    public static func draw(into buffer: inout ScreenBuffer, x: Int, y: Int, width: Int, fraction: Double,
                            fill: StyleRole = .channelBar, empty: StyleRole = .channelBarEmpty) {
        guard width > 0 else { return }
        let clamped = min(1, max(0, fraction.isFinite ? fraction : 0))
        let total = Int((clamped * Double(width * 8)).rounded())
        for column in 0..<width {
            let filled = total - column * 8
            let cell: ScreenBuffer.Cell
            if filled >= 8 {
                cell = .init(character: "█", role: fill)
            } else if filled > 0 {
                cell = .init(character: eighths[filled - 1], role: fill)
            } else {
                cell = .init(character: "·", role: empty)
            }
            buffer[x + column, y] = cell
        }
    }
}
