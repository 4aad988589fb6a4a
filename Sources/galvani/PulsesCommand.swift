import ArgumentParser
import StimulationCore

struct PulsesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pulses",
        abstract: "The exact pulse schedule a protocol produces, to check a device against on an oscilloscope.",
        discussion: """
        CSV rows are t_us,channel,amplitude_uA,phases with phases as signed amplitude_uA:duration_us pairs \
        (a leading ~ marks a half-sine carrier phase). Times are microseconds from the protocol's start. \
        --format runs prints one row per run of identical pulses instead.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, runs
    }

    @Argument(help: "A protocol id or a path to a protocol file.")
    var protocolName: String

    @Option(help: "Only this programme (1-based); times stay measured from the protocol's start.")
    var programme: Int?

    @Option(help: "Only this channel (1-based).")
    var channel: Int?

    @Option(help: "Start, in seconds (\"1.5\") or with a unit (\"500 ms\"); from the programme's start with --programme.")
    var from: String = "0"

    @Option(help: "How much to print, in seconds or with a unit.")
    var seconds: String = "1"

    @Option(help: "Amplitude, with a unit (\"20 mA\", \"350 µA\"); default: each programme's target.")
    var amplitude: String?

    @Option(help: "csv (a row per pulse) or runs (a row per run).")
    var format: Format = .csv

    func run() throws {
        let loaded: ProtocolLoader.Loaded
        do {
            loaded = try ProtocolLibrary.standard().find(protocolName)
        } catch {
            StandardError.write(error.description)
            throw ExitCode(1)
        }
        let request = try ScheduleRequest(protocol: loaded.therapyProtocol, programme: programme, channel: channel,
                                          from: from, seconds: seconds, amplitude: amplitude)
        ScheduleWriter(request: request, format: format).write()
    }
}
