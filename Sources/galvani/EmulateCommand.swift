import ArgumentParser
import Glibc
import StimulationCore
import Transports

struct EmulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emulate",
        abstract: "A stimulator emulator on a pseudo-terminal, speaking the Galvani wire protocol.",
        discussion: """
        It prints the terminal device a host connects to (and makes --link a symlink to it), then logs \
        every change of output as it happens: each channel on and off and why (STOP byte, watchdog, \
        contact). Runs play through the same electrode–skin model as the simulator. Stop it with Ctrl-C. \
        The protocol is in docs/wire-protocol.md.
        """
    )

    @Option(help: ArgumentHelp("Also make this path a symlink to the device.", valueName: "path"))
    var link: String?

    @Option(help: "How many channels the device has (1 to 16).")
    var channels: Int = 4

    @Option(help: ArgumentHelp("The most current a channel can give: \"100 mA\", or a number of mA.", valueName: "current"))
    var maxAmplitude: String = "100 mA"

    @Option(help: "A fault script (TOML): pads lifting, leads breaking, device faults; times count from each HELLO.")
    var faultScript: String?

    func validate() throws {
        guard WireProtocol.channelRange.contains(channels) else {
            throw ValidationError("--channels \(channels): a device has \(WireProtocol.channelRange.lowerBound) to \(WireProtocol.channelRange.upperBound)")
        }
        _ = try maximumAmplitude()
    }

    /// The emulator's ceiling; the highest any modality allows is 300 mA (high-volt pulsed).
    static let amplitudeRange = Current.microamps(1)...Current.milliamps(300)

    private func maximumAmplitude() throws -> Current {
        let text = maxAmplitude.allSatisfy { $0.isNumber || $0 == "." } ? "\(maxAmplitude) mA" : maxAmplitude
        guard case .success(let microamps) = Quantity.parse(text, as: .current),
              Self.amplitudeRange.contains(Current(microamps: microamps)) else {
            throw ValidationError("--max-amplitude \(maxAmplitude): give a current from \(Self.amplitudeRange.lowerBound) "
                + "to \(Self.amplitudeRange.upperBound), such as \"100 mA\"")
        }
        return Current(microamps: microamps)
    }

    func run() throws {
        var faults: FaultScript?
        if let faultScript {
            do {
                faults = try FaultScriptLoader.load(path: faultScript, channels: channels)
            } catch {
                StandardError.write(error.description)
                throw ExitCode(1)
            }
        }
        let configuration = DeviceEmulator.Configuration(channels: channels, maximumAmplitude: try maximumAmplitude(),
                                                         faults: faults)
        let device: PseudoTerminalDevice
        do {
            device = try PseudoTerminalDevice(configuration, link: link) { line in
                var out = StandardOutput()
                out.line(line)
                out.flush()
            }
        } catch {
            StandardError.write("Error: \(error.message)")
            throw ExitCode(1)
        }
        var out = StandardOutput()
        out.line("device \(device.path)")
        if let link { out.line("link \(link) -> \(device.path)") }
        out.line("connect with: galvani run PROTOCOL --transport serial:\(link ?? device.path)")
        out.flush()
        InterruptSignals.install()
        device.start()
        while InterruptSignals.requested == nil { usleep(20_000) }
        device.stop()
        out.line("emulator stopped")
        out.flush()
    }
}
