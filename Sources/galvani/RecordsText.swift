import StimulationCore

/// How records read on a terminal: aligned columns, durations and amplitudes as a therapist writes them,
/// and nothing read back from the file printed raw.
enum RecordsText {
    static func table(_ rows: [[String]]) -> String {
        let rows = rows.map { $0.map(ControlCharacter.visible) }
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingTrailingSpaces()
        }.joined(separator: "\n")
    }

    /// "unknown" when the record's figure is not a time (an edited record: `records verify` says which).
    static func duration(_ nanoseconds: Int64?) -> String {
        guard let nanoseconds else { return "unknown" }
        let seconds = nanoseconds / 1_000_000_000
        return "\(seconds / 60) min \(String(format: "%02lld", seconds % 60)) s"
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
