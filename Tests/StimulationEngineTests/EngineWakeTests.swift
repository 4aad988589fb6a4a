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

    @Test func itWakesWhenTheKeepAliveIsDue() throws {
        var h = EngineHarness(try EngineHarness.bundled("tens-conventional"))
        h.run(for: .milliseconds(95), step: .milliseconds(95))
        #expect(h.transport.keepAlives.isEmpty)
        #expect(h.nextWake(after: h.now) == .milliseconds(100))
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
