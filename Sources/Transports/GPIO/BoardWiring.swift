import StimulationCore

/// A board's line names found on this machine's chips: which chip, and each line's offset on it.
struct BoardWiring {
    let chip: GPIOChip
    /// In the board's request order (`Board.lineNames`).
    let offsets: [Int]

    static func find(_ board: Board, chips: [String] = GPIOChip.paths()) throws(TransportError) -> BoardWiring {
        guard !chips.isEmpty else {
            throw TransportError("this machine has no GPIO chip (/dev/gpiochip*): is the board's GPIO driver loaded?")
        }
        var seen: [String] = []
        var best: (chip: GPIOChip, found: [String: Int])?
        for path in chips {
            let chip: GPIOChip
            do { chip = try GPIOChip(path: path) } catch { throw TransportError(error.message) }
            let lines: [GPIOChip.LineInfo]
            do { lines = try chip.lines() } catch { throw TransportError(error.message) }
            var found: [String: Int] = [:]
            for line in lines where board.lineNames.contains(line.name) {
                guard found[line.name] == nil else {
                    throw TransportError("\(path) has two lines named \"\(ControlCharacter.visible(line.name))\" "
                        + "(\(found[line.name]!) and \(line.offset)): the board's lines must have names of their own")
                }
                found[line.name] = line.offset
            }
            seen.append("\(path) (\(ControlCharacter.visible(chip.label)), \(chip.lineCount) lines)")
            if found.count == board.lineNames.count, let other = best, other.found.count == found.count {
                throw TransportError("both \(other.chip.path) and \(path) have every line board \(board.file) names: "
                    + "which one drives the stage is not clear, so neither is used")
            }
            if found.count > (best?.found.count ?? 0) { best = (chip, found) }
        }
        guard let best, best.found.count == board.lineNames.count else {
            let missing = board.lineNames.filter { best?.found[$0] == nil }
            let which = missing.count == board.lineNames.count ? "none of its lines"
                : "line\(missing.count == 1 ? "" : "s") " + missing.map { "\"\($0)\"" }.joined(separator: ", ")
            throw TransportError("board \(board.file): \(which) found on one GPIO chip (looked at \(seen.joined(separator: "; "))); "
                + "galvani devices lists each chip's line names")
        }
        return BoardWiring(chip: best.chip, offsets: board.lineNames.map { best.found[$0]! })
    }
}
