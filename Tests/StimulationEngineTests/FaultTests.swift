import StimulationCore
import Testing
import Transports
@testable import StimulationEngine

@Suite struct FaultTests {
    static func telemetry(_ time: TimeSpan, channel: Int, contact: ContactState, microamps: Int64 = 20_000) -> TransportEvent {
        TransportEvent(time: time, kind: .telemetry(channel: channel, delivered: .microamps(contact == .ok ? microamps : 0),
                                                     impedance: contact == .open ? nil : .ohms(contact == .ok ? 900 : 4000),
                                                     contact: contact))
    }

    enum Setup: String, CaseIterable {
        case idle, screening, ready, running, paused, finished
    }

    func harness(in setup: Setup) throws -> EngineHarness {
        var h = EngineHarness(try EngineHarness.bundled("tens-conventional"))
        switch setup {
        case .idle: break
        case .screening: h.send(.beginScreening)
        case .ready:
            h.send(.beginScreening)
            h.send(.recordScreening(answers: EngineHarness.clearScreening, overrideReason: nil))
        case .running:
            h.startSession()
            h.run(for: .seconds(2))
        case .paused:
            h.startSession()
            h.run(for: .seconds(2))
            h.send(.pause)
        case .finished:
            h.startSession()
            h.send(.skipProgramme)
        }
        return h
    }

    @Test(arguments: Setup.allCases)
    func stopAllFromEveryStateTurnsOutputOffAndLatchesUntilAcknowledged(setup: Setup) throws {
        var h = try harness(in: setup)
        let wasRunning = h.state == .running
        h.send(.stopAll)
        #expect(h.transport.stopAllTimes.last == h.now)
        #expect(h.snapshot.emergencyLatched)
        #expect(h.snapshot.channels.allSatisfy { $0.commanded == .zero })
        #expect(h.alarms { $0.cause == .emergencyStop && $0.priority == .high }.count == 1)
        if wasRunning { #expect(h.state == .paused) }
        let submittedBefore = h.transport.submitted.count
        h.send(.resume)
        h.send(.start)
        h.run(for: .seconds(1))
        #expect(h.transport.submitted.count == submittedBefore)
        h.send(.acknowledge)
        #expect(!h.snapshot.emergencyLatched)
        #expect(h.snapshot.alarms.isEmpty)
        if wasRunning || setup == .paused {
            h.send(.resume)
            #expect(h.state == .running)
            h.run(for: .milliseconds(50))
            let restart = h.transport.runs(after: h.transport.stopAllTimes.last!)
            #expect(restart.first!.pulse.peak < .milliamps(1), "a restart ramps from zero")
        }
    }

    @Test func aLiftingPadStopsOutputPausesTheTimerAndResumesFromZeroAfterAcknowledgement() throws {
        var h = EngineHarness(try EngineHarness.bundled("tens-conventional"))
        h.startSession()
        h.run(for: .seconds(15))
        let faultTime = h.now + .milliseconds(3)
        h.transport.scripted = [Self.telemetry(faultTime, channel: 2, contact: .poor)]
        h.run(for: .milliseconds(10))
        #expect(h.state == .paused)
        let stop = h.transport.stopAllTimes.last!
        #expect(stop >= faultTime && stop - faultTime <= EngineTiming.tick)
        let alarm = h.alarms { $0.cause == .electrode(channel: 2) }.first
        #expect(alarm?.priority == .high)
        #expect(h.snapshot.channels[1].faulted)
        let elapsed = h.snapshot.programmeElapsed
        h.run(for: .seconds(5))
        #expect(h.snapshot.programmeElapsed == elapsed, "the treatment timer does not run while faulted")
        // Acknowledging alone does not restart: contact is still poor.
        h.send(.acknowledge)
        h.run(for: .seconds(1))
        #expect(h.state == .paused)
        h.transport.scripted = [Self.telemetry(h.now + .milliseconds(1), channel: 2, contact: .ok)]
        h.run(for: .milliseconds(10))
        #expect(h.state == .running)
        #expect(h.snapshot.alarms.isEmpty)
        h.run(for: .milliseconds(30))
        let after = h.transport.runs(after: stop).filter { $0.channel == 2 }
        #expect(after.first!.pulse.peak < .milliamps(1), "resume after a fault ramps from zero")
        h.run(for: .seconds(12))
        #expect(h.snapshot.channels[1].commanded == .milliamps(20), "back to the previous target")
    }

    @Test func contactReturningBeforeAcknowledgementWaitsForTheAcknowledgement() throws {
        var h = EngineHarness(try EngineHarness.bundled("tens-conventional"))
        h.startSession()
        h.run(for: .seconds(1))
        h.transport.scripted = [Self.telemetry(h.now + .milliseconds(1), channel: 1, contact: .open),
                                Self.telemetry(h.now + .milliseconds(500), channel: 1, contact: .ok)]
        h.run(for: .seconds(2))
        #expect(h.state == .paused)
        #expect(h.alarms { $0.cause == .electrode(channel: 1) }.first?.priority == .medium)
        h.send(.acknowledge)
        h.run(for: .milliseconds(10))
        #expect(h.state == .running)
    }

    @Test(arguments: ["disconnect", "device", "submit", "keepalive"])
    func everyTransportFailureEndsWithOutputOffAndAnAlarm(kind: String) throws {
        var h = EngineHarness(try EngineHarness.bundled("tens-conventional"))
        h.startSession()
        h.run(for: .seconds(1))
        switch kind {
        case "disconnect": h.transport.scripted = [TransportEvent(time: h.now, kind: .disconnected("cable pulled"))]
        case "device": h.transport.scripted = [TransportEvent(time: h.now, kind: .deviceFault("over-temperature"))]
        case "submit": h.transport.failSubmit = TransportError("EIO")
        default: h.transport.failKeepAlive = TransportError("EIO")
        }
        h.run(for: .milliseconds(200))
        #expect(h.state == .aborted)
        #expect(h.transport.stopAllTimes.last != nil)
        #expect(h.transport.closed)
        #expect(h.alarms { $0.cause == .transport && $0.priority == .high }.count == 1)
        let submitted = h.transport.submitted.count
        h.send(.resume)
        h.send(.start)
        h.run(for: .seconds(1))
        #expect(h.transport.submitted.count == submitted, "output never resumes by itself")
    }

    @Test func aFailedHandshakeLeavesNothingToStart() throws {
        let transport = RecordingTransport()
        transport.failOpen = TransportError("no such device")
        var h = EngineHarness(try EngineHarness.bundled("tens-conventional"), transport: transport)
        h.startSession()
        #expect(h.state != .running)
        #expect(h.transport.submitted.isEmpty)
        #expect(h.alarms { $0.cause == .transport }.count == 1)
    }

    @Test func aRequestAboveTheCeilingIsClampedAndReported() throws {
        var h = EngineHarness(try EngineHarness.bundled("tens-conventional"), prescription: [1: .milliamps(25)])
        h.startSession()
        h.send(.setAmplitude(channel: 1, .milliamps(90)))
        #expect(h.snapshot.channels[0].target == .milliamps(25))
        #expect(h.events.contains { $0.kind == .amplitudeClamped(channel: 1, requested: .milliamps(90), limit: .milliamps(25), source: "prescription") })
        #expect(h.alarms { $0.cause == .amplitudeLimited(channel: 1) }.first?.priority == .low)
        h.send(.setAmplitude(channel: 3, .milliamps(1)))
        #expect(h.events.contains { if case .commandRefused(let why) = $0.kind { why.contains("channel 3") } else { false } })
    }

    @Test func loweringTakesEffectAtOnceAndRaisingRampsUp() throws {
        var h = EngineHarness(try EngineHarness.bundled("tens-conventional"))
        h.startSession()
        h.run(for: .seconds(12))
        h.send(.setAmplitude(channel: 1, .milliamps(5)))
        #expect(h.transport.channelStops.last?.channel == 1)
        #expect(h.snapshot.channels[0].commanded == .milliamps(5))
        h.run(for: .milliseconds(20))
        #expect(h.transport.runs(after: h.now - .milliseconds(20)).filter { $0.channel == 1 }.allSatisfy { $0.pulse.peak <= .milliamps(5) })
        h.send(.amplitudeUp(channel: 1))
        #expect(h.snapshot.channels[0].target == .milliamps(5.5))
        h.send(.amplitudeDown(channel: 1))
        h.send(.amplitudeDown(channel: 1))
        #expect(h.snapshot.channels[0].target == .milliamps(4.5))
    }

    /// A rise mid-session flushes what is queued and climbs from the amplitude of that moment: where old and new
    /// pulses meet there is no step taller than one stair (2 mA/s for 50 ms), however far ahead the queue reached.
    @Test func raisingFlushesTheQueueAndClimbsFromNowWithoutAStep() throws {
        var h = EngineHarness(try EngineHarness.bundled("tens-conventional"))
        h.startSession()
        h.run(for: .seconds(12))
        h.send(.setAmplitude(channel: 1, .milliamps(10)))
        h.run(for: .seconds(1))
        let raised = h.now
        h.send(.setAmplitude(channel: 1, .milliamps(15)))
        #expect(h.transport.channelStops.last?.at == raised && h.transport.channelStops.last?.channel == 1)
        h.run(for: .seconds(3))
        // What the device plays: everything queued before the rise up to it, then what came after.
        let before = h.transport.submitted.filter { $0.at < raised && $0.run.channel == 1 }.flatMap { Array($0.run.expanded) }
            .filter { $0.time < raised }
        let after = h.transport.runs(after: raised).filter { $0.channel == 1 }.flatMap { Array($0.expanded) }
        let peaks = (before + after).map(\.pulse.peak)
        #expect(zip(peaks, peaks.dropFirst()).allSatisfy { $1.microamps - $0.microamps <= 101 })
        #expect(after.first?.pulse.peak == .milliamps(10))
        #expect(h.snapshot.channels[0].commanded == .milliamps(15))
    }

    @Test func aWorseningContactRaisesTheAlarmsPriority() throws {
        var h = EngineHarness(try EngineHarness.bundled("tens-conventional"))
        h.startSession()
        h.run(for: .seconds(1))
        h.transport.scripted = [Self.telemetry(h.now + .milliseconds(1), channel: 1, contact: .open),
                                Self.telemetry(h.now + .milliseconds(100), channel: 1, contact: .poor)]
        h.run(for: .milliseconds(20))
        #expect(h.alarms { $0.cause == .electrode(channel: 1) }.first?.priority == .medium)
        h.run(for: .milliseconds(200))
        let alarm = h.alarms { $0.cause == .electrode(channel: 1) }
        #expect(alarm.count == 1)
        #expect(alarm.first?.priority == .high)
        #expect(alarm.first?.message.contains("poor contact") == true)
    }

    @Test func startIsRefusedWhileAChannelIsFaulted() throws {
        var h = try harness(in: .ready)
        h.transport.scripted = [Self.telemetry(h.now + .milliseconds(1), channel: 2, contact: .open)]
        h.run(for: .milliseconds(10))
        h.send(.start)
        #expect(h.state == .ready)
        #expect(h.events.contains { if case .commandRefused(let why) = $0.kind { why.contains("channel 2") } else { false } })
    }

    @Test func resumeIsRefusedWhileAnElectrodeFaultStands() throws {
        var h = try harness(in: .running)
        h.transport.scripted = [Self.telemetry(h.now + .milliseconds(1), channel: 1, contact: .poor)]
        h.run(for: .milliseconds(20))
        #expect(h.state == .paused)
        h.send(.acknowledge)
        let before = h.transport.submitted.count
        h.send(.resume)
        h.run(for: .milliseconds(200))
        #expect(h.state == .paused)
        #expect(h.transport.submitted.count == before, "no output while channel 1's pad is still lifting")
        #expect(h.events.contains { if case .commandRefused(let why) = $0.kind { why.contains("still has an electrode fault") } else { false } })
    }

    @Test func anAlarmRaisedAgainNeedsAFreshAcknowledgement() throws {
        var h = try harness(in: .running)
        h.transport.scripted = [Self.telemetry(h.now + .milliseconds(1), channel: 1, contact: .open)]
        h.run(for: .milliseconds(20))
        h.send(.acknowledge)
        #expect(h.alarms { $0.cause == .electrode(channel: 1) }.first?.acknowledged == true)
        // The contact worsens: a lead that was off now shorts. The same alarm is raised again, unacknowledged.
        h.transport.scripted = [Self.telemetry(h.now + .milliseconds(1), channel: 1, contact: .short)]
        h.run(for: .milliseconds(20))
        let alarm = h.alarms { $0.cause == .electrode(channel: 1) }
        #expect(alarm.count == 1)
        #expect(alarm.first?.acknowledged == false)
    }

    @Test func amplitudesWaitForTheDevicesLimits() throws {
        let transport = RecordingTransport()
        transport.failOpen = TransportError("no device")
        var h = EngineHarness(try EngineHarness.bundled("tens-conventional"), transport: transport)
        h.send(.setAmplitude(channel: 1, .milliamps(10)))
        #expect(h.events.contains { if case .commandRefused(let why) = $0.kind { why.contains("connected") } else { false } })
    }

    @Test func aShutDownStopsOutputWithoutAnEmergencyAlarm() throws {
        var h = EngineHarness(try EngineHarness.bundled("tens-conventional"))
        h.startSession()
        h.run(for: .seconds(1))
        h.shutDown()
        h.collect()
        #expect(h.state == .stopped)
        #expect(h.transport.stopAllTimes.last == h.now)
        #expect(h.transport.closed)
        #expect(!h.events.contains { $0.kind == .emergencyStop })
        #expect(h.snapshot.alarms.isEmpty)
    }

    @Test func targetsCarriedIntoTheNextProgrammeAreClampedAndReported() throws {
        var h = EngineHarness(try EngineHarness.bundled("microcurrent-pain-recovery"))
        h.startSession()
        h.send(.setAmplitude(channel: 1, .microamps(790)))
        h.send(.skipProgramme)
        h.send(.skipProgramme)
        let ceiling = h.snapshot.channels[0].ceiling.amplitude
        #expect(ceiling < .microamps(790))
        #expect(h.snapshot.channels[0].target == ceiling)
        #expect(h.events.contains { $0.kind == .amplitudeClamped(channel: 1, requested: .microamps(790), limit: ceiling, source: "protocol maximum") })
    }
}
