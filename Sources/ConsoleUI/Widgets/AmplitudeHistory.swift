import StimulationCore

/// The last minute of each channel's delivered amplitude, for the rolling graph.
/// One sample per `interval` of session time, kept in a fixed ring, so memory never grows.
public struct AmplitudeHistory: Sendable {
    public static let span = TimeSpan.seconds(60)
    public let interval: TimeSpan
    private var samples: [[Current]]
    private var lastSample: TimeSpan?

    public init(channels: Int, interval: TimeSpan = .milliseconds(500)) {
        self.interval = interval
        samples = Array(repeating: [], count: channels)
    }

    public var capacity: Int { Int(Self.span.nanoseconds / interval.nanoseconds) }

    public mutating func record(_ snapshot: EngineSnapshotView, at time: TimeSpan) {
        if let lastSample, time - lastSample < interval { return }
        lastSample = time
        for (index, delivered) in snapshot.delivered.enumerated() where index < samples.count {
            samples[index].append(delivered)
            if samples[index].count > capacity { samples[index].removeFirst(samples[index].count - capacity) }
        }
    }

    public func samples(channel: Int) -> [Current] { samples[channel - 1] }
}

/// The part of a snapshot the history needs; keeps the history testable without an engine.
public struct EngineSnapshotView: Sendable {
    public var delivered: [Current]
    public init(delivered: [Current]) { self.delivered = delivered }
}
