import StimulationCore
import Testing
import Transports
@testable import StimulationEngine

/// The governor is the last gate: a protocol that never passed the loader (built in code, or damaged
/// in memory) still cannot put direct current or an over-long phase into a patient.
@Suite struct GovernorBackstopTests {
    func unloaded(shape: PulseShape, width: TimeSpan = .microseconds(200)) -> TherapyProtocol {
        let programme = Programme(name: "unchecked", modality: .tensConventional, duration: .minutes(1), shape: shape,
                                  frequency: .hertz(100), phaseWidth: width, carrier: nil, burst: nil, duty: nil,
                                  denseDisperse: nil, sweeps: [], overrides: [:],
                                  amplitude: AmplitudeWindow(start: .zero, target: .milliamps(10), maximum: .milliamps(10)),
                                  electrode: Electrode(kind: .pad, area: .squareCentimetres(25)))
        return TherapyProtocol(id: "unchecked", title: "Unchecked", indication: "test", placement: "test", channels: 1,
                               contraindications: [], programmes: [programme])
    }

    func session(_ therapyProtocol: TherapyProtocol) -> EngineHarness {
        var h = EngineHarness(therapyProtocol)
        h.startSession()
        h.run(for: .seconds(2))
        return h
    }

    @Test func directCurrentFromAnUncheckedProtocolIsHeldToRoundingLevel() {
        // A monophasic train that never alternates is direct current: the figure ceiling holds it at the
        // amplitude whose net charge is within the 0.001 µC rounding tolerance (5 µA × 200 µs), and says so.
        let h = session(unloaded(shape: .monophasic(polarity: .positive)))
        #expect(!h.transport.submitted.isEmpty)
        for (_, run) in h.transport.submitted {
            #expect(abs(run.pulse.netCharge.microcoulombs) <= 0.001)
        }
        #expect(h.events.contains {
            if case .amplitudeClamped(_, _, let limit, let source) = $0.kind { limit == .microamps(5) && source == "safety figures" } else { false }
        })
    }

    @Test func aPulseThatDoesNotFitItsPeriodIsStoppedWithAnAlarm() {
        // 6 ms phases cannot fit a 10 ms period twice: the loader would have refused it.
        let h = session(unloaded(shape: .symmetricBiphasic, width: .milliseconds(6)))
        #expect(h.transport.submitted.isEmpty)
        #expect(h.alarms { $0.message.contains("safety governor stopped output") }.count == 1)
    }
}
