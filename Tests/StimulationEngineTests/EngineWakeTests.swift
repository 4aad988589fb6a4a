import StimulationCore
import Testing
import Transports
@testable import StimulationEngine

/// The engine thread sleeps until `nextWake`: it must be soon enough for every job and no sooner.
struct EngineWakeTests {
    @Test func idleTheEngineOnlyReadsReportsEvery40Milliseconds() throws {
        let h = EngineHarness(try EngineHarness.bundled("tens-conventional"))
        #expect(h.nextWake(after: .milliseconds(50)) == .milliseconds(90))
    }

    @Test func runningItRefillsWhenHalfTheLookaheadIsLeft() throws {
        var h = EngineHarness(try EngineHarness.bundled("tens-conventional"))
        h.startSession()
        h.run(for: .seconds(1))
        // The last fill queued to 1.08 s: half of the 80 ms lookahead is left at 1.04 s.
        #expect(h.coveredUntil == .milliseconds(1080))
        #expect(h.nextWake(after: h.now) == .milliseconds(1040))
    }

    @Test func aDeviceThatHoldsLessIsRefilledSooner() throws {
        let transport = RecordingTransport()
        transport.capabilities.lookahead = .milliseconds(30)
        var h = EngineHarness(try EngineHarness.bundled("tens-conventional"), transport: transport)
        h.startSession()
        h.run(for: .seconds(1))
        #expect(h.coveredUntil == .milliseconds(1030))
        #expect(h.nextWake(after: h.now) == .milliseconds(1015))
    }

    @Test func aKeepAliveGoesWithTheFirstWakeFrom60Milliseconds() throws {
        var h = EngineHarness(try EngineHarness.bundled("tens-conventional"))
        h.run(for: .milliseconds(55), step: .milliseconds(55))
        #expect(h.transport.keepAlives.isEmpty)
        h.run(for: .milliseconds(5), step: .milliseconds(5))
        #expect(h.transport.keepAlives == [.milliseconds(60)])
    }

    @Test func itStillWakesForAKeepAliveNoWakeWouldCarry() throws {
        var h = EngineHarness(try EngineHarness.bundled("tens-conventional"))
        h.run(for: .milliseconds(59), step: .milliseconds(59))
        #expect(h.transport.keepAlives.isEmpty)
        // The report read at 99 ms carries it. Were the next wake planned any later, it would still come when the keep-alive falls due.
        #expect(h.nextWake(after: h.now) == .milliseconds(99))
        #expect(h.nextWake(after: .milliseconds(70)) == .milliseconds(100))
    }

    /// The engine thread's own loop, on the stepped clock: each wake where `nextWake` puts it, over 10 s of a session.
    @Test func runningEveryWakeRefillsOrReadsReportsAndKeepAlivesRideAlong() throws {
        var h = EngineHarness(try EngineHarness.bundled("tens-conventional"))
        h.startSession()
        var wakes = 0
        while h.now < .seconds(10) {
            h.run(for: h.nextWake(after: h.now) - h.now, step: .seconds(1))
            wakes += 1
        }
        // Refills and reports share a 40 ms rhythm: 250 wakes in 10 s, none for a keep-alive alone.
        #expect(wakes <= 251)
        let apart = zip(h.transport.keepAlives, h.transport.keepAlives.dropFirst()).map { $1 - $0 }
        #expect(apart.allSatisfy { $0 <= .milliseconds(100) }, "a keep-alive was late: \(apart.max() ?? .zero)")
        #expect(apart.count >= 120)
    }

    @Test func itWakesWhenTheTransportMustSendWhatItHolds() throws {
        let h = EngineHarness(try EngineHarness.bundled("tens-conventional"))
        h.transport.nextSend = .milliseconds(57)
        #expect(h.nextWake(after: .milliseconds(50)) == .milliseconds(57))
        // Never sooner than one tick: a transport asking for the past is served at the next tick, not in a spin.
        h.transport.nextSend = .milliseconds(10)
        #expect(h.nextWake(after: .milliseconds(50)) == .milliseconds(55))
    }
}
