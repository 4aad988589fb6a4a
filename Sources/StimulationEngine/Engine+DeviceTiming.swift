import StimulationCore
import Transports

extension Engine {
    /// Refuses, before anything starts, a protocol whose phases or rates a host-timed device cannot keep: found at
    /// the first pulse instead, the session would end mid-start. Nil when every programme fits.
    func timingRefusal(_ capabilities: DeviceCapabilities) -> String? {
        for programme in therapyProtocol.programmes {
            for channel in 1...therapyProtocol.channels {
                let plan = ChannelPlan(programme: programme, channel: channel)
                let fastest = plan.frequencyRange.upperBound
                if let highest = capabilities.highestRate, fastest > highest {
                    return "\(programme.name) on channel \(channel) runs at up to \(fastest); \(transport.name) can time "
                        + "pulses at up to \(highest)"
                }
                // A square wave's phase is half its period; the other shapes take the file's width.
                let shortestPhase = programme.shape.takesPhaseWidth
                    ? plan.widthRange.lowerBound : TimeSpan(nanoseconds: fastest.period.nanoseconds / 2)
                if let shortest = capabilities.shortestPhase, shortestPhase < shortest {
                    return "\(programme.name) on channel \(channel) has \(shortestPhase) phases; \(transport.name) can time "
                        + "phases of \(shortest) or longer"
                }
            }
        }
        return nil
    }
}
