import StimulationCore
import Transports

extension Engine {
    /// Line rates a serial adapter commonly offers, for saying what a protocol would need.
    static let standardBauds = [115_200, 230_400, 460_800, 921_600, 1_000_000, 2_000_000, 3_000_000, 4_000_000]

    /// Refuses, before anything starts, a protocol whose busiest second the line cannot carry: on a slow line
    /// the runs fall behind, arrive after their time and the session ends on a timeout mid-treatment.
    /// Each programme is played through its soft start and one whole pattern (sweep, duty or dense–disperse
    /// cycle) with the programme's own target, as the engine would send it; nil when it fits.
    func linkBudgetRefusal(_ governor: SafetyGovernor, lineBytesPerSecond: Int) -> String? {
        let usable = lineBytesPerSecond * policy.lineSharePercent / 100
        var busiest: (bytes: Int, programme: Int, second: Int64) = (0, 0, 0)
        // Runs leave in batches as often as the engine refills: at half its lead for this device.
        let batch = TimeSpan(nanoseconds: lookahead(for: governor.capabilities).nanoseconds / 2)
        for index in therapyProtocol.programmes.indices {
            var demand = LinkDemand(channels: therapyProtocol.channels)
            let window = demandWindow(index, governor)
            var cursors = (1...therapyProtocol.channels).map { channel -> PulseCursor in
                let target = min(therapyProtocol.programmes[index].amplitude.target,
                                 governor.ceiling(programme: index, channel: channel).amplitude)
                var runtime = ChannelRuntime()
                runtime.target = target
                return PulseCursor(plan: governor.plan(programme: index, channel: channel), origin: .zero,
                                   envelope: runtime.envelope(rate: governor.rampRate(programme: index), step: policy.softStartStep),
                                   from: .zero)
            }
            var batchEnd = batch
            while batchEnd <= window {
                for c in cursors.indices {
                    var runs: [PulseRun] = []
                    while let run = cursors[c].nextRun(before: batchEnd) { runs.append(run) }
                    demand.add(runs)
                }
                batchEnd += batch
            }
            if let found = demand.busiestSecond, found.bytes > busiest.bytes { busiest = (found.bytes, index, found.second) }
        }
        // Keep-alives share the line with the runs. Refilling, one goes with the first wake from `keepAliveFrom` after the
        // last, and wakes come a rhythm apart: never closer than the longer of the two.
        let keepAlive = HostMessage.keepAlive.frame(sequence: 0).encoded().count
        let rhythm = Self.rhythm(lead: lookahead(for: governor.capabilities))
        let spacing = max(policy.keepAliveInterval - rhythm, rhythm, EngineTiming.tick)
        let keepAlives = Int(1_000_000_000 / spacing.nanoseconds) + 1
        let needed = busiest.bytes + keepAlive * keepAlives
        guard needed > usable else { return nil }
        let baud = Self.standardBauds.first { $0 / 10 * policy.lineSharePercent / 100 >= needed }
        let advice = baud.map { "use a line of at least \($0) baud (serial:PATH@\($0))" }
            ?? "no serial line is fast enough; use a device that makes its own carrier"
        return "\(therapyProtocol.id) needs up to \(needed) bytes/s on the line (programme \(busiest.programme + 1), "
            + "second \(busiest.second + 1)), but \(transport.name) carries \(lineBytesPerSecond) bytes/s and Galvani uses "
            + "at most \(policy.lineSharePercent) % of it: \(advice)"
    }

    /// The stretch of a programme that shows its busiest second: the soft start, then one whole pattern.
    private func demandWindow(_ index: Int, _ governor: SafetyGovernor) -> TimeSpan {
        let programme = therapyProtocol.programmes[index]
        let rate = governor.rampRate(programme: index).microamps
        let rampTime = rate > 0 ? TimeSpan.seconds(programme.amplitude.target.microamps / rate + 1) : .zero
        let pattern = ([programme.duty?.cycle, programme.denseDisperse.map { $0.switchEvery * 2 }] + programme.sweeps.map(\.cycle))
            .compactMap { $0 }.max() ?? .seconds(1)
        return min(programme.duration, rampTime + min(pattern, policy.longestSweepCycle) + .seconds(1))
    }
}
