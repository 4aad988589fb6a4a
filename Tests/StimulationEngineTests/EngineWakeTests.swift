import StimulationCore
import Testing
import Transports
@testable import StimulationEngine

/// The engine thread sleeps until `nextWake`: it must be soon enough for every job and no sooner.
struct EngineWakeTests {
    /// A device that holds more than the engine's lead, so the engine's own 160 ms lead applies.
    static func roomy() throws -> EngineHarness {
        let transport = RecordingTransport()
        transport.capabilities.lookahead = .milliseconds(200)
        return EngineHarness(try EngineHarness.bundled("tens-conventional"), transport: transport)
    }

    @Test func idleTheEngineOnlyReadsReportsEvery80Milliseconds() throws {
        let h = EngineHarness(try EngineHarness.bundled("tens-conventional"))
        #expect(h.nextWake(after: .milliseconds(10)) == .milliseconds(90))
    }

    @Test func runningItRefillsWhenHalfTheLookaheadIsLeft() throws {
        var h = try Self.roomy()
        h.startSession()
        h.run(for: .seconds(1))
        // The last fill queued 160 ms ahead; the next comes when half of it is left, before the next report read.
        let covered = try #require(h.coveredUntil)
        #expect(covered - h.now > .milliseconds(80) && covered - h.now <= .milliseconds(160))
        #expect(h.nextWake(after: h.now) == covered - .milliseconds(80))
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

    /// The device holds 100 ms, so the engine refills every 50 ms: a keep-alive may go with any wake from 50 ms on.
    @Test func aKeepAliveGoesWithTheFirstWakeFrom50Milliseconds() throws {
        var h = EngineHarness(try EngineHarness.bundled("tens-conventional"))
        h.run(for: .milliseconds(45), step: .milliseconds(45))
        #expect(h.transport.keepAlives.isEmpty)
        h.run(for: .milliseconds(5), step: .milliseconds(5))
        #expect(h.transport.keepAlives == [.milliseconds(50)])
    }

    /// With the engine's own 160 ms lead it refills every 80 ms: from 20 ms on.
    @Test func withTheWholeLeadAKeepAliveGoesWithTheFirstWakeFrom20Milliseconds() throws {
        var h = try Self.roomy()
        h.run(for: .milliseconds(15), step: .milliseconds(15))
        #expect(h.transport.keepAlives.isEmpty)
        h.run(for: .milliseconds(5), step: .milliseconds(5))
        #expect(h.transport.keepAlives == [.milliseconds(20)])
    }

    @Test func itStillWakesForAKeepAliveNoWakeWouldCarry() throws {
        var h = EngineHarness(try EngineHarness.bundled("tens-conventional"))
        h.run(for: .milliseconds(49), step: .milliseconds(49))
        #expect(h.transport.keepAlives.isEmpty)
        // Idle, the next report read is at 129 ms: the keep-alive falls due first, at 100 ms, and the engine wakes for it.
        #expect(h.nextWake(after: h.now) == .milliseconds(100))
        #expect(h.nextWake(after: .milliseconds(10)) == .milliseconds(90))
    }

    /// The engine thread's own loop, on the stepped clock: each wake where `nextWake` puts it, over 10 s of a session.
    @Test func runningEveryWakeRefillsOrReadsReportsAndKeepAlivesRideAlong() throws {
        var h = try Self.roomy()
        h.startSession()
        var wakes = 0
        while h.now < .seconds(10) {
            h.run(for: h.nextWake(after: h.now) - h.now, step: .seconds(1))
            wakes += 1
        }
        // Refills and reports share an 80 ms rhythm: 125 wakes in 10 s, none for a keep-alive alone.
        #expect(wakes <= 126)
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
