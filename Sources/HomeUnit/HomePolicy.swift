import StimulationCore

/// The limits a home session runs under: the clinic's, with the prescription's maximum as every modality's ceiling.
/// Derived with `SafetyPolicy.stricter`, so it can only ever be tighter than the clinic's.
public enum HomePolicy {
    public static func make(_ allowed: Prescription.Allowed, for therapyProtocol: TherapyProtocol,
                            from clinic: SafetyPolicy = .clinic) throws(SafetyPolicy.LooserPolicy) -> SafetyPolicy {
        // Over the channels the protocol uses: a prescribed channel it does not drive must not loosen the others.
        let highest = allowed.channels.filter { $0.number <= therapyProtocol.channels }.map(\.maximum).max() ?? .zero
        return try clinic.stricter(named: "home") { policy in
            for programme in therapyProtocol.programmes { policy.lowerCeiling(of: programme.modality, to: highest) }
        }
    }

    /// Each prescribed channel's maximum, as the engine holds it.
    public static func maxima(_ allowed: Prescription.Allowed) -> [Int: Current] {
        Dictionary(uniqueKeysWithValues: allowed.channels.map { ($0.number, $0.maximum) })
    }

    /// Where each channel's soft start heads.
    public static func starts(_ allowed: Prescription.Allowed) -> [Int: Current] {
        Dictionary(uniqueKeysWithValues: allowed.channels.map { ($0.number, $0.start) })
    }
}
