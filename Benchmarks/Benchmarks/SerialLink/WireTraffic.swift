import PulseWorkload
import StimulationCore
import StimulationEngine
import Transports

/// A stretch of a session's runs, cut into the batches SerialTransport sends, so the codec
/// benchmarks time only encoding and decoding.
///
/// Batches of 15 ms, as the transport sent them when the engine filled 40 ms ahead every 5 ms tick; it now
/// sends one about every 20 ms to a 1.0 device and every 50 ms to a 1.1 device offering 100 ms, so these
/// frames are a little smaller than real ones and per-frame costs weigh a little more. Batches go channel
/// by channel within each span, as on the wire.
struct WireTraffic {
    static let batchSpan = TimeSpan.milliseconds(15)
    /// Running with a device offering 100 ms, the engine wakes every 50 ms and sends a keep-alive with the first wake
    /// from 50 ms after the last one: every 50 ms.
    static let keepAliveSpacing = TimeSpan.milliseconds(50)

    let label: String
    let origin: TimeSpan
    let span: TimeSpan
    let channels: Int
    let batches: [[PulseRun]]

    init(_ workload: Workload, span: TimeSpan) {
        label = workload.protocolID
        origin = workload.origin
        self.span = span
        channels = workload.channels.count
        var perChannel = Array(repeating: [PulseRun](), count: channels)
        workload.forEachRun(over: span) { perChannel[$0.channel - 1].append($0) }
        var batches: [[PulseRun]] = []
        var cursors = Array(repeating: 0, count: channels)
        var edge = workload.origin + Self.batchSpan
        while cursors.indices.contains(where: { cursors[$0] < perChannel[$0].count }) {
            for c in 0..<channels {
                var batch: [PulseRun] = []
                while cursors[c] < perChannel[c].count, perChannel[c][cursors[c]].start < edge {
                    batch.append(perChannel[c][cursors[c]])
                    cursors[c] += 1
                }
                if !batch.isEmpty { batches.append(batch) }
            }
            edge += Self.batchSpan
        }
        self.batches = batches
    }

    /// Every batch as RUNS frames, encoded as SerialTransport does it: each channel's stream
    /// carried on from frame to frame, a frame closed when the next entry would not fit.
    /// With `keepAlives`, a KEEPALIVE goes out every `keepAliveSpacing` of programme time as the engine sends one.
    /// Returns how many frames were appended to `out`.
    func encode(into out: inout [UInt8], keepAlives: Bool = false) -> Int {
        var streams = Array(repeating: RunStream(), count: channels)
        var sequence: UInt8 = 0
        var frames = 0
        var nextKeepAlive = origin
        func send(_ message: HostMessage) {
            out.append(contentsOf: message.frame(sequence: sequence).encoded())
            sequence &+= 1
            frames += 1
        }
        for batch in batches {
            if keepAlives, batch[0].start >= nextKeepAlive {
                send(.keepAlive)
                nextKeepAlive += Self.keepAliveSpacing
            }
            let c = batch[0].channel - 1
            for payload in streams[c].payloads(batch.map(RunEntry.init)) {
                send(.runs(channel: UInt8(c + 1), entries: payload))
            }
        }
        return frames
    }

    /// What the host sends over `span`: the RUNS frames and the engine's keep-alives.
    func hostStream() -> (bytes: [UInt8], frames: Int) {
        var out: [UInt8] = []
        let frames = encode(into: &out, keepAlives: true)
        return (out, frames)
    }

    /// What a device sends back over `span`: an ACK for each host frame and every channel's
    /// telemetry at the emulator's fastest, every 50 ms.
    func deviceStream(acknowledging hostFrames: Int) -> (bytes: [UInt8], frames: Int) {
        var out: [UInt8] = []
        var sequence: UInt8 = 0
        var frames = 0
        let reports = Int(span.nanoseconds / 50_000_000)
        let acksPerReport = max(1, hostFrames / max(1, reports))
        var time: UInt64 = 1_000_000_000
        for acked in 0..<hostFrames {
            DeviceMessage.ack(sequence: UInt8(truncatingIfNeeded: acked), result: .ok, detail: 0, deviceTime: time)
                .frame(sequence: sequence).appendEncoded(to: &out)
            sequence &+= 1
            frames += 1
            time += 3_000_000
            guard acked % acksPerReport == 0 else { continue }
            for channel in 1...channels {
                DeviceMessage.telemetry(channel: UInt8(channel), deliveredMicroamps: 20_000, impedanceOhms: 1_000,
                                        contact: .ok, deviceTime: time)
                    .frame(sequence: sequence).appendEncoded(to: &out)
                sequence &+= 1
                frames += 1
            }
        }
        return (out, frames)
    }
}
