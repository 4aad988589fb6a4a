/// Failures to play out in session time, in time order: for tests and demonstrations.
public struct FaultScript: Hashable, Sendable {
    /// Sorted by time; events at the same time keep the order they were given in.
    public let events: [FaultEvent]

    public init(_ events: [FaultEvent]) {
        self.events = events.enumerated()
            .sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }
            .map(\.element)
    }

    /// The highest channel any event names, so a transport can check the script fits it.
    public var highestChannel: Int { events.compactMap(\.kind.channel).max() ?? 0 }
}
