import StimulationCore
import Transports

/// One GPIO chip as `galvani devices` shows it: its lines by name, and who holds each.
struct GPIOChipRow: Encodable {
    struct Line: Encodable {
        var offset: Int
        var name: String
        var consumer: String?
        var output: Bool
    }

    var path: String
    var label: String?
    var lines: [Line]
    var problem: String?

    static func all() -> [GPIOChipRow] {
        GPIOChip.paths().map { path in
            do throws(GPIOError) {
                let chip = try GPIOChip(path: path)
                let lines = try chip.lines().map { info in
                    Line(offset: info.offset, name: info.name, consumer: info.isUsed ? info.consumer : nil, output: info.isOutput)
                }
                return GPIOChipRow(path: path, label: chip.label, lines: lines, problem: nil)
            } catch {
                return GPIOChipRow(path: path, label: nil, lines: [], problem: error.message)
            }
        }
    }

    /// Names come from a device tree or a driver: shown escaped, never raw.
    var summary: [String] {
        guard problem == nil else { return ["\(path)", "  not usable: \(problem!)"] }
        return ["\(path) (\(ControlCharacter.visible(label ?? "")), \(lines.count) lines)"] + lines.map { line in
            let name = line.name.isEmpty ? "unnamed" : "\"\(ControlCharacter.visible(line.name))\""
            let holder = line.consumer.map { "held by \"\(ControlCharacter.visible($0))\"" + (line.output ? " (output)" : " (input)") } ?? "free"
            return "  line \(line.offset): \(name), \(holder)"
        }
    }
}
