/// Every limit Galvani enforces, in one value, each named by `SafetyLimit` with its source there.
///
/// The protocol loader checks a file with a policy and the safety governor admits runs with the
/// same policy's rules (SafetyPolicy+Rules), so the two can never disagree. The clinic policy holds
/// today's numbers; a home unit's is derived from it with `stricter(_:)`, which refuses any change
/// that would loosen a limit.
public struct SafetyPolicy: Hashable, Sendable {
    /// Which policy this is, as an operator would name it ("clinic", "home: <patient>").
    public internal(set) var name: String

    /// Test load for energy and power figures: IEC 60601-2-10 and FDA special controls characterise output into 500 Ω.
    /// A measuring condition, not a limit, so `stricter` keeps it.
    public let testLoad: Resistance

    public internal(set) var modalities: [ModalityKey: ModalitySpec]
    public internal(set) var rampRates: [Modality: Current]
    /// A soft start climbs in stairs held this long, so no rise at once is more than its rate over this time.
    public internal(set) var softStartStep: TimeSpan

    public internal(set) var pulsedChargePerPhase: Charge
    public internal(set) var microcurrentChargePerPhase: Charge
    public internal(set) var netChargeTolerance: Charge
    public internal(set) var rmsCurrent: Current
    public internal(set) var densityWarning: CurrentDensity
    public internal(set) var densityCeiling: CurrentDensity
    public internal(set) var powerDensity: PowerDensity
    public internal(set) var pulseEnergy: Energy
    public internal(set) var shannonK: Double

    public internal(set) var longestProgramme: TimeSpan
    public internal(set) var longestProtocol: TimeSpan
    public internal(set) var mostProgrammes: Int
    public internal(set) var mostChannels: Int
    public internal(set) var padArea: ClosedRange<Area>
    public internal(set) var needleArea: ClosedRange<Area>
    public internal(set) var longestSweepCycle: TimeSpan

    public internal(set) var engineLookahead: TimeSpan
    /// Output that stopped for longer than this (the host fell behind its queue) resumes only by ramping from zero.
    public internal(set) var outputGapRestart: TimeSpan
    public internal(set) var keepAliveInterval: TimeSpan

    public internal(set) var ackTimeout: TimeSpan
    public internal(set) var handshakeTimeout: TimeSpan
    /// More damaged frames than `damagedFrames` within `damageWindow` end the link.
    public internal(set) var damagedFrames: Int
    public internal(set) var damageWindow: TimeSpan
    public internal(set) var minimumDeviceLookahead: TimeSpan
    public internal(set) var deviceWatchdog: ClosedRange<TimeSpan>
    public internal(set) var deviceClockJump: TimeSpan
    public internal(set) var telemetrySilence: TimeSpan
    /// The longest the host may go without reading the serial line before the link is no longer watched.
    public internal(set) var serialReaderLag: TimeSpan
    /// The most of a serial line's bytes per second a protocol may need at its busiest.
    public internal(set) var lineSharePercent: Int

    public struct ModalityKey: Hashable, Sendable {
        public var modality: Modality
        public var electrode: Electrode.Kind
    }

    public static let clinic = SafetyPolicy(
        name: "clinic",
        testLoad: .ohms(500),
        modalities: Dictionary(uniqueKeysWithValues: Modality.allCases.flatMap { modality in
            Electrode.Kind.allCases.map { (ModalityKey(modality: modality, electrode: $0), ModalitySpec.clinic(modality, $0)) }
        }),
        rampRates: Dictionary(uniqueKeysWithValues: Modality.allCases.map { modality in
            (modality, { () -> Current in
                switch modality {
                case .microcurrent: .microamps(100)
                case .electroacupuncture: .milliamps(1)
                case .highVoltPulsed: .milliamps(10)
                default: .milliamps(2)
                }
            }())
        }),
        softStartStep: .milliseconds(50),
        pulsedChargePerPhase: .microcoulombs(75),
        microcurrentChargePerPhase: .microcoulombs(1000),
        netChargeTolerance: .microcoulombs(0.001),
        rmsCurrent: .milliamps(50),
        densityWarning: CurrentDensity(milliampsPerSquareCentimetre: 2),
        densityCeiling: CurrentDensity(milliampsPerSquareCentimetre: 4),
        powerDensity: PowerDensity(wattsPerSquareCentimetre: 0.25),
        pulseEnergy: Energy(millijoules: 300),
        shannonK: 1.5,
        longestProgramme: .minutes(8 * 60),
        longestProtocol: .minutes(8 * 60),
        mostProgrammes: 64,
        mostChannels: 8,
        padArea: Area.squareCentimetres(1)...Area.squareCentimetres(400),
        needleArea: Area.squareCentimetres(0.001)...Area.squareCentimetres(1),
        longestSweepCycle: .seconds(120),
        engineLookahead: .milliseconds(160),
        outputGapRestart: .milliseconds(100),
        keepAliveInterval: .milliseconds(100),
        ackTimeout: .milliseconds(200),
        handshakeTimeout: .seconds(1),
        damagedFrames: 3,
        damageWindow: .seconds(1),
        minimumDeviceLookahead: .milliseconds(30),
        deviceWatchdog: TimeSpan.milliseconds(150)...TimeSpan.seconds(1),
        deviceClockJump: .milliseconds(20),
        telemetrySilence: .milliseconds(2500),
        serialReaderLag: .seconds(1),
        lineSharePercent: 80
    )

    /// The envelope of a modality on an electrode kind.
    public func spec(for modality: Modality, electrode: Electrode.Kind) -> ModalitySpec {
        modalities[ModalityKey(modality: modality, electrode: electrode)]!
    }

    /// Fastest rise of the operator's amplitude, per second: every start and resume ramps from zero at most this fast.
    public func rampRate(for modality: Modality) -> Current { rampRates[modality]! }
}
