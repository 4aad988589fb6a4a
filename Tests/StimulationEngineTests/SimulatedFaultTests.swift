import StimulationCore
import Testing
import Transports
@testable import StimulationEngine

/// Every fault a script can stage, run through the engine and the real simulator on a manual clock.
@Suite struct SimulatedFaultTests {
    struct Rig {
        let engine: Engine
        let device: SimulatorTransport
        var now = TimeSpan.zero
        var events: [SessionEvent] = []

        init(_ id: String, faults: [FaultEvent]) throws {
            let therapyProtocol = try EngineHarness.bundled(id)
            device = SimulatorTransport(channels: therapyProtocol.channels, maximumAmplitude: .milliamps(100),
                                        faults: FaultScript(faults), recordsPulses: true)
            engine = Engine(therapyProtocol: therapyProtocol, transport: device)
            engine.connect(at: now)
            engine.handle(.recordScreening(answers: EngineHarness.clearScreening, overrideReason: nil), at: now)
            engine.handle(.start, at: now)
        }

        mutating func run(until end: TimeSpan) {
            while now < end {
                now += EngineTiming.tick
                engine.tick(at: now)
                events += engine.drainEvents()
            }
        }

        mutating func acknowledge() {
            engine.handle(.acknowledge, at: now)
            events += engine.drainEvents()
        }

        func delivered(channel: Int, after time: TimeSpan) -> [DeliveredPulse] {
            device.deliveredPulses.filter { $0.channel == channel && $0.time >= time && $0.delivered > .zero }
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
        #expect(rig.engine.currentState == .paused)
        #expect(rig.events.contains { $0.kind == .electrodeFault(channel: 1, contact: contact,
                                                                 impedance: rig.engine.snapshot.channels[0].impedance) })
        #expect(rig.engine.snapshot.alarms.first?.priority == priority)
        let elapsed = rig.engine.snapshot.programmeElapsed
        rig.acknowledge()
        rig.run(until: .seconds(19))
        #expect(rig.engine.currentState == .paused, "contact is still bad")
        #expect(rig.engine.snapshot.programmeElapsed == elapsed)
        rig.run(until: .seconds(20) + .milliseconds(100))
        #expect(rig.engine.currentState == .running)
        let resumed = rig.delivered(channel: 1, after: .seconds(20))
        #expect(!resumed.isEmpty)
        #expect(resumed.first!.delivered < .milliamps(1), "resumes from zero")
        rig.run(until: .seconds(35))
        #expect(rig.engine.snapshot.channels[0].delivered == .milliamps(20), "back at the previous target")
    }

    @Test(arguments: [FaultEvent.Kind.deviceFault(message: "over-temperature"), .disconnect])
    func aDeviceFaultOrDisconnectEndsTheSessionWithOutputOff(kind: FaultEvent.Kind) throws {
        var rig = try Rig("tens-conventional", faults: [FaultEvent(time: Self.at, kind: kind)])
        rig.run(until: Self.at + .seconds(1))
        #expect(rig.engine.currentState == .aborted)
        #expect(rig.delivered(channel: 1, after: Self.at).isEmpty && rig.delivered(channel: 2, after: Self.at).isEmpty)
        #expect(rig.engine.snapshot.alarms.contains { $0.cause == .transport && $0.priority == .high })
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
        let engine = Engine(therapyProtocol: try EngineHarness.bundled("tens-conventional"), transport: LimitedDevice())
        engine.connect(at: .zero)
        #expect(engine.currentState == .aborted)
        #expect(engine.snapshot.alarms.first?.message.contains("symmetric-biphasic") == true)
    }
}
