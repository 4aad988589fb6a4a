import ArgumentParser
import StimulationCore
import StimulationEngine
import Transports

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a session on a transport.",
        discussion: """
        With --headless the session runs without a terminal and prints JSON lines: every event as it \
        happens, a snapshot every 100 ms of session time, and a summary. Exit status: 0 when every \
        programme finished, 2 when the session was stopped, 3 when it was aborted by a fault.
        """
    )

    @Argument(help: "A protocol id or a path to a protocol file.")
    var protocolName: String

    @Flag(help: "Run without the console, printing JSON lines.")
    var headless = false

    @Option(help: "Where output goes: sim (the simulator).")
    var transport: TransportSpec = .simulator

    @Option(help: "A fault script (TOML) for the simulator: pads lifting, leads breaking, device faults.")
    var faultScript: String?

    @Option(help: "Session time per wall-clock second: 1 (real time), a factor such as 60, or max.")
    var speed: RunSpeed = .factor(1)

    @Option(help: ArgumentHelp("A channel's target amplitude; repeatable.", valueName: ChannelAmplitude.help))
    var amplitude: [ChannelAmplitude] = []

    @Flag(help: "Confirm the patient was screened and no contraindication applies (required without a console).")
    var noContraindications = false

    @Option(help: "Acknowledge alarms this many seconds after they are raised, standing in for an operator.")
    var autoAcknowledge: Double?

    func validate() throws {
        guard headless else {
            throw ValidationError("the console is not part of this version; run with --headless")
        }
        guard noContraindications else {
            throw ValidationError("a headless session has no one to answer the contraindication screening: "
                + "screen the patient, then pass --no-contraindications to confirm none applies")
        }
        if let autoAcknowledge, !(autoAcknowledge >= 0 && autoAcknowledge <= 3600) {
            throw ValidationError("--auto-acknowledge \(autoAcknowledge): give 0 to 3600 seconds")
        }
    }

    func run() throws {
        let therapyProtocol: TherapyProtocol
        do {
            therapyProtocol = try ProtocolLibrary.standard().find(protocolName).therapyProtocol
        } catch {
            StandardError.write(error.description)
            throw ExitCode(1)
        }
        for entry in amplitude where entry.channel > therapyProtocol.channels {
            StandardError.write("Error: --amplitude \(entry.channel)=\(entry.amplitude): \(therapyProtocol.id) has channels 1 to \(therapyProtocol.channels)")
            throw ExitCode(1)
        }
        var faults: FaultScript?
        if let faultScript {
            do {
                faults = try FaultScriptLoader.load(path: faultScript, channels: therapyProtocol.channels)
            } catch {
                StandardError.write(error.description)
                throw ExitCode(1)
            }
        }
        // A simulated clinic console: it can reach the highest modality ceiling (high-volt pulsed, 300 mA),
        // so the protocol's own limits, not the simulator, are what the governor meets.
        let device = SimulatorTransport(channels: therapyProtocol.channels, maximumAmplitude: .milliamps(300), faults: faults)
        let runner = HeadlessRunner(therapyProtocol: therapyProtocol, transport: device, speed: speed,
                                    amplitudes: amplitude.map { ($0.channel, $0.amplitude) },
                                    autoAcknowledge: autoAcknowledge.map { TimeSpan(nanoseconds: Int64($0 * 1e9)) })
        let outcome = runner.run()
        switch outcome {
        case .finished: return
        case .stopped: throw ExitCode(2)
        case .aborted: throw ExitCode(3)
        }
    }
}
