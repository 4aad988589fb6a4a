import ArgumentParser
import ConsoleUI
import HomeUnit
import StimulationCore
import StimulationEngine
import Transports
import TreatmentRecords

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a session on a transport: in the console, or headless.",
        discussion: """
        In the console the operator picks a protocol (when none is named), answers the contraindication \
        screening, reads the placement notes and starts the session from the keyboard. With --headless the session runs without a terminal and prints JSON lines: every event as it \
        happens, a snapshot every 100 ms of session time, and a summary. Exit status: 0 when every \
        programme finished, 2 when the session was stopped, 3 when it was aborted by a fault.
        """
    )

    @Argument(help: "A protocol id or a path to a protocol file; the console offers a list when it is left out.")
    var protocolName: String?

    @Flag(help: "Run without the console, printing JSON lines.")
    var headless = false

    @Option(help: ArgumentHelp("Where output goes: \(TransportSpec.help).", valueName: "transport"),
            transform: TransportSpec.parse)
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

    @Option(help: "Console theme: a name (default, high-contrast, monochrome, light) or a theme file.")
    var theme: String = ThemeLibrary.defaultName

    @OptionGroup(title: "Records")
    var recordsOptions: RecordsOptions

    func validate() throws {
        var seen = Set<Int>()
        for entry in amplitude where !seen.insert(entry.channel).inserted {
            throw ValidationError("--amplitude: channel \(entry.channel) is given twice; give each channel once")
        }
        switch transport {
        case .simulator:
            break
        case .serial:
            if faultScript != nil {
                throw ValidationError("--fault-script plays faults in the simulator; for a serial device give it to galvani emulate")
            }
            if speed != .factor(1) { throw ValidationError("--speed: a device on a serial line runs in real time only") }
        case .gpio:
            if faultScript != nil { throw ValidationError("--fault-script plays faults in the simulator, not on GPIO lines") }
            if speed != .factor(1) { throw ValidationError("--speed: a stage on GPIO lines runs in real time only") }
        }
        guard headless else {
            if protocolName == nil, faultScript != nil {
                throw ValidationError("--fault-script needs a protocol named on the command line")
            }
            if case .max = speed { throw ValidationError("--speed max is for --headless runs; the console runs at 1 to 20") }
            if case .factor(let factor) = speed, factor > 20 { throw ValidationError("--speed \(factor): the console runs at 1 to 20") }
            return
        }
        guard protocolName != nil else { throw ValidationError("a headless run needs a protocol: galvani run PROTOCOL --headless …") }
        guard noContraindications else {
            throw ValidationError("a headless session has no one to answer the contraindication screening: "
                + "screen the patient, then pass --no-contraindications to confirm none applies")
        }
        if let autoAcknowledge, !(autoAcknowledge >= 0 && autoAcknowledge <= 3600) {
            throw ValidationError("--auto-acknowledge \(autoAcknowledge): give 0 to 3600 seconds")
        }
    }

    func run() throws {
        WriteFailureSignals.ignore()
        // On a patient's unit the clinic console would bypass the prescription: it is clinician mode.
        if HomeSettings.standard().patient != nil {
            StandardError.write("This is a patient's home unit: galvani home runs the prescription; the full console needs the clinician PIN.")
            try ClinicianGate.unlock()
        }
        guard headless else { return try runConsole() }
        let loaded = try load(protocolName!)
        let therapyProtocol = loaded.therapyProtocol
        for entry in amplitude where entry.channel > therapyProtocol.channels {
            StandardError.write("Error: --amplitude \(entry.channel)=\(entry.amplitude): \(therapyProtocol.id) has channels 1 to \(therapyProtocol.channels)")
            throw ExitCode(1)
        }
        let faults = try loadFaults(channels: therapyProtocol.channels)
        let recording: SessionRecording.Opened
        do {
            recording = try SessionRecording.open(recordsOptions, loaded: loaded, transport: transport.name)
        } catch {
            StandardError.write("Error: \(error.description)")
            throw ExitCode(1)
        }
        var out = StandardOutput()
        for note in recording.notes { out.line(SessionJSON.line(SessionJSON.note(note, at: .zero))) }
        out.flush()
        let runner = HeadlessRunner(therapyProtocol: therapyProtocol, makeTransport: { transport.make(for: therapyProtocol, faults: faults, speed: speed.wallClockFactor) },
                                    speed: speed,
                                    amplitudes: amplitude.map { ($0.channel, $0.amplitude) },
                                    autoAcknowledge: autoAcknowledge.map { TimeSpan(nanoseconds: Int64($0 * 1e9)) },
                                    sinks: [HeadlessSink()] + (recording.writer.map { [$0] } ?? []))
        let outcome = runner.run()
        recording.writer?.printStranded()
        switch outcome {
        case .finished: return
        case .stopped: throw ExitCode(2)
        case .aborted: throw ExitCode(3)
        }
    }

    private func load(_ name: String) throws -> ProtocolLoader.Loaded {
        do {
            return try ProtocolLibrary.standard().find(name)
        } catch {
            StandardError.write(error.description)
            throw ExitCode(1)
        }
    }

    private func loadFaults(channels: Int) throws -> FaultScript? {
        guard let faultScript else { return nil }
        do {
            return try FaultScriptLoader.load(path: faultScript, channels: channels)
        } catch {
            StandardError.write(error.description)
            throw ExitCode(1)
        }
    }

    private func runConsole() throws {
        let loadedNamed = try protocolName.map(load)
        let named = loadedNamed?.therapyProtocol
        var choices: [TherapyProtocol] = []
        var texts: [String: String] = [:]
        if let loadedNamed { texts[loadedNamed.therapyProtocol.id] = loadedNamed.text }
        if named == nil {
            for entry in ProtocolLibrary.standard().loadAll() {
                if case .success(let loaded) = entry.result {
                    choices.append(loaded.therapyProtocol)
                    texts[loaded.therapyProtocol.id] = loaded.text
                }
            }
            guard !choices.isEmpty else {
                StandardError.write("no protocols found in \(ProtocolLibrary.standard().directories.joined(separator: ", "))")
                throw ExitCode(1)
            }
        }
        let faults = try named.flatMap { try loadFaults(channels: $0.channels) }
        var records: ConsoleRecords?
        if !recordsOptions.noRecords {
            do throws(RecordsError) {
                let store = try RecordsStore(path: recordsOptions.path)
                for note in try store.importFallbacks() + store.closeInterrupted() { StandardError.write("records: " + note) }
                if let patient = recordsOptions.patient, try store.patient(clinicID: patient) == nil {
                    throw RecordsError("no patient \(patient) in \(recordsOptions.path): leave out --patient to choose or add "
                        + "one in the console, or add them with galvani records add-patient \(patient) --name NAME")
                }
                records = ConsoleRecords(store: store, patient: recordsOptions.patient, operatorName: recordsOptions.operatorName,
                                         protocolTexts: texts)
            } catch {
                StandardError.write("Error: \(error.description)")
                throw ExitCode(1)
            }
        }
        let app = ConsoleApp(therapyProtocol: named, choices: choices,
                             options: .init(theme: try ConsoleLauncher.theme(theme), speed: speed.wallClockFactor, records: records,
                                            recordsOff: "not recorded")) {
            transport.make(for: $0, faults: faults, speed: speed.wallClockFactor)
        }
        try ConsoleLauncher.run(app)
    }
}
