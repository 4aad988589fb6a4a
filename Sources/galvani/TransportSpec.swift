import ArgumentParser
import StimulationCore
import Transports

/// `--transport sim`, `--transport serial:PATH[@BAUD]` or `--transport gpio:BOARD`.
enum TransportSpec: Equatable {
    case simulator
    case serial(path: String, baud: Int)
    /// Loaded as the argument is read, so a wrong board file is refused with its errors before anything starts.
    case gpio(Board)

    /// As the records and messages name it.
    var name: String {
        switch self {
        case .simulator: "simulator"
        case .serial(let path, let baud): "serial:\(path)@\(baud)"
        case .gpio(let board): "gpio:\(board.file)"
        }
    }

    /// The transport for one session of `therapyProtocol`; faults and speed apply to the simulator only.
    func make(for therapyProtocol: TherapyProtocol, faults: FaultScript? = nil, speed: Int64 = 1) -> any Transport {
        switch self {
        case .simulator: SimulatedDevice.make(for: therapyProtocol, faults: faults, speed: speed)
        case .serial(let path, let baud): SerialTransport(path: path, baud: baud)
        case .gpio(let board): GPIOTransport(board: board)
        }
    }

    static let help = "sim (the simulator), serial:PATH[@BAUD] (a device on a serial line; 115200 baud unless given) "
        + "or gpio:BOARD (a stage on this machine's GPIO lines; a board file or a name in boards/)"

    /// Argument parser transform: a wrong value says what was wrong and what is allowed.
    static func parse(_ argument: String) throws -> TransportSpec {
        if argument == "sim" || argument == "simulator" { return .simulator }
        if argument.hasPrefix("gpio:") {
            let name = String(argument.dropFirst("gpio:".count))
            guard !name.isEmpty else { throw ValidationError("--transport gpio: name a board, e.g. gpio:boards/example.toml") }
            let path = BoardLoader.path(for: name)
            if path == name, !name.contains("/"), !name.hasSuffix(".toml") {
                throw ValidationError("--transport \(argument): no board named \(name); looked for boards/\(name).toml in "
                    + DataDirectories.standard("boards").joined(separator: ", ") + " (or give a board file's path)")
            }
            do {
                return .gpio(try BoardLoader.load(path: path))
            } catch {
                throw ValidationError("--transport \(argument): the board cannot be used:\n\(error.description)")
            }
        }
        guard argument.hasPrefix("serial:") else {
            throw ValidationError("--transport \(argument): give \(help)")
        }
        var path = String(argument.dropFirst("serial:".count))
        var baud = SerialPort.defaultBaud
        if let at = path.lastIndex(of: "@") {
            let rate = String(path[path.index(after: at)...])
            guard let value = Int(rate), SerialPort.rates[value] != nil else {
                throw ValidationError("--transport \(argument): \"\(rate)\" is not a baud rate; use one of "
                    + SerialPort.rates.keys.sorted().map(String.init).joined(separator: ", "))
            }
            baud = value
            path = String(path[..<at])
        }
        guard !path.isEmpty else {
            throw ValidationError("--transport \(argument): name the serial device, e.g. serial:/dev/ttyACM0 (see galvani devices)")
        }
        return .serial(path: path, baud: baud)
    }
}
