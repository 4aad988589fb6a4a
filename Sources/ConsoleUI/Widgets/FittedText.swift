/// Text cut to a width at a word boundary, with an ellipsis that says something was left out.
public enum FittedText {
    public static func fit(_ text: String, width: Int) -> String {
        guard text.count > width else { return text }
        guard width > 1 else { return String(text.prefix(max(0, width))) }
        let room = String(text.prefix(width - 1))
        // Cut at the last space when one is near enough to the end to keep most of the line.
        if let space = room.lastIndex(of: " "), room.distance(from: room.startIndex, to: space) >= width / 2 {
            return String(room[..<space]).trimmingCharacters(in: .whitespaces) + "…"
        }
        return room + "…"
    }
}
