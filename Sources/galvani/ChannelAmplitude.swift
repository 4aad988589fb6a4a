import ArgumentParser
import StimulationCore

/// `--amplitude 2=12.5mA`: a channel's target, reached by the soft-start ramp.
struct ChannelAmplitude: ExpressibleByArgument {
    var channel: Int
    var amplitude: Current

    init?(argument: String) {
        let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, let channel = Int(parts[0]), channel >= 1,
              case .success(let microamps) = Quantity.parse(parts[1], as: .current), microamps >= 0 else { return nil }
        self.channel = channel
        amplitude = Current(microamps: microamps)
    }

    static let help = "CHANNEL=AMPLITUDE with a unit, e.g. 1=20mA or 2=350µA"
}
