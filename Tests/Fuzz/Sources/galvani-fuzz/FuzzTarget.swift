import ConsoleUI
import StimulationCore
import Transports

/// Each input path Galvani reads from outside: files, command-line quantities, and both directions of the wire.
enum FuzzTarget: String, CaseIterable {
    case protocolFile = "protocol"
    case faultScript = "fault-script"
    case theme
    case quantity
    case deviceToHost = "device-to-host"
    case hostToDevice = "host-to-device"
    case structuredProtocol = "structured-protocol"
    case structuredFaultScript = "structured-fault-script"

    func run(_ bytes: [UInt8]) {
        switch self {
        case .protocolFile:
            if let loaded = try? ProtocolLoader.load(bytes: bytes, file: "fuzz.toml") { GeneratorProbe.run(loaded.therapyProtocol) }
        case .faultScript: _ = try? FaultScriptLoader.load(bytes: bytes, file: "fuzz.toml", channels: 4)
        case .theme: _ = try? ThemeLoader.load(bytes: bytes, file: "fuzz.toml")
        case .quantity:
            let text = String(decoding: bytes, as: UTF8.self)
            for kind in [Quantity.Kind.current, .time, .frequency, .area, .ratio] { _ = Quantity.parse(text, as: kind) }
        case .deviceToHost: DeviceToHost.run(bytes)
        case .hostToDevice: HostToDevice.run(bytes)
        case .structuredProtocol:
            if let loaded = try? ProtocolLoader.load(text: StructuredProtocol(bytes).text, file: "fuzz.toml") {
                GeneratorProbe.run(loaded.therapyProtocol)
            }
        case .structuredFaultScript:
            _ = try? FaultScriptLoader.load(text: StructuredFaultScript(bytes).text, file: "fuzz.toml", channels: 4)
        }
    }
}
