import ArgumentParser
import StimulationCore

struct ShowProtocol: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Every programme's parameters and its safety figures at maximum amplitude."
    )

    @Argument(help: "A protocol id or a path to a protocol file.")
    var protocolName: String

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() throws {
        let loaded: ProtocolLoader.Loaded
        do {
            loaded = try ProtocolLibrary.standard().find(protocolName)
        } catch {
            StandardError.write(error.description)
            throw ExitCode(1)
        }
        let report = ProtocolReport(loaded)
        if json {
            try JSONOutput.print(report)
        } else {
            print(report.text, terminator: "")
        }
    }
}
