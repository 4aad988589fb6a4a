import StimulationCore
import Testing
import Transports
@testable import StimulationEngine

/// A device that times pulses from the host (GPIO) says what it can time and how far a phase may stretch; the engine
/// refuses what it cannot make before anything starts, and the governor admits charge at the stretched width.
@Suite struct DeviceTimingTests {
    /// A host-timed device: rectangular shapes, 100 µs phases, 250 Hz, a 2 ms stretch.
    static func hostTimed(stretch: TimeSpan = .milliseconds(2), shortest: TimeSpan = .microseconds(100),
                          highest: Frequency = .hertz(250), deadTime: TimeSpan = .microseconds(10)) -> RecordingTransport {
        let transport = RecordingTransport()
        transport.capabilities = DeviceCapabilities(
            deviceID: "gpio test", channels: 2, maximumAmplitude: .milliamps(40),
            shapes: Set(PulseShape.Kind.allCases.filter { $0 != .sineCarrier }.map(\.name)), lookahead: .milliseconds(100),
            phaseStretch: stretch, shortestPhase: shortest, highestRate: highest, deadTime: deadTime,
            shapeLimitation: "GPIO lines switch an H-bridge on and off, so they make rectangular phases only")
        return transport
    }

    @Test func interferentialIsRefusedBeforeAnyOutputWithTheReason() throws {
        let h = EngineHarness(try EngineHarness.bundled("ifc-premodulated"), transport: Self.hostTimed())
        #expect(!h.snapshot.linkUp)
        let message = try #require(h.snapshot.alarms.first?.message)
        #expect(message.contains("cannot produce sine-carrier pulses, which ifc-premodulated needs"), "\(message)")
        #expect(message.contains("rectangular phases only"), "\(message)")
        #expect(h.transport.submitted.isEmpty)
    }

    @Test func aProtocolFasterThanTheDeviceCanTimeIsRefusedAtConnect() throws {
        // Conventional TENS at 100 Hz with 200 µs phases, against a device that times 50 Hz at most.
        let slow = EngineHarness(try EngineHarness.bundled("tens-conventional"), transport: Self.hostTimed(highest: .hertz(50)))
        #expect(slow.snapshot.alarms.first?.message.contains("runs at up to 100 Hz; recording can time pulses at up to 50 Hz") == true,
                "\(slow.snapshot.alarms)")
        let short = EngineHarness(try EngineHarness.bundled("tens-conventional"),
                                  transport: Self.hostTimed(shortest: .microseconds(250)))
        #expect(short.snapshot.alarms.first?.message.contains("has 200 µs phases; recording can time phases of 250 µs or longer") == true,
                "\(short.snapshot.alarms)")
        let fits = EngineHarness(try EngineHarness.bundled("tens-conventional"), transport: Self.hostTimed())
        #expect(fits.snapshot.linkUp)
    }

    /// Conventional TENS's 400 µs pulses every 10 ms fit any sane dead time; a bridge that needs 5 ms between its legs
    /// cannot switch inside them, and only a square wave may fill its period.
    @Test func pulsesWithoutRoomForTheDeadTimeAreRefusedAtConnect() throws {
        let tight = EngineHarness(try EngineHarness.bundled("tens-conventional"), transport: Self.hostTimed(deadTime: .milliseconds(5)))
        #expect(tight.snapshot.alarms.first?.message.contains("has 400 µs pulses every 10 ms, leaving no room for recording's 5 ms "
            + "dead time") == true, "\(tight.snapshot.alarms)")
        // Microcurrent's 100 Hz square wave: 5 ms halves less the 10 µs dead time, against a 4.995 ms shortest phase.
        let square = EngineHarness(try EngineHarness.bundled("microcurrent-pain-recovery"),
                                   transport: Self.hostTimed(shortest: .microseconds(4_995)))
        #expect(square.snapshot.alarms.first?.message.contains("has 4.99 ms phases") == true, "\(square.snapshot.alarms)")
    }

    /// 75 µC per phase (IEC 60601-2-10) at 200 µs + 2 ms: at most 34.09 mA, below the protocol's 40 mA maximum.
    @Test func theCeilingHoldsTheChargeLimitAtTheStretchedWidth() throws {
        let h = EngineHarness(try EngineHarness.bundled("tens-conventional"), transport: Self.hostTimed())
        let ceiling = h.snapshot.channels[0].ceiling.amplitude
        #expect(ceiling == .microamps(34_090), "\(ceiling)")
        let exact = EngineHarness(try EngineHarness.bundled("tens-conventional"), transport: Self.hostTimed(stretch: .zero))
        #expect(exact.snapshot.channels[0].ceiling.amplitude == .milliamps(40))
    }

    /// The backstop behind the ceiling: a run wider than planned (an upstream fault), under the ceiling in peak but
    /// over 75 µC once stretched: 32 mA × (500 µs + 2 ms) = 80 µC.
    @Test func theGovernorRefusesARunWhoseStretchedPhaseCarriesTooMuch() throws {
        let therapyProtocol = try EngineHarness.bundled("tens-conventional")
        let governor = SafetyGovernor(therapyProtocol: therapyProtocol, capabilities: Self.hostTimed().capabilities)
        let pulse = PulseShape.symmetricBiphasic.pulse(amplitude: .milliamps(32), width: .microseconds(500), period: .milliseconds(10))
        let run = PulseRun(channel: 1, start: .zero, period: .milliseconds(10), count: 1, pulse: pulse, alternates: false)
        let envelope = AmplitudeEnvelope.constant(.milliamps(32))
        guard case .failure(let refusal) = governor.admit(run, programme: 0, envelope: envelope) else {
            Issue.record("admitted 80 µC per phase at the stretched width")
            return
        }
        #expect(refusal.reason.contains("charge per phase 80 µC with a phase 2 ms longer, as the device's timing allows"),
                "\(refusal.reason)")
        let exact = SafetyGovernor(therapyProtocol: therapyProtocol, capabilities: Self.hostTimed(stretch: .zero).capabilities)
        guard case .success = exact.admit(run, programme: 0, envelope: envelope) else {
            Issue.record("the same run without a stretch is within every limit")
            return
        }
    }

    @Test func theGovernorRefusesAPhaseShorterThanTheDeviceCanTime() throws {
        let therapyProtocol = try EngineHarness.bundled("tens-conventional")
        let governor = SafetyGovernor(therapyProtocol: therapyProtocol,
                                      capabilities: Self.hostTimed(shortest: .microseconds(250)).capabilities)
        let pulse = PulseShape.symmetricBiphasic.pulse(amplitude: .milliamps(10), width: .microseconds(200), period: .milliseconds(10))
        let run = PulseRun(channel: 1, start: .zero, period: .milliseconds(10), count: 1, pulse: pulse, alternates: false)
        let envelope = AmplitudeEnvelope.constant(.milliamps(10))
        guard case .failure(let refusal) = governor.admit(run, programme: 0, envelope: envelope) else {
            Issue.record("admitted a 200 µs phase on a device that times 250 µs at the shortest")
            return
        }
        #expect(refusal.reason == "a 200 µs phase is shorter than the 250 µs the device can time", "\(refusal.reason)")
    }
}
