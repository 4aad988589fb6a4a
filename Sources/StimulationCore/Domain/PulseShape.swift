/// The shapes a programme can use. Each knows its phases, and so its charge per phase and net charge.
public enum PulseShape: Hashable, Sendable {
    /// +I for w, then −I for w.
    case symmetricBiphasic
    /// +I for w, then −I/r for r·w: unequal phases that still put back the same charge.
    case asymmetricBiphasic(ratio: Double)
    /// +I for w, a gap, then −I for w.
    case biphasicWithGap(gap: TimeSpan)
    /// +I for w, with every other pulse inverted.
    case monophasic(polarity: Polarity)
    /// Microcurrent's 50 % square wave: +I for half the period, −I for the other half.
    case squareWave
    /// High-volt pulsed current: two short peaks of one polarity, `separation` apart.
    case twinPeak(separation: TimeSpan, polarity: Polarity)
    /// One cycle of a sine carrier: a positive and a negative half sine.
    case sineCarrier

    public enum Polarity: String, CaseIterable, Sendable {
        case positive
        case negative
        case alternating
    }

    /// A shape without its parameters, numbered by its bit in a device's capability mask (wire
    /// protocol §6.2). The numbers are fixed for good: a new shape takes the next free number, so
    /// adding one never changes what an existing device's mask means.
    public enum Kind: Int, CaseIterable, Sendable {
        case symmetricBiphasic = 0
        case asymmetricBiphasic = 1
        case biphasicWithGap = 2
        case monophasic = 3
        case squareWave = 4
        case twinPeak = 5
        case sineCarrier = 6

        /// The name protocol files use.
        public var name: String {
            switch self {
            case .symmetricBiphasic: "symmetric-biphasic"
            case .asymmetricBiphasic: "asymmetric-biphasic"
            case .biphasicWithGap: "biphasic-gap"
            case .monophasic: "monophasic"
            case .squareWave: "square-wave"
            case .twinPeak: "twin-peak"
            case .sineCarrier: "sine-carrier"
            }
        }

        public init?(name: String) {
            guard let kind = Self.allCases.first(where: { $0.name == name }) else { return nil }
            self = kind
        }
    }

    public var kind: Kind {
        switch self {
        case .symmetricBiphasic: .symmetricBiphasic
        case .asymmetricBiphasic: .asymmetricBiphasic
        case .biphasicWithGap: .biphasicWithGap
        case .monophasic: .monophasic
        case .squareWave: .squareWave
        case .twinPeak: .twinPeak
        case .sineCarrier: .sineCarrier
        }
    }

    /// The name protocol files use.
    public var name: String { kind.name }

    public static let names = Kind.allCases.map(\.name)

    /// Whether consecutive pulses invert, so that charge balances over each pair.
    public var alternates: Bool {
        switch self {
        case .monophasic(let p), .twinPeak(_, let p): p == .alternating
        default: false
        }
    }

    /// Shapes whose phase width is set by the file; the others derive it from the period.
    public var takesPhaseWidth: Bool {
        switch self {
        case .squareWave, .sineCarrier: false
        default: true
        }
    }

    /// The phases of one pulse at peak `amplitude`, phase width `width` and period `period`.
    /// The first pulse of an alternating train is positive unless the polarity says negative.
    public func pulse(amplitude: Current, width: TimeSpan, period: TimeSpan) -> Pulse {
        let a = amplitude
        switch self {
        case .symmetricBiphasic:
            return Pulse(Phase(amplitude: a, duration: width), Phase(amplitude: -a, duration: width))
        case .asymmetricBiphasic(let ratio):
            // The second amplitude is rounded to whole µA, so its duration is solved from the first
            // phase's charge: the pulse then balances to within half a nanosecond of current.
            let secondAmplitude = max(1, Int64((Double(a.microamps) / ratio).rounded()))
            let second = a.microamps == 0
                ? TimeSpan(nanoseconds: Int64((Double(width.nanoseconds) * ratio).rounded()))
                : TimeSpan(nanoseconds: (a.microamps * width.nanoseconds + secondAmplitude / 2) / secondAmplitude)
            let secondCurrent = a.microamps == 0 ? Current.zero : Current(microamps: secondAmplitude)
            return Pulse(Phase(amplitude: a, duration: width), Phase(amplitude: -secondCurrent, duration: second))
        case .biphasicWithGap(let gap):
            return Pulse(Phase(amplitude: a, duration: width), .gap(gap), Phase(amplitude: -a, duration: width))
        case .monophasic(let polarity):
            return Pulse(Phase(amplitude: polarity == .negative ? -a : a, duration: width))
        case .squareWave:
            // Equal halves even for an odd-nanosecond period: the spare nanosecond stays at zero
            // rather than tipping every cycle's charge one way.
            let half = TimeSpan(nanoseconds: period.nanoseconds / 2)
            return Pulse(Phase(amplitude: a, duration: half), Phase(amplitude: -a, duration: half))
        case .twinPeak(let separation, let polarity):
            let peak = Phase(amplitude: polarity == .negative ? -a : a, duration: width)
            return Pulse(peak, .gap(separation - width), peak)
        case .sineCarrier:
            let half = TimeSpan(nanoseconds: period.nanoseconds / 2)
            return Pulse(Phase(amplitude: a, duration: half, form: .halfSine),
                         Phase(amplitude: -a, duration: half, form: .halfSine))
        }
    }
}
