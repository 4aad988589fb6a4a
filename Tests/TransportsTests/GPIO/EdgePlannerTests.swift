import StimulationCore
import Testing
@testable import Transports

/// The order a bridge needs within a pulse: code, leg on, leg off with the code back to 0, dead time, the other leg.
@Suite struct EdgePlannerTests {
    static let board = try! BoardLoader.load(path: BoardLoaderTests.boards + "/gpio-sim.toml")

    @Test func aBiphasicPulseIsCodeLegOffDeadTimeOtherLeg() {
        let planner = EdgePlanner(board: Self.board)
        let lines = planner.layout.channels[0]
        let pulse = PulseShape.symmetricBiphasic.pulse(amplitude: .milliamps(20), width: .microseconds(200), period: .milliseconds(10))
        let edges = planner.edges(for: PulseRun(channel: 1, start: .milliseconds(5), period: .milliseconds(10), count: 1,
                                                pulse: pulse, alternates: false))
        let code7 = lines.code(7)
        let at = TimeSpan.milliseconds(5)
        #expect(edges == [
            Edge(time: .milliseconds(5), channel: 1, bits: code7, mask: lines.dac, role: .code, pulse: at, first: true),
            Edge(time: .milliseconds(5), channel: 1, bits: lines.anode, mask: lines.legs, role: .on(planned: .microseconds(200)), pulse: at),
            Edge(time: .microseconds(5_200), channel: 1, bits: 0, mask: lines.legs | lines.dac, role: .off, pulse: at),
            // 10 µs dead time: the cathode starts after it, and still lasts its full 200 µs.
            Edge(time: .microseconds(5_210), channel: 1, bits: code7, mask: lines.dac, role: .code, pulse: at),
            Edge(time: .microseconds(5_210), channel: 1, bits: lines.cathode, mask: lines.legs, role: .on(planned: .microseconds(200)), pulse: at),
            Edge(time: .microseconds(5_410), channel: 1, bits: 0, mask: lines.legs | lines.dac, role: .off, pulse: at, last: true),
        ])
    }

    @Test func legsAndCodesOfEachChannelAreItsOwnLines() {
        let layout = BoardLayout(Self.board)
        #expect(layout.channels[0].anode == 1 << 2 && layout.channels[0].cathode == 1 << 3)
        #expect(layout.channels[0].dacBits == [1 << 4, 1 << 5, 1 << 6, 1 << 7])
        #expect(layout.channels[1].anode == 1 << 8)
        #expect(layout.channels[0].code(0b1010) == (1 << 5 | 1 << 7))
        #expect(layout.channels[0].legs & layout.channels[1].legs == 0)
        #expect(layout.output & BoardLayout.heartbeat == 0)
        #expect(layout.output & BoardLayout.enable != 0)
    }

    @Test func aPhaseThatNeverSwitchesLegsNeedsNoDeadTimeAndGapsPassUnplayed() {
        let planner = EdgePlanner(board: Self.board)
        let pulse = PulseShape.twinPeak(separation: .microseconds(500), polarity: .positive)
            .pulse(amplitude: .milliamps(10), width: .microseconds(100), period: .milliseconds(10))
        let ons = planner.edges(for: PulseRun(channel: 2, start: .zero, period: .milliseconds(10), count: 2, pulse: pulse, alternates: false))
            .filter { if case .on = $0.role { true } else { false } }
        #expect(ons.map(\.time) == [.zero, .microseconds(500), .milliseconds(10), .microseconds(10_500)])
        #expect(Set(ons.map(\.bits)) == [planner.layout.channels[1].anode])
    }
}

extension EdgePlannerTests {
    /// Microcurrent's square wave fills its period: there is no room to move a phase into, so each phase gives up
    /// half the dead time where it meets the other leg, equally for both polarities, and no phase reaches the next pulse.
    @Test func aSquareWaveKeepsTheDeadTimeAtEverySwitchAndStaysBalanced() {
        let planner = EdgePlanner(board: Self.board)
        let pulse = PulseShape.squareWave.pulse(amplitude: .microamps(500), width: .zero, period: .milliseconds(10))
        let edges = planner.edges(for: PulseRun(channel: 1, start: .zero, period: .milliseconds(10), count: 3, pulse: pulse,
                                                alternates: false))
        var open: (leg: UInt64, since: TimeSpan, planned: TimeSpan)?
        var lastOff: (leg: UInt64, at: TimeSpan)?
        var lengths: [UInt64: TimeSpan] = [:]
        for edge in edges {
            switch edge.role {
            case .code: continue
            case .on(let planned):
                #expect(open == nil, "a leg went on while \(open!) was still on at \(edge.time)")
                if let lastOff, lastOff.leg != edge.bits { #expect(edge.time - lastOff.at >= Self.board.deadTime, "at \(edge.time)") }
                open = (edge.bits, edge.time, planned)
                lengths[edge.bits, default: .zero] += planned
            case .off:
                #expect(edge.time - open!.since == open!.planned, "the off edge ends the phase it planned")
                lastOff = (open!.leg, edge.time)
                open = nil
            }
        }
        let lines = planner.layout.channels[0]
        #expect(lengths[lines.anode] == lengths[lines.cathode])
        #expect(lengths[lines.anode] == .microseconds(3 * (5_000 - 10)), "each phase gives up 5 µs at each of its two switches")
        #expect(edges.last!.time <= .milliseconds(30) - .microseconds(5))
    }

    @Test func alternatingPulsesLeaveTheDeadTimeBetweenPulsesToo() {
        let planner = EdgePlanner(board: Self.board)
        let pulse = PulseShape.monophasic(polarity: .alternating).pulse(amplitude: .milliamps(10), width: .microseconds(200),
                                                                        period: .milliseconds(1))
        let ons = planner.edges(for: PulseRun(channel: 1, start: .zero, period: .milliseconds(1), count: 4, pulse: pulse, alternates: true))
            .filter { if case .on = $0.role { true } else { false } }
        #expect(ons.map(\.time) == [.zero, .milliseconds(1), .milliseconds(2), .milliseconds(3)])
        #expect(ons.map(\.bits) == [planner.layout.channels[0].anode, planner.layout.channels[0].cathode,
                                    planner.layout.channels[0].anode, planner.layout.channels[0].cathode])
    }
}
