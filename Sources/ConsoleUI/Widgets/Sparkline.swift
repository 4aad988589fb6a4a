import StimulationCore

/// A graph of recent values, newest on the right, scaled to a ceiling, `height` rows tall
/// (each row in eighths, so one row already shows eight levels).
public enum Sparkline {
    static let levels: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// `y` is the bottom row; the graph grows upwards.
    public static func draw(into buffer: inout ScreenBuffer, x: Int, y: Int, width: Int, height: Int = 1,
                            samples: [Current], ceiling: Current) {
        guard width > 0, height > 0 else { return }
        let recent = samples.suffix(width)
        let offset = width - recent.count
        for column in 0..<width {
            var eighths = 0
            if column >= offset {
                let sample = recent[recent.startIndex + column - offset]
                let fraction = ceiling.microamps > 0 ? min(1, Double(sample.microamps) / Double(ceiling.microamps)) : 0
                eighths = sample > .zero ? max(1, Int((fraction * Double(height * 8)).rounded(.up))) : 0
            }
            for row in 0..<height {
                let inRow = min(8, max(0, eighths - row * 8))
                buffer[x + column, y - row] = .init(character: levels[inRow], role: .channelGraph)
            }
        }
    }
}
