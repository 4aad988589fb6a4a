import StimulationCore

/// A protocol that loads is also generated, at the start and the end of each programme on every
/// channel, so arithmetic the loader lets through is exercised where pulses are made.
enum GeneratorProbe {
    static func run(_ therapyProtocol: TherapyProtocol) {
        // Short windows: the arithmetic at the edges is what is probed, not throughput.
        let window = TimeSpan.milliseconds(2)
        for programme in therapyProtocol.programmes {
            for channel in 1...therapyProtocol.channels {
                let plan = ChannelPlan(programme: programme, channel: channel)
                let envelope = AmplitudeEnvelope.constant(programme.amplitude.maximum)
                for from in [TimeSpan.zero, max(.zero, programme.duration - window)] {
                    _ = PulseCursor.runs(plan: plan, origin: .zero, envelope: envelope, from: from,
                                         to: min(programme.duration, from + window))
                }
            }
        }
    }
}
