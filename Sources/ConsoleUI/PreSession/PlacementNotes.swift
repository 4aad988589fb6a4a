import StimulationCore

/// The protocol's electrode placement notes, read before the pads go on.
public enum PlacementNotes {
    public static func draw(into buffer: inout ScreenBuffer, _ rect: Rect, _ therapyProtocol: TherapyProtocol) {
        buffer.fill(rect)
        BoxFrame.draw(into: &buffer, rect, title: "Electrode placement — \(therapyProtocol.title)")
        var y = rect.y + 2
        let width = rect.width - 4
        for paragraph in therapyProtocol.placement.split(separator: "\n", omittingEmptySubsequences: false) {
            for line in wrap(String(paragraph), width: width) where y < rect.maxY - 3 {
                buffer.write(line, x: rect.x + 2, y: y, limit: width)
                y += 1
            }
        }
        let electrode = therapyProtocol.programmes[0].electrode
        buffer.write("Electrodes: \(electrode.kind.rawValue), \(electrode.area). Energise the unit before connecting the patient.",
                     x: rect.x + 2, y: rect.maxY - 3, role: .dim, limit: width)
        buffer.write("Enter: to the session (output starts only when you press Enter there)   Esc: back",
                     x: rect.x + 2, y: rect.maxY - 2, role: .functionKey, limit: width)
    }

    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = [], line = ""
        for word in text.split(separator: " ") {
            if line.isEmpty {
                line = String(word)
            } else if line.count + 1 + word.count <= width {
                line += " " + word
            } else {
                lines.append(line)
                line = String(word)
            }
        }
        lines.append(line)
        return lines
    }
}
