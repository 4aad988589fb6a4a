import StimulationCore
import Transports

extension Engine {
    public var snapshot: EngineSnapshot {
        let total = therapyProtocol.programmes.enumerated().reduce(TimeSpan.zero) { sum, entry in
            entry.offset < programmeIndex ? sum : sum + entry.element.duration
        } - programmeElapsed
        return EngineSnapshot(
            time: now, state: state, stateReason: stateReason, transport: transport.name, linkUp: linkUp,
            emergencyLatched: emergencyLatched, programmeIndex: programmeIndex,
            programmeCount: therapyProtocol.programmes.count, programmeName: programme.name,
            programmeElapsed: programmeElapsed, programmeRemaining: max(.zero, programme.duration - programmeElapsed),
            totalRemaining: max(.zero, total), treatmentTime: deliveredPerProgramme.reduce(.zero, +),
            channels: channels.indices.map { index in
                EngineSnapshot.Channel(
                    channel: index + 1, target: channels[index].target, commanded: commanded(channel: index, at: now),
                    delivered: channels[index].delivered, impedance: channels[index].impedance,
                    contact: channels[index].contact,
                    ceiling: governor?.ceiling(programme: programmeIndex, channel: index + 1)
                        ?? AmplitudeCeiling(amplitude: .zero, source: "not connected"),
                    faulted: channels[index].faulted)
            },
            alarms: alarms.sorted { ($0.priority, -$0.id) > ($1.priority, -$1.id) }, outputGaps: outputGaps)
    }

    /// How the session went, for the end of a headless run and for records.
    public var summary: SessionSummary {
        SessionSummary(state: state, reason: stateReason,
                       deliveredPerProgramme: therapyProtocol.programmes.indices.map {
                           (therapyProtocol.programmes[$0].name, deliveredPerProgramme[$0])
                       },
                       highestCommanded: channels.map(\.highestCommanded),
                       highestDelivered: channels.map(\.highestDelivered), outputGaps: outputGaps,
                       edgeTiming: transport.edgeTiming)
    }
}

/// The end of a session: why it ended, treatment time per programme, the most each channel reached.
public struct SessionSummary: Sendable {
    public var state: SessionState
    public var reason: String
    public var deliveredPerProgramme: [(name: String, time: TimeSpan)]
    public var highestCommanded: [Current]
    public var highestDelivered: [Current]
    public var outputGaps: OutputGaps
    /// For a transport that times its own edges: how late they came and how far phases stretched.
    public var edgeTiming: EdgeTiming?
}
