import ArgumentParser
import StimulationCore

struct CheckProtocols: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate protocol files: exit 0 when all are valid, else print every error and exit 1."
    )

    @Argument(help: "Protocol files to check.")
    var files: [String]

    func run() throws {
        var failed = false
        for file in files {
            do {
                let loaded = try ProtocolLoader.load(path: file)
                for warning in loaded.warnings { StandardError.write(warning.description) }
                print("\(file): ok (\(loaded.therapyProtocol.id), \(loaded.therapyProtocol.programmes.count) programmes)")
            } catch {
                failed = true
                StandardError.write(error.description)
            }
        }
        if failed { throw ExitCode(1) }
    }
}
