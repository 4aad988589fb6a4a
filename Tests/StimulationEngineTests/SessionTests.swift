import StimulationCore
import Testing
import Transports
@testable import StimulationEngine

@Suite struct SessionTests {
    @Test func theStateMachineRunsScreeningReadyRunningPausedAndStopped() throws {
        var h = EngineHarness(try EngineHarness.bundled("tens-conventional"))
        #expect(h.state == .idle)
        h.send(.start)
        #expect(h.state == .idle)
        #expect(h.events.contains { if case .commandRefused = $0.kind { true } else { false } })
        h.send(.beginScreening)
        #expect(h.state == .screening)
        h.send(.recordScreening(answers: EngineHarness.clearScreening, overrideReason: nil))
        #expect(h.state == .ready)
        h.send(.start)
        #expect(h.state == .running)
        h.run(for: .seconds(1))
        h.send(.pause)
        #expect(h.state == .paused)
        h.send(.resume)
        #expect(h.state == .running)
        h.send(.stop)
        #expect(h.state == .stopped)
        #expect(h.transport.stopAllTimes.last == h.now)
    }

    @Test func aPositiveScreeningBlocksUnlessOverriddenWithAReason() throws {
        var h = EngineHarness(try EngineHarness.bundled("tens-conventional"))
        var answers = EngineHarness.clearScreening
        answers[.pregnancy] = true
        h.send(.beginScreening)
        h.send(.recordScreening(answers: answers, overrideReason: nil))
        #expect(h.state == .screening)
        #expect(h.events.contains { $0.kind == .screeningBlocked([.pregnancy]) })
        h.send(.recordScreening(answers: answers, overrideReason: "  "))
        #expect(h.state == .screening)
        h.send(.recordScreening(answers: answers, overrideReason: "placement on the forearm, obstetrician consulted"))
        #expect(h.state == .ready)
        var incomplete = EngineHarness.clearScreening
        incomplete[.epilepsy] = nil
        var other = EngineHarness(try EngineHarness.bundled("tens-conventional"))
        other.send(.recordScreening(answers: incomplete, overrideReason: nil))
        #expect(other.state == .idle)
    }

    @Test func everyStartRampsFromZeroAtTheSoftStartRate() throws {
        var h = EngineHarness(try EngineHarness.bundled("tens-conventional"))
        h.startSession()
        h.run(for: .seconds(12))
        let runs = h.transport.submitted.map(\.run).filter { $0.channel == 1 }
        #expect(runs.first!.pulse.peak < .milliamps(1))
        // 2 mA/s: the clinic's soft-start rate for TENS (SafetyLimit.rampRate).
        let rate: Int64 = 2_000
        for run in runs {
            #expect(run.pulse.peak.microamps <= rate * run.start.nanoseconds / 1_000_000_000 + 1)
        }
        // 20 mA at 2 mA/s: reached by 10 s.
        #expect(h.snapshot.channels[0].commanded == .milliamps(20))
    }

    @Test func aSoftStartClimbsInStairsNoTallerThanItsRateOver50Milliseconds() throws {
        var h = EngineHarness(try EngineHarness.bundled("tens-conventional"))
        h.startSession()
        h.run(for: .seconds(12))
        let peaks = h.transport.submitted.map(\.run).filter { $0.channel == 1 }.flatMap { Array($0.expanded) }.map(\.pulse.peak)
        let levels = zip(peaks, peaks.dropFirst()).filter { $0 != $1 }
        // 2 mA/s held for 50 ms (SafetyLimit.softStartStep): 100 µA a stair, 200 stairs to 20 mA.
        #expect(levels.allSatisfy { $1 > $0 && $1.microamps - $0.microamps <= 101 }, "\(levels.prefix(5))")
        #expect((199...201).contains(levels.count), "\(levels.count) levels")
    }

    @Test func theTimerStopsWhilePausedAndProgrammesRunInSequence() throws {
        var h = EngineHarness(try EngineHarness.bundled("microcurrent-pain-recovery"))
        h.startSession()
        h.run(for: .minutes(1), step: .milliseconds(20))
        h.send(.pause)
        h.run(for: .minutes(3), step: .milliseconds(20))
        #expect(h.snapshot.programmeElapsed == .minutes(1))
        h.send(.resume)
        h.run(for: .minutes(4) + .milliseconds(20), step: .milliseconds(20))
        #expect(h.snapshot.programmeIndex == 1)
        #expect(h.events.contains { $0.kind == .programmeStarted(index: 1, name: "Relief and early recovery") })
    }

    @Test func aProgrammeChangeRampsDownAndUpAgain() throws {
        var h = EngineHarness(try EngineHarness.bundled("microcurrent-pain-recovery"))
        h.startSession()
        h.run(for: .minutes(5) - .milliseconds(100), step: .milliseconds(20))
        let before = h.transport.stopAllTimes.count
        h.run(for: .milliseconds(200), step: .milliseconds(20))
        #expect(h.transport.stopAllTimes.count == before + 1)
        let firstOfNext = h.transport.runs(after: h.transport.stopAllTimes.last!).first { $0.channel == 1 }!
        #expect(firstOfNext.pulse.peak < .microamps(50))
    }

    @Test(arguments: ["tens-conventional", "microcurrent-pain-recovery", "russian-10-50-10", "electroacupuncture-dense-disperse",
                      "high-volt-pulsed-wound", "tens-modulated", "ems-strengthening"])
    func aBundledProtocolRunsToTheEndWithTheExpectedEvents(id: String) throws {
        let therapyProtocol = try EngineHarness.bundled(id)
        var h = EngineHarness(therapyProtocol)
        h.startSession()
        var completed: [(Int, TimeSpan)] = []
        while !h.state.isOver, h.now < .minutes(120) {
            h.run(for: .milliseconds(20), step: .milliseconds(20))
            for event in h.events {
                if case .programmeCompleted(let index, let delivered) = event.kind { completed.append((index, delivered)) }
                if case .alarmRaised(let alarm) = event.kind { Issue.record("unexpected alarm: \(alarm.message)") }
            }
            h.events.removeAll()
        }
        #expect(h.state == .finished)
        #expect(completed.map(\.0) == Array(therapyProtocol.programmes.indices))
        #expect(completed.map(\.1) == therapyProtocol.programmes.map(\.duration))
        #expect(h.summary.deliveredPerProgramme.map(\.time) == therapyProtocol.programmes.map(\.duration))
        #expect(h.transport.submitted.allSatisfy { $0.run.start < h.now })
    }
}
