import StimulationCore
import Testing
@testable import Transports

/// The output thread's rules, on a clock the test moves: edges at their times, ENABLE only while delivering,
/// a stretched phase stopping everything, a stop from any thread winning over a queued edge.
@Suite struct EdgePlayerTests {
    let board = EdgePlannerTests.board
    let clock = SteppedClock()
    let lines: RecordedLines
    let player: EdgePlayer
    let planner: EdgePlanner

    init() {
        lines = RecordedLines(clock: clock)
        planner = EdgePlanner(board: board)
        player = EdgePlayer(settings: .init(layout: planner.layout, offset: 0, tolerance: .milliseconds(2), deadTime: board.deadTime,
                                            heartbeatPeriod: board.heartbeatPeriod, watchdog: .milliseconds(250), idleOff: .milliseconds(20)),
                            output: lines, clock: clock)
    }

    var ch1: BoardLayout.Channel { planner.layout.channels[0] }

    func queuePulse(at start: TimeSpan, amplitude: Current = .milliamps(20)) {
        let pulse = PulseShape.symmetricBiphasic.pulse(amplitude: amplitude, width: .microseconds(200), period: .milliseconds(10))
        player.enqueue(planner.edges(for: PulseRun(channel: 1, start: start, period: .milliseconds(10), count: 1,
                                                   pulse: pulse, alternates: false)))
    }

    /// Steps the player at `t` (ns) as the output thread would, having slept until then.
    func step(at t: Int64) {
        clock.set(t)
        _ = player.step()
    }

    @Test func edgesPlayAtTheirTimesWithEnableOnlyWhileDelivering() {
        queuePulse(at: .milliseconds(5))
        step(at: 1_000_000)
        #expect(lines.value & BoardLayout.enable != 0, "ENABLE goes on once output is queued")
        #expect(lines.value & ch1.legs == 0)
        step(at: 5_000_000)
        #expect(lines.value & ch1.legs == ch1.anode)
        #expect(lines.value & ch1.dac == ch1.code(7))
        step(at: 5_200_000)
        #expect(lines.value & (ch1.legs | ch1.dac) == 0)
        step(at: 5_210_000)
        #expect(lines.value & ch1.legs == ch1.cathode)
        step(at: 5_410_000)
        #expect(lines.value & ch1.legs == 0)
        #expect(player.takeFailure() == nil)
        // Nothing more queued: ENABLE goes off once the stage has been idle for 20 ms.
        step(at: 20_000_000)
        #expect(lines.value & BoardLayout.enable != 0)
        step(at: 26_000_000)
        #expect(lines.value & (BoardLayout.enable | BoardLayout.heartbeat) == 0)
    }

    @Test func theHeartbeatTogglesOnlyWhileOutputIsAllowed() {
        step(at: 0)
        #expect(lines.changes.isEmpty, "nothing queued: no ENABLE, no heartbeat")
        player.enqueue(planner.edges(for: PulseRun(channel: 1, start: .milliseconds(100), period: .milliseconds(10), count: 1,
                                                   pulse: PulseShape.monophasic(polarity: .positive).pulse(
                                                       amplitude: .milliamps(5), width: .microseconds(200), period: .milliseconds(10)),
                                                   alternates: false)))
        var seen: [Bool] = []
        for t in stride(from: Int64(0), through: 60_000_000, by: 5_000_000) {
            player.alive()
            step(at: t)
            seen.append(lines.value & BoardLayout.heartbeat != 0)
        }
        #expect(seen.contains(true) && seen.contains(false), "\(seen)")
    }

    @Test func aPhaseStretchedBeyondTheToleranceStopsEverythingAndSaysByHowMuch() throws {
        queuePulse(at: .milliseconds(5))
        step(at: 5_000_000)
        #expect(lines.value & ch1.anode != 0)
        // The thread is held off for 3 ms: the anode phase lasts 3 ms instead of 200 µs.
        step(at: 8_000_000)
        #expect(lines.value & (planner.layout.output | BoardLayout.heartbeat) == 0, "every leg, code and ENABLE off")
        let failure = try #require(player.takeFailure())
        #expect(failure == "a phase on channel 1 lasted 3 ms instead of 200 µs (2.8 ms over, beyond the board's 2 ms): it carried "
            + "more charge than was admitted, so output stopped", "\(failure)")
        #expect(player.takeFailure() == nil, "said once")
        // The cathode phase queued behind it never plays.
        step(at: 9_000_000)
        #expect(lines.value & ch1.legs == 0)
    }

    @Test func aStretchWithinTheToleranceIsMeasuredAndPlaysOn() {
        queuePulse(at: .milliseconds(5))
        step(at: 5_000_000)
        step(at: 6_000_000)
        #expect(player.takeFailure() == nil)
        #expect(EdgeTiming.maximum(player.timing.stretch) == 800)
    }

    @Test func aPulseWhoseStartIsAlreadyTooLateIsSkippedWhole() {
        queuePulse(at: .milliseconds(5))
        step(at: 5_000_000 + 2_500_000)
        // The pulse's start is more than 2 ms late: neither of its legs went on, so no phase lacks its partner.
        #expect(lines.changes.allSatisfy { $0.bits & ch1.legs == 0 })
        #expect(player.timing.skippedPulses == 1)
        #expect(player.takeFailure() == nil)
    }

    /// Woken 90 µs late, inside the tolerance: each phase still lasts its 200 µs (the rest of the pulse moves with
    /// it), and the next pulse, due just as the delayed one ends, waits out the dead time before its other leg.
    @Test func aLateWakeKeepsEveryPhaseWholeAndTheDeadTimeBetweenLegs() throws {
        let pulse = PulseShape.symmetricBiphasic.pulse(amplitude: .milliamps(20), width: .microseconds(200), period: .microseconds(500))
        player.enqueue(planner.edges(for: PulseRun(channel: 1, start: .milliseconds(5), period: .microseconds(500), count: 2,
                                                   pulse: pulse, alternates: false)))
        for t: Int64 in [5_090_000, 5_289_000, 5_290_000, 5_300_000, 5_500_000] { step(at: t) }
        let legs = lines.changes.filter { $0.mask & ch1.legs != 0 }
        #expect(legs.map(\.at) == [5_090_000, 5_290_000, 5_300_000, 5_500_000, 5_510_000],
                "anode 200 µs, dead time, cathode 200 µs, then the next anode 10 µs after the cathode went off")
        #expect(legs.map { $0.bits & ch1.legs } == [ch1.anode, 0, ch1.cathode, 0, ch1.anode])
        #expect(player.takeFailure() == nil)
    }

    /// The operator's STOP from the key's thread latches: runs the engine queues before it has taken the stop in
    /// never reach the lines; the engine's own stop releases the latch.
    @Test func theKeysStopLatchesUntilTheEngineHasTakenItIn() {
        queuePulse(at: .milliseconds(5))
        step(at: 1_000_000)
        player.cut(latch: true)
        queuePulse(at: .milliseconds(15))
        for t in stride(from: Int64(1_000_000), through: 40_000_000, by: 100_000) { step(at: t) }
        #expect(lines.changes.allSatisfy { $0.bits & ch1.legs == 0 }, "no leg went on after the stop")
        #expect(!player.isEnabled)
        player.cut()
        player.unlatch()
        queuePulse(at: .milliseconds(45))
        step(at: 45_000_000)
        #expect(lines.value & ch1.legs == ch1.anode)
    }

    @Test func aStopFromAnotherThreadWinsOverEveryQueuedEdge() async {
        for n in 0..<50 { queuePulse(at: .milliseconds(5 + 10 * Int64(n))) }
        step(at: 5_000_000)
        #expect(lines.value & ch1.anode != 0)
        await Task.detached { [player] in player.cut() }.value
        #expect(lines.value & (planner.layout.output | BoardLayout.heartbeat) == 0)
        for t in stride(from: Int64(5_000_000), through: 600_000_000, by: 1_000_000) { step(at: t) }
        #expect(lines.value & (planner.layout.output | BoardLayout.heartbeat) == 0)
        #expect(player.takeFailure() == nil, "an operator's stop is not a fault")
    }

    @Test func anEngineThatFallsSilentHasItsOutputCut() throws {
        for n in 0..<100 { queuePulse(at: .milliseconds(5 + 10 * Int64(n))) }
        step(at: 1_000_000)
        #expect(lines.value & BoardLayout.enable != 0)
        for t in stride(from: Int64(2_000_000), through: 300_000_000, by: 1_000_000) { step(at: t) }
        #expect(lines.value & planner.layout.output == 0)
        #expect(try #require(player.takeFailure()).hasPrefix("the engine was not heard from for 251 ms (more than 250 ms)"))
    }

    @Test func aLineThatCannotBeSetStopsOutputWithTheKernelsWords() throws {
        queuePulse(at: .milliseconds(5))
        step(at: 1_000_000)
        lines.failing.store(true, ordering: .relaxed)
        step(at: 5_000_000)
        #expect(try #require(player.takeFailure()) == "a GPIO line could not be set: cannot set lines of /dev/gpiochip9: Input/output error")
    }
}
