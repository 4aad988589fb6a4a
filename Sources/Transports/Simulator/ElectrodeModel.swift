import Foundation
import StimulationCore

/// One channel's electrodes on the skin, and how a constant-current stimulator judges them.
///
/// The circuit is Rs in series with Rp ∥ C, Rp falling as current rises. A current
/// pulse of width w charges C through Rp, so at the end of the phase the output
/// sees Rs + Rp·(1 − e^{−w/(Rp·C)}); that voltage is what the compliance limit is
/// measured against. A pad lifted from the skin keeps only part of its area: the
/// skin and gel conduct through less, so Rp and the gel part of Rs rise and C falls.
public struct ElectrodeModel: Hashable, Sendable {
    /// At or below this fraction of its area a pad no longer closes a useful current path.
    /// Chosen for the simulator: real devices report such a pad as an open circuit.
    public static let openContactFraction = 0.05
    /// Below this no skin could be in the path: the leads touch. Intact skin under a pad
    /// never falls below Rs, itself ~100 Ω (DOMAIN, Electrode–skin interface).
    public static let shortImpedance = Resistance.ohms(50)
    /// Impedance this many times the full-contact baseline means a lifting pad or drying gel.
    /// Chosen for the simulator; real devices use thresholds of this order against their own baseline.
    public static let poorImpedanceRatio = 1.5

    /// What one pulse did: the current that flowed, the impedance it met and the device's contact judgement.
    public struct Response: Hashable, Sendable {
        /// Peak current magnitude, below the set amplitude when compliance ran out.
        public var delivered: Current
        /// Nil when there is no current path.
        public var impedance: Resistance?
        public var contact: ContactState
        /// The output needed more than its compliance voltage to drive the set current.
        public var complianceLimited: Bool
    }

    public let parameters: Parameters
    /// The part of the pad still on the skin: 1 is full contact, 0.4 a pad 60 % lifted.
    public var contactFraction: Double
    public var leadBroken: Bool
    public var shorted: Bool
    /// A multiplier of the whole impedance: gel drying (above 1) or sweat (below 1).
    public var drift: Double

    public init(parameters: Parameters = Parameters(), contactFraction: Double = 1, leadBroken: Bool = false,
                shorted: Bool = false, drift: Double = 1) {
        self.parameters = parameters
        self.contactFraction = contactFraction
        self.leadBroken = leadBroken
        self.shorted = shorted
        self.drift = drift
    }

    /// Drives `pulse` through the electrodes. The pulse is judged by its largest phase;
    /// a half sine counts as a rectangle of the same duration, the worst case for compliance.
    public func respond(to pulse: Pulse) -> Response {
        let strongest = pulse.phases.max { $0.amplitude.magnitude < $1.amplitude.magnitude }!
        let set = strongest.amplitude.magnitude
        let width = strongest.duration
        if leadBroken || contactFraction <= Self.openContactFraction {
            return Response(delivered: .zero, impedance: nil, contact: .open, complianceLimited: false)
        }
        let (delivered, impedance, limited) = shorted
            ? drive(set, into: { _ in parameters.shortCircuitResistance.ohms })
            : drive(set, into: { seenImpedance(amps: $0, width: width) })
        let contact: ContactState
        if impedance < Self.shortImpedance.ohms {
            contact = .short
        } else if limited || impedance >= Self.poorImpedanceRatio * baseline(for: set, width: width) {
            contact = .poor
        } else {
            contact = .ok
        }
        return Response(delivered: delivered, impedance: .ohms(impedance), contact: contact, complianceLimited: limited)
    }

    /// The impedance the same pulse would meet with the pad fully on and no drift.
    private func baseline(for set: Current, width: TimeSpan) -> Double {
        let fresh = ElectrodeModel(parameters: parameters)
        return fresh.drive(set, into: { fresh.seenImpedance(amps: $0, width: width) }).impedance
    }

    /// The set current if the compliance voltage can drive it, otherwise the current at which
    /// I·Z(I) reaches the compliance voltage. Z falls with I, so that current is found by bisection.
    private func drive(_ set: Current, into impedance: (Double) -> Double)
        -> (delivered: Current, impedance: Double, limited: Bool) {
        let compliance = parameters.complianceVolts
        let full = impedance(set.amps)
        guard set.amps * full > compliance else { return (set, full, false) }
        var low = 0.0, high = set.amps
        for _ in 0..<60 {
            let middle = (low + high) / 2
            if middle * impedance(middle) > compliance { high = middle } else { low = middle }
        }
        let delivered = Current(microamps: Int64((low * 1_000_000).rounded(.down)))
        return (delivered, impedance(delivered.amps), true)
    }

    /// Rs + Rp·(1 − e^{−w/(Rp·C)}) at `amps`, for the pad's remaining area and the drift.
    private func seenImpedance(amps: Double, width: TimeSpan) -> Double {
        let p = parameters
        let area = contactFraction
        let rest = p.restingSkinResistance.ohms, floor = p.stimulatedSkinResistance.ohms
        let skin = (floor + (rest - floor) * exp(-amps / p.kneeCurrent.amps)) / area
        let capacitance = p.skinCapacitanceMicrofarads * 1e-6 * area
        let series = p.seriesResistance.ohms * (1 - p.gelShareOfSeries + p.gelShareOfSeries / area)
        return drift * (series + skin * (1 - exp(-width.seconds / (skin * capacitance))))
    }
}
