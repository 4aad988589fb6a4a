import ArgumentParser

/// `--transport sim` today; serial and GPIO transports plug in here.
enum TransportSpec: ExpressibleByArgument {
    case simulator

    init?(argument: String) {
        switch argument {
        case "sim", "simulator": self = .simulator
        default: return nil
        }
    }

    static var allValueStrings: [String] { ["sim"] }
}
