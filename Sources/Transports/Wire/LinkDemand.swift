import StimulationCore

/// What a session's runs ask of a serial line, counted as `SerialTransport` sends them to a protocol 1.0 device:
/// each channel's runs in batches (one per engine refill), encoded against the channel's stream, cut into RUNS
/// frames, escaped. A 1.1 device's ramps only make a session smaller, so the count holds for every device.
/// A session is judged by its busiest second, since a line that falls behind for a second is already late.
public struct LinkDemand: Sendable {
    /// A device clock that has run for a while: start times cost the bytes they will on a real line.
    static let deviceClock = TimeSpan.minutes(60)

    private var streams: [RunStream]
    private var bytesPerSecond: [Int64: Int] = [:]

    public init(channels: Int) {
        streams = Array(repeating: RunStream(), count: channels)
    }

    /// Counts one batch of one channel's runs, in time order, sent at the start of the batch's window.
    public mutating func add(_ runs: [PulseRun]) {
        guard let first = runs.first else { return }
        let c = first.channel - 1
        let onDevice = runs.map { run in
            var device = run
            device.start = run.start + Self.deviceClock
            return device
        }
        let bytes = streams[c].payloads(RunEntry.coalescing(onDevice, ramps: false))
            .reduce(0) { $0 + Self.frameBytes(channel: first.channel, $1) }
        bytesPerSecond[first.start.nanoseconds / 1_000_000_000, default: 0] += bytes
    }

    /// A programme change stops every channel, and the first run after it carries everything again.
    public mutating func restartStreams() {
        for c in streams.indices { streams[c].reset() }
    }

    /// The second (from the start of the session) that asks the most of the line, and its bytes.
    public var busiestSecond: (second: Int64, bytes: Int)? {
        bytesPerSecond.max { ($0.value, -$0.key) < ($1.value, -$1.key) }.map { ($0.key, $0.value) }
    }

    private static func frameBytes(channel: Int, _ payload: [UInt8]) -> Int {
        HostMessage.runs(channel: UInt8(channel), entries: payload).frame(sequence: 0).encoded().count
    }
}
