import StimulationCore

/// Turns admitted runs into line changes, in the order a bridge needs: code, leg on, leg off (code to 0), dead time,
/// then the other leg. Pure, so the order and the arithmetic are tested without a chip.
///
/// Dead time is made in one of two ways. Where the pulse leaves room before the next one, the later phase starts
/// after the dead time and keeps its full length, so the charge still balances. Where phases fill the whole period
/// (a square wave, the only shape the engine lets fill it), there is no room to move into: each phase gives up half
/// the dead time at every switch of legs, which takes the same charge from a square wave's equal halves and never
/// lets a phase run into the next pulse.
struct EdgePlanner: Sendable {
    let board: Board
    let layout: BoardLayout

    init(board: Board) {
        self.board = board
        layout = BoardLayout(board)
    }

    func edges(for run: PulseRun) -> [Edge] {
        var edges: [Edge] = []
        edges.reserveCapacity(run.count * 6)
        for (start, pulse) in run.expanded {
            let phases = Self.placed(pulse, at: start)
            guard let first = phases.first else { continue }
            let shifted = shift(phases)
            // The next pulse's first phase comes a period later, perhaps on the other leg (alternating trains):
            // the dead time must fit before it.
            let room = shifted.last!.end + board.deadTime <= first.start + run.period
            let pulseEdges = edges.count
            for phase in room ? shifted : trim(phases) where phase.end > phase.start {
                append(phase, channel: run.channel, pulse: first.start, to: &edges)
            }
            if edges.count > pulseEdges {
                edges[pulseEdges].first = true
                edges[edges.count - 1].last = true
            }
        }
        return edges
    }

    /// A non-zero phase where the pulse puts it: its leg (anode for positive current), start, end and current.
    struct Placed: Equatable {
        var positive: Bool
        var start: TimeSpan
        var end: TimeSpan
        var amplitude: Current
    }

    static func placed(_ pulse: Pulse, at start: TimeSpan) -> [Placed] {
        var t = start
        var placed: [Placed] = []
        for phase in pulse.phases {
            if phase.amplitude != .zero {
                placed.append(Placed(positive: phase.amplitude.microamps > 0, start: t, end: t + phase.duration, amplitude: phase.amplitude))
            }
            t = t + phase.duration
        }
        return placed
    }

    /// Each switch of legs closer than the dead time moves the later phase (and everything after it) later.
    private func shift(_ phases: [Placed]) -> [Placed] {
        var shifted: [Placed] = []
        var delay = TimeSpan.zero
        for var phase in phases {
            phase.start = phase.start + delay
            phase.end = phase.end + delay
            if let previous = shifted.last, previous.positive != phase.positive, phase.start < previous.end + board.deadTime {
                let push = previous.end + board.deadTime - phase.start
                delay = delay + push
                phase.start = phase.start + push
                phase.end = phase.end + push
            }
            shifted.append(phase)
        }
        return shifted
    }

    /// Each phase gives up half the dead time on every side where it meets the other leg; the previous and next
    /// pulses are this one again, a period away.
    private func trim(_ phases: [Placed]) -> [Placed] {
        let half = TimeSpan(nanoseconds: (board.deadTime.nanoseconds + 1) / 2)
        return phases.indices.map { i in
            var phase = phases[i]
            let before = i > 0 ? phases[i - 1] : phases.last
            let after = i + 1 < phases.count ? phases[i + 1] : phases.first
            if let before, before.positive != phase.positive { phase.start = phase.start + half }
            if let after, after.positive != phase.positive { phase.end = phase.end - half }
            return phase
        }
    }

    private func append(_ phase: Placed, channel: Int, pulse: TimeSpan, to edges: inout [Edge]) {
        let lines = layout.channels[channel - 1]
        let leg = phase.positive ? lines.anode : lines.cathode
        let code = lines.code(board.channels[channel - 1].code(for: phase.amplitude))
        edges.append(Edge(time: phase.start, channel: channel, bits: code, mask: lines.dac, role: .code, pulse: pulse))
        edges.append(Edge(time: phase.start, channel: channel, bits: leg, mask: lines.legs,
                          role: .on(planned: phase.end - phase.start), pulse: pulse))
        edges.append(Edge(time: phase.end, channel: channel, bits: 0, mask: lines.legs | lines.dac, role: .off, pulse: pulse))
    }
}
