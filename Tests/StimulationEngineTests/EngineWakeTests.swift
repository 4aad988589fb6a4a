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

    /// Idle, the engine wakes every 80 ms to read reports: a keep-alive may go with any wake from 20 ms on.
    @Test func idleAKeepAliveGoesWithTheFirstWakeFrom20Milliseconds() throws {
        var h = EngineHarness(try EngineHarness.bundled("tens-conventional"))
        h.run(for: .milliseconds(15), step: .milliseconds(15))
        #expect(h.transport.keepAlives.isEmpty)
        h.run(for: .milliseconds(5), step: .milliseconds(5))
        #expect(h.transport.keepAlives == [.milliseconds(20)])
    }

    /// Running, the device's 100 ms is refilled every 50 ms: a keep-alive goes with the first wake from 50 ms on.
    @Test func runningAKeepAliveGoesWithTheFirstWakeFromHalfTheLead() throws {
        var h = EngineHarness(try EngineHarness.bundled("tens-conventional"))
        h.startSession()
        h.run(for: .seconds(1))
        let gaps = zip(h.transport.keepAlives, h.transport.keepAlives.dropFirst()).map { $1 - $0 }.suffix(10)
        #expect(gaps.count == 10 && gaps.allSatisfy { $0 == .milliseconds(50) }, "\(gaps)")
    }

    @Test func itStillWakesForAKeepAliveNoWakeWouldCarry() throws {
        var h = EngineHarness(try EngineHarness.bundled("tens-conventional"))
        h.run(for: .milliseconds(19), step: .milliseconds(19))
        #expect(h.transport.keepAlives.isEmpty)
        // The report read at 99 ms carries it. Were the next wake planned any later, it would still come when the keep-alive falls due.
        #expect(h.nextWake(after: h.now) == .milliseconds(99))
        #expect(h.nextWake(after: .milliseconds(70)) == .milliseconds(100))
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

    /// A device holding 40 ms (as a 1.0 device is given) is refilled every 20 ms: a keep-alive then rides on every
    /// fourth wake, 80 ms apart, not on each. Idle, the engine wakes only to read reports, 80 ms apart, and each carries one.
    @Test func withAShortLeadKeepAlivesStillRideOnWakesAndDoNotCrowdThem() throws {
        let transport = RecordingTransport()
        transport.capabilities.lookahead = .milliseconds(40)
        var h = EngineHarness(try EngineHarness.bundled("tens-conventional"), transport: transport)
        func wake(until end: TimeSpan) -> Int {
            var wakes = 0
            while h.now < end {
                h.run(for: h.nextWake(after: h.now) - h.now, step: .seconds(1))
                wakes += 1
            }
            return wakes
        }
        let idleWakes = wake(until: .seconds(2))
        #expect(idleWakes <= 26)
        h.startSession()
        let started = h.transport.keepAlives.count
        _ = wake(until: .seconds(12))
        let gaps = zip(h.transport.keepAlives, h.transport.keepAlives.dropFirst()).map { $1 - $0 }
        #expect(gaps.allSatisfy { $0 <= .milliseconds(100) }, "a keep-alive was late: \(gaps.max() ?? .zero)")
        // 10 s running: about 125 keep-alives 80 ms apart, not 500 on every 20 ms refill.
        #expect((120...130).contains(h.transport.keepAlives.count - started))
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
