import ArgumentParser
import StimulationCore

struct ListProtocols: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "A line per protocol: id, modality, programme count, total duration, title.",
        discussion: "Files that fail to load are reported on standard error and make the exit status 1."
    )

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    struct Row: Encodable {
        var id: String
        var modality: String
        var programmes: Int
        var durationSeconds: Int64
        var title: String
        var file: String
    }

    func run() throws {
        let library = ProtocolLibrary.standard()
        var rows: [Row] = []
        var failed = false
        var seen: [String: String] = [:]
        for entry in library.loadAll() {
            switch entry.result {
            case .failure(let error):
                failed = true
                StandardError.write(error.description)
            case .success(let loaded):
                let p = loaded.therapyProtocol
                if let first = seen[p.id] {
                    StandardError.write("\(entry.path): warning: id \"\(p.id)\" is also used by \(first), which takes precedence")
                    continue
                }
                seen[p.id] = entry.path
                rows.append(Row(id: p.id, modality: p.modalitySummary, programmes: p.programmes.count,
                                durationSeconds: p.totalDuration.nanoseconds / 1_000_000_000, title: p.title, file: entry.path))
            }
        }
        if json {
            try JSONOutput.print(rows)
        } else if rows.isEmpty {
            StandardError.write("no protocols found in \(library.directories.joined(separator: ", "))")
        } else {
            let idWidth = max(2, rows.map(\.id.count).max()!)
            let modalityWidth = max(8, rows.map(\.modality.count).max()!)
            print(pad("ID", idWidth) + "  " + pad("MODALITY", modalityWidth) + "  PROGS  DURATION  TITLE")
            for row in rows {
                let duration = TimeSpan.seconds(row.durationSeconds).clockText
                print(pad(row.id, idWidth) + "  " + pad(row.modality, modalityWidth) + "  "
                      + pad(String(row.programmes), 5, right: true) + "  " + pad(duration, 8, right: true) + "  " + row.title)
            }
        }
        if failed { throw ExitCode(1) }
    }
}

func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
    let fill = String(repeating: " ", count: max(0, width - text.count))
    return right ? fill + text : text + fill
}
