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
                // A square wave's phase is half its period, less the dead time it gives up at each switch of legs;
                // the other shapes take the file's width.
                let shortestPhase = programme.shape.takesPhaseWidth
                    ? plan.widthRange.lowerBound : TimeSpan(nanoseconds: fastest.period.nanoseconds / 2) - capabilities.deadTime
                if let shortest = capabilities.shortestPhase, shortestPhase < shortest {
                    return "\(programme.name) on channel \(channel) has \(shortestPhase) phases; \(transport.name) can time "
                        + "phases of \(shortest) or longer"
                }
                // Only a square wave may fill its period (its equal halves give up equal dead time); any other pulse
                // needs room for the dead time at each switch of legs, or its charge would no longer balance.
                if capabilities.deadTime > .zero, programme.shape.kind != .squareWave {
                    let widest = programme.shape.pulse(amplitude: .milliamps(1), width: plan.widthRange.upperBound,
                                                       period: fastest.period).duration
                    if widest + capabilities.deadTime * 2 > fastest.period {
                        return "\(programme.name) on channel \(channel) has \(widest) pulses every \(fastest.period), leaving no "
                            + "room for \(transport.name)'s \(capabilities.deadTime) dead time between its bridge's legs"
                    }
                }
            }
        }
        return nil
    }
}
