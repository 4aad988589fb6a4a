import StimulationCore
import Testing
import Transports
@testable import StimulationEngine

/// A busy host ticks late. What that means for the patient depends on whether the queued lookahead
/// covered the delay (nothing happened), or output really ran out (a gap: recorded, never replayed late,
/// and after 100 ms resumed only from zero).
struct OutputGapTests {
    /// Twelve seconds in: channel 1 has ramped to its 20 mA target.
    static func atTarget() throws -> EngineHarness {
        var h = EngineHarness(try EngineHarness.bundled("tens-conventional"))
        h.startSession()
        h.run(for: .seconds(12))
        #expect(h.snapshot.channels[0].commanded == .milliamps(20))
        return h
    }

    static func gaps(_ h: EngineHarness) -> [(length: TimeSpan, softStart: Bool)] {
        h.events.compactMap { if case .outputGap(let length, let softStart) = $0.kind { (length, softStart) } else { nil } }
    }

    /// How long after now the queue runs dry: the last fill queued up to it.
    static func queued(_ h: EngineHarness) throws -> TimeSpan { try #require(h.coveredUntil) - h.now }

    @Test func aLateTickThatTheQueueCoveredChangesNothing() throws {
        var h = try Self.atTarget()
        // A tick late by all but 5 ms of what was queued: the device is still playing what it was given.
        let late = try Self.queued(h) - .milliseconds(5)
        h.run(for: late, step: late)
        h.run(for: .seconds(1))
        #expect(h.state == .running)
        #expect(Self.gaps(h).isEmpty)
        #expect(h.snapshot.outputGaps == OutputGaps())
        #expect(h.snapshot.alarms.isEmpty)
        #expect(h.snapshot.channels[0].commanded == .milliamps(20))
    }

    @Test func aShortGapIsRecordedAndOutputPicksUpAtItsAmplitudeFromNow() throws {
        var h = try Self.atTarget()
        let before = h.now
        let late = try Self.queued(h) + .milliseconds(60)
        h.run(for: late, step: late)
        // 60 ms past the end of what was queued: 60 ms with no output.
        #expect(Self.gaps(h).map(\.length) == [.milliseconds(60)])
        #expect(Self.gaps(h).map(\.softStart) == [false])
        #expect(h.state == .running)
        #expect(h.snapshot.alarms.isEmpty)
        #expect(h.snapshot.channels[0].commanded == .milliamps(20))
        // Nothing for the missed stretch is sent late: every run queued after the gap starts at or after it ends.
        let sentLate = h.transport.submitted.filter { $0.at == h.now && $0.run.start < h.now }
        #expect(sentLate.isEmpty)
        #expect(h.transport.submitted.contains { $0.at == h.now && $0.run.start >= before + late })
    }

    @Test func aGapLongerThan100MillisecondsResumesByAFreshSoftStart() throws {
        var h = try Self.atTarget()
        let late = try Self.queued(h) + .milliseconds(101)
        h.run(for: late, step: late)
        #expect(Self.gaps(h).map(\.length) == [.milliseconds(101)])
        #expect(Self.gaps(h).map(\.softStart) == [true])
        #expect(h.state == .running)
        #expect(h.snapshot.channels[0].commanded == .zero)
        // What was queued is the first 100 ms (the device's lookahead) of a 2 mA/s ramp in 50 ms stairs: 0, then 0.1 mA.
        #expect(h.transport.runs(after: h.now).allSatisfy { $0.pulse.peak <= .milliamps(0.1) })
        h.run(for: .seconds(1))
        // 2 mA/s, the TENS soft-start rate: a second later the channel is at 2 mA, not back at 20.
        #expect(h.snapshot.channels[0].commanded == .milliamps(2))
        #expect(h.snapshot.outputGaps.restarts == 1)
    }

    @Test func aGapOfExactly100MillisecondsDoesNotRestart() throws {
        var h = try Self.atTarget()
        let late = try Self.queued(h) + .milliseconds(100)
        h.run(for: late, step: late)
        #expect(Self.gaps(h).map(\.softStart) == [false])
        #expect(h.snapshot.channels[0].commanded == .milliamps(20))
    }

    @Test func gapTimeIsNotCountedAsDelivered() throws {
        var h = EngineHarness(try EngineHarness.bundled("tens-conventional"))
        h.startSession()
        h.run(for: .seconds(10))
        let queued = try Self.queued(h)
        h.run(for: .seconds(2), step: .seconds(2))
        h.runUntilOver()
        let gap = try #require(Self.gaps(h).first).length
        #expect(gap == .seconds(2) - queued)
        #expect(h.snapshot.outputGaps.total == gap)
        #expect(h.summary.deliveredPerProgramme.first?.time == .minutes(20) - gap)
        #expect(h.state == .finished)
    }
}
