import StimulationCore
import Transports

/// The simulated clinic console every command drives until a hardware transport is chosen.
enum SimulatedDevice {
    /// It can reach the highest modality ceiling (high-volt pulsed, 300 mA), so the protocol's own
    /// limits, not the simulator, are what the governor meets.
    static let maximumAmplitude = Current.milliamps(300)
    /// As much as the engine queues (SafetyPolicy's lookahead), so the device is not what makes the engine wake.
    static let lookahead = SafetyPolicy.clinic.engineLookahead

    static func make(for therapyProtocol: TherapyProtocol, faults: FaultScript?, speed: Int64) -> SimulatorTransport {
        SimulatorTransport(channels: therapyProtocol.channels, maximumAmplitude: maximumAmplitude, lookahead: lookahead,
                           faults: faults, speed: speed)
    }
}
