/// Text broken into lines at spaces, none wider than `width` (a word longer than that is cut with an ellipsis).
enum TextWrap {
    static func lines(_ text: String, width: Int) -> [String] {
        guard width > 1 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ") {
                let word = FittedText.fit(String(word), width: width)
                if line.isEmpty {
                    line = word
                } else if line.count + 1 + word.count <= width {
                    line += " " + word
                } else {
                    lines.append(line)
                    line = word
                }
            }
            lines.append(line)
        }
        return lines
    }
}
