import StimulationCore

extension ElectrodeModel {
    /// The electrode–skin circuit of one channel: Rs in series with Rp ∥ C, Rp falling with current.
    ///
    /// Every default comes from the domain notes and is unverified: they are the order of
    /// magnitude quoted for a 25 cm² self-adhesive pad, not measurements. Change them to
    /// model another electrode.
    public struct Parameters: Hashable, Sendable {
        /// Rs: leads, gel and sweat, ~100–500 Ω (unverified).
        public let seriesResistance: Resistance
        /// The part of Rs that lies in the gel under the pad and so rises as the pad's area shrinks;
        /// the rest is the lead and does not change (unverified).
        public let gelShareOfSeries: Double
        /// Rp at tiny currents: the stratum corneum measures tens of kΩ at rest (unverified).
        public let restingSkinResistance: Resistance
        /// What Rp falls to under stimulation: hundreds of Ω (unverified).
        public let stimulatedSkinResistance: Resistance
        /// The current at which Rp has fallen 1/e of the way from rest to stimulated (unverified).
        public let kneeCurrent: Current
        /// C of the skin under a 25 cm² pad, ~0.1–1 µF (unverified).
        public let skinCapacitanceMicrofarads: Double
        /// The highest voltage the output stage can drive; ~90 V for a constant-current stimulator (unverified).
        public let complianceVolts: Double
        /// What the output sees when the two leads touch (unverified).
        public let shortCircuitResistance: Resistance

        public init(seriesResistance: Resistance = .ohms(300), gelShareOfSeries: Double = 0.5,
                    restingSkinResistance: Resistance = .kiloohms(30), stimulatedSkinResistance: Resistance = .ohms(500),
                    kneeCurrent: Current = .milliamps(2), skinCapacitanceMicrofarads: Double = 0.5,
                    complianceVolts: Double = 90, shortCircuitResistance: Resistance = .ohms(5)) {
            precondition(seriesResistance.ohms >= 0 && shortCircuitResistance.ohms >= 0, "resistances cannot be negative")
            precondition((0...1).contains(gelShareOfSeries), "the gel share of Rs is a fraction")
            precondition(stimulatedSkinResistance.ohms > 0 && restingSkinResistance >= stimulatedSkinResistance,
                         "Rp falls from a resting value to a positive stimulated value")
            precondition(kneeCurrent.microamps > 0 && skinCapacitanceMicrofarads > 0 && complianceVolts > 0,
                         "knee current, capacitance and compliance are positive")
            self.seriesResistance = seriesResistance
            self.gelShareOfSeries = gelShareOfSeries
            self.restingSkinResistance = restingSkinResistance
            self.stimulatedSkinResistance = stimulatedSkinResistance
            self.kneeCurrent = kneeCurrent
            self.skinCapacitanceMicrofarads = skinCapacitanceMicrofarads
            self.complianceVolts = complianceVolts
            self.shortCircuitResistance = shortCircuitResistance
        }
    }
}
