/// Traffic over a stretch of a session, each way.
struct LinkRate {
    /// 8N1 spends ten bit times on each byte, so 115200 baud carries 11,520 bytes a second each way.
    static let capacity = 115_200.0 / 10

    var seconds: Double
    var hostToDevice: Double
    var deviceToHost: Double
    var framesToDevice: Double
    var framesToHost: Double

    init(from a: LinkSample, to b: LinkSample) {
        seconds = Double(b.time - a.time) / 1e9
        hostToDevice = Double(b.bytesWritten - a.bytesWritten) / seconds
        deviceToHost = Double(b.bytesRead - a.bytesRead) / seconds
        framesToDevice = Double(b.framesWritten - a.framesWritten) / seconds
        framesToHost = Double(b.framesRead - a.framesRead) / seconds
    }

    /// A busiest window: its rate in bytes/s and where it starts, in seconds since the session started.
    struct Peak {
        var rate = 0.0
        var from = 0.0
    }

    /// The busiest window of at least `span` ns, each direction on its own: the two peaks need not coincide.
    static func peaks(_ samples: [LinkSample], over span: Int64) -> (hostToDevice: Peak, deviceToHost: Peak)? {
        var best: (hostToDevice: Peak, deviceToHost: Peak)?
        var j = 0
        for i in samples.indices {
            if j <= i { j = i + 1 }
            while j < samples.count, samples[j].time - samples[i].time < span { j += 1 }
            guard j < samples.count else { break }
            let rate = LinkRate(from: samples[i], to: samples[j])
            let from = Double(samples[i].time) / 1e9
            var next = best ?? (Peak(), Peak())
            if rate.hostToDevice > next.hostToDevice.rate { next.hostToDevice = Peak(rate: rate.hostToDevice, from: from) }
            if rate.deviceToHost > next.deviceToHost.rate { next.deviceToHost = Peak(rate: rate.deviceToHost, from: from) }
            best = next
        }
        return best
    }
}
