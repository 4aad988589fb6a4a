import StimulationCore
import Testing
import Transports
@testable import StimulationEngine

/// Every fault a script can stage, run through the engine and the real simulator on a manual clock.
@Suite struct SimulatedFaultTests {
    struct Rig {
        var session: EngineHarness

        init(_ id: String, faults: [FaultEvent]) throws {
            let therapyProtocol = try EngineHarness.bundled(id)
            let device = SimulatorTransport(channels: therapyProtocol.channels, maximumAmplitude: .milliamps(100),
                                            faults: FaultScript(faults), recordsPulses: true)
            session = EngineHarness(engine: Engine(therapyProtocol: therapyProtocol, transport: device))
            session.startSession()
        }

        var now: TimeSpan { session.now }
        var events: [SessionEvent] { session.events }
        var state: SessionState { session.state }
        var snapshot: EngineSnapshot { session.snapshot }

        mutating func run(until end: TimeSpan) { session.run(for: end - now) }

        mutating func acknowledge() { session.send(.acknowledge) }

        func delivered(channel: Int, after time: TimeSpan) -> [DeliveredPulse] {
            session.device(as: SimulatorTransport.self) { device in
                device.deliveredPulses.filter { $0.channel == channel && $0.time >= time && $0.delivered > .zero }
            }
        }
    }

    static let at = TimeSpan.seconds(12)

    static let restored = FaultEvent.Kind.contactRestored(channel: 1)

    @Test(arguments: [
        (FaultEvent.Kind.padLift(channel: 1, lift: .percent(70)), restored, ContactState.poor, AlarmPriority.high),
        (.leadBreak(channel: 1), restored, .open, .medium),
        (.short(channel: 1), restored, .short, .high),
        (.impedanceDrift(channel: 1, to: .percent(400), over: .zero), .impedanceDrift(channel: 1, to: .percent(100), over: .zero),
         .poor, .high),
    ])
    func anElectrodeFaultStopsThatChannelAtOnceAlarmsAndResumesFromZero(kind: FaultEvent.Kind, restore: FaultEvent.Kind,
                                                                       contact: ContactState, priority: AlarmPriority) throws {
        var rig = try Rig("tens-conventional", faults: [FaultEvent(time: Self.at, kind: kind),
                                                         FaultEvent(time: .seconds(20), kind: restore)])
        rig.run(until: Self.at + .milliseconds(50))
        #expect(rig.delivered(channel: 1, after: Self.at).isEmpty, "no current after the fault on the faulted channel")
        #expect(rig.state == .paused)
        #expect(rig.events.contains { $0.kind == .electrodeFault(channel: 1, contact: contact,
                                                                 impedance: rig.snapshot.channels[0].impedance) })
        #expect(rig.snapshot.alarms.first?.priority == priority)
        let elapsed = rig.snapshot.programmeElapsed
        rig.acknowledge()
        rig.run(until: .seconds(19))
        #expect(rig.state == .paused, "contact is still bad")
        #expect(rig.snapshot.programmeElapsed == elapsed)
        rig.run(until: .seconds(20) + .milliseconds(100))
        #expect(rig.state == .running)
        let resumed = rig.delivered(channel: 1, after: .seconds(20))
        #expect(!resumed.isEmpty)
        #expect(resumed.first!.delivered < .milliamps(1), "resumes from zero")
        rig.run(until: .seconds(35))
        #expect(rig.snapshot.channels[0].delivered == .milliamps(20), "back at the previous target")
    }

    @Test(arguments: [FaultEvent.Kind.deviceFault(message: "over-temperature"), .disconnect])
    func aDeviceFaultOrDisconnectEndsTheSessionWithOutputOff(kind: FaultEvent.Kind) throws {
        var rig = try Rig("tens-conventional", faults: [FaultEvent(time: Self.at, kind: kind)])
        rig.run(until: Self.at + .seconds(1))
        #expect(rig.state == .aborted)
        #expect(rig.delivered(channel: 1, after: Self.at).isEmpty && rig.delivered(channel: 2, after: Self.at).isEmpty)
        #expect(rig.snapshot.alarms.contains { $0.cause == .transport && $0.priority == .high })
    }

    @Test func theOtherChannelIsStoppedTooWhileOneIsFaulted() throws {
        var rig = try Rig("tens-conventional", faults: [FaultEvent(time: Self.at, kind: .leadBreak(channel: 2))])
        rig.run(until: Self.at + .milliseconds(50))
        #expect(rig.delivered(channel: 2, after: Self.at).isEmpty)
        #expect(rig.delivered(channel: 1, after: Self.at + EngineTiming.tick + .milliseconds(10)).isEmpty)
    }

    @Test func aDeviceWithoutTheProtocolsShapeIsRefusedAtTheHandshake() throws {
        final class LimitedDevice: Transport {
            let inner = SimulatorTransport(channels: 2, maximumAmplitude: .milliamps(50))
            var name: String { "limited" }
            var nextSend: TimeSpan? { inner.nextSend }
            var emergencyStop: EmergencyStopLine? { inner.emergencyStop }
            var lineBytesPerSecond: Int? { inner.lineBytesPerSecond }
            func open(at now: TimeSpan) throws(TransportError) -> DeviceCapabilities {
                var capabilities = try inner.open(at: now)
                capabilities.shapes = ["square-wave"]
                return capabilities
            }
            func submit(_ runs: [PulseRun], at now: TimeSpan) throws(TransportError) { try inner.submit(runs, at: now) }
            func stopAll(at now: TimeSpan) { inner.stopAll(at: now) }
            func stop(channel: Int, at now: TimeSpan) throws(TransportError) { try inner.stop(channel: channel, at: now) }
            func keepAlive(at now: TimeSpan) throws(TransportError) { try inner.keepAlive(at: now) }
            func poll(until now: TimeSpan) -> [TransportEvent] { inner.poll(until: now) }
            func close() { inner.close() }
        }
        let h = EngineHarness(engine: Engine(therapyProtocol: try EngineHarness.bundled("tens-conventional"), transport: LimitedDevice()))
        #expect(h.state == .aborted)
        #expect(h.snapshot.alarms.first?.message.contains("symmetric-biphasic") == true)
    }
}
