/// Every safety limit Galvani enforces, in one place, each with its source.
///
/// Figures marked "(unverified)" are defaults from ../shared/DOMAIN.md's field
/// knowledge rather than a standard's text; they are deliberately conservative.
public enum SafetyLimits {
    /// Test load for energy and power figures. Source: IEC 60601-2-10 and FDA special controls characterise output into 500 Ω.
    public static let testLoad = Resistance.ohms(500)

    /// rms current density above which the operator must be warned. Source: IEC 60601-2-10, 201.7.9.2.101 g) (2 mA/cm² needs special attention).
    public static let densityWarning = CurrentDensity(milliampsPerSquareCentimetre: 2)

    /// rms current density on a pad that is never allowed. Source (unverified): twice the IEC 60601-2-10 attention level; a lifting pad is the burn risk DOMAIN names.
    public static let densityCeiling = CurrentDensity(milliampsPerSquareCentimetre: 4)

    /// Largest rms output current on any channel. Source: 50 mA rms output ceiling quoted by device makers (DOMAIN, 2 mA/cm² on a 25 cm² pad).
    public static let rmsCurrentCeiling = Current.milliamps(50)

    /// Average power density into the test load must stay below this. Source: FDA powered muscle stimulator guidance, < 0.25 W/cm².
    public static let powerDensityCeiling = PowerDensity(wattsPerSquareCentimetre: 0.25)

    /// Energy per pulse into 500 Ω. Source: IEC 60601-2-10 (ed. 1, 51.104), ≤ 300 mJ per pulse.
    public static let pulseEnergyCeiling = Energy(millijoules: 300)

    /// Shannon k for needle electrodes, log D = k − log Q. Source: Shannon 1992; damage at k ≥ 1.85, 1.5 is the conservative design cap (DOMAIN).
    public static let shannonCeiling = 1.5

    /// Charge per phase of a pulsed (non-microcurrent) waveform. Source (unverified): no IEC figure; 75 µC sits above EMS at 100 mA × 600 µs (60 µC), the largest pulse DOMAIN lists.
    public static let pulsedChargePerPhaseCeiling = Charge(microcoulombs: 75)

    /// Charge per phase of a microcurrent waveform. Source: DOMAIN, 1000 µA ceiling × 1 s phase (0.5 Hz square wave, 998 ms pulses).
    public static let microcurrentChargePerPhaseCeiling = Charge(microcoulombs: 1000)

    /// Net charge a pulse (or an alternating pair) may leave behind: rounding to whole µA only. Source: DOMAIN, charge balance S1 = S2; monophasic must alternate to zero DC.
    public static let netChargeTolerance = Charge(microcoulombs: 0.001)

    /// Longest programme. Source: DOMAIN sessions run 5–60 min; 8 h bounds a home unit's day without risking Int64 time.
    public static let longestProgramme = TimeSpan.minutes(8 * 60)

    /// Most channels a protocol may drive. Source: DOMAIN, research stimulators (RehaStim 2) have 8.
    public static let mostChannels = 8

    /// Pad areas a protocol may declare. Source (unverified): 1 cm² (small facial pads) to 400 cm² (large IFC pads).
    public static let padArea = Area.squareCentimetres(1)...Area.squareCentimetres(400)

    /// Needle contact areas. Source (unverified): DOMAIN's 0.08 cm² example sits inside 0.001–1 cm².
    public static let needleArea = Area.squareCentimetres(0.001)...Area.squareCentimetres(1)

    /// Longest sweep cycle. Source (unverified): DOMAIN's modulations cycle in 1–24 s; 120 s allows slow variants.
    public static let longestSweepCycle = TimeSpan.seconds(120)

    /// Fastest rise of the operator's amplitude, per second: every start and resume ramps from zero at
    /// most this fast. Source (unverified): DOMAIN, "current always starts from zero and rises gradually";
    /// 2 mA/s reaches a 20 mA TENS target in 10 s, 100 µA/s a 500 µA microcurrent target in 5 s.
    public static func rampRatePerSecond(for modality: Modality) -> Current {
        switch modality {
        case .microcurrent: .microamps(100)
        case .electroacupuncture: .milliamps(1)
        case .highVoltPulsed: .milliamps(10)
        default: .milliamps(2)
        }
    }

    /// The parameter envelope of each modality.
    public static func spec(for modality: Modality, electrode: Electrode.Kind) -> ModalitySpec {
        ModalitySpec.table(modality, electrode)
    }
}
