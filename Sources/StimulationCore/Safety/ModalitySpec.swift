/// The ranges a modality's parameters must stay within, and its amplitude ceiling.
/// Sources: ../shared/DOMAIN.md, "Modalities and typical parameters", widened only
/// where a neighbouring variant (brief-intense TENS, clinic microcurrent units) needs it.
public struct ModalitySpec: Hashable, Sendable {
    public var frequency: ClosedRange<Frequency>
    public var phaseWidth: ClosedRange<TimeSpan>?
    public var carrier: ClosedRange<Frequency>?
    public var beat: ClosedRange<Frequency>?
    public var burstRate: ClosedRange<Frequency>?
    public var ceiling: Current

    /// The clinic's envelope of each modality.
    static func clinic(_ modality: Modality, _ electrode: Electrode.Kind) -> ModalitySpec {
        let hz = Frequency.hertz, µs = TimeSpan.microseconds
        switch modality {
        case .tensConventional:
            // 80–150 Hz conventional, up to 200 Hz brief-intense; 50–500 µs.
            return ModalitySpec(frequency: hz(80)...hz(200), phaseWidth: µs(50)...µs(500), ceiling: .milliamps(80))
        case .tensAcupunctureLike:
            return ModalitySpec(frequency: hz(1)...hz(5), phaseWidth: µs(200)...µs(500), ceiling: .milliamps(80))
        case .tensBurst:
            return ModalitySpec(frequency: hz(70)...hz(100), phaseWidth: µs(100)...µs(250), burstRate: hz(1)...hz(5),
                                ceiling: .milliamps(80))
        case .tensModulated:
            // 2 Hz ↔ 120 Hz cycles and 80–120 Hz sweeps; widths 100–330 µs.
            return ModalitySpec(frequency: hz(1)...hz(200), phaseWidth: µs(50)...µs(500), ceiling: .milliamps(80))
        case .ems:
            return ModalitySpec(frequency: hz(30)...hz(100), phaseWidth: µs(250)...µs(600), ceiling: .milliamps(100))
        case .russian:
            return ModalitySpec(frequency: hz(1000)...hz(10000), carrier: hz(1000)...hz(10000), burstRate: hz(20)...hz(100),
                                ceiling: .milliamps(100))
        case .ifcFourPole, .ifcPremodulated:
            return ModalitySpec(frequency: hz(1000)...hz(10250), carrier: hz(1000)...hz(10000),
                                beat: Frequency.millihertz(0)...hz(250), ceiling: .milliamps(80))
        case .electroacupuncture:
            return ModalitySpec(frequency: hz(1)...hz(100), phaseWidth: µs(300)...µs(600),
                                ceiling: electrode == .needle ? .milliamps(10) : .milliamps(15))
        case .microcurrent:
            // DOMAIN: 0.3–1000 Hz, clinic units to 1500 Hz; long pulses up to ~1 s.
            return ModalitySpec(frequency: Frequency.millihertz(300)...hz(1500), phaseWidth: µs(100)...µs(1_000_000),
                                ceiling: .microamps(1000))
        case .highVoltPulsed:
            // 150 V into the 500 Ω test load is 300 mA peak.
            return ModalitySpec(frequency: hz(1)...hz(120), phaseWidth: µs(5)...µs(100), ceiling: .milliamps(300))
        }
    }

    static func ceilingSource(_ modality: Modality, _ electrode: Electrode.Kind) -> String {
        switch modality {
        case .tensConventional, .tensAcupunctureLike, .tensBurst, .tensModulated:
            "DOMAIN: acupuncture-like TENS reaches 30–80 mA; other TENS stays below"
        case .ems: "DOMAIN: EMS/NMES to the maximum tolerated, 65–100 mA"
        case .russian: "DOMAIN: Russian current is high, as EMS"
        case .ifcFourPole, .ifcPremodulated: "(unverified) DOMAIN: IFC at a comfortable level"
        case .electroacupuncture:
            electrode == .needle ? "DOMAIN: electroacupuncture 2–10 mA via needles" : "DOMAIN: electroacupuncture 8–15 mA via skin pads"
        case .microcurrent: "DOMAIN: microcurrent 10–1000 µA, subsensory"
        case .highVoltPulsed: "DOMAIN: high-volt pulsed 100–150 V; 150 V into the 500 Ω test load is 300 mA peak"
        }
    }

    init(frequency: ClosedRange<Frequency>, phaseWidth: ClosedRange<TimeSpan>? = nil,
         carrier: ClosedRange<Frequency>? = nil, beat: ClosedRange<Frequency>? = nil,
         burstRate: ClosedRange<Frequency>? = nil, ceiling: Current) {
        self.frequency = frequency
        self.phaseWidth = phaseWidth
        self.carrier = carrier
        self.beat = beat
        self.burstRate = burstRate
        self.ceiling = ceiling
    }

    /// Whether every range of `self` lies inside `other`'s and the ceiling is no higher.
    func isNoLooser(than other: ModalitySpec) -> Bool {
        func inside<T>(_ a: ClosedRange<T>?, _ b: ClosedRange<T>?) -> Bool {
            switch (a, b) {
            case (nil, nil): true
            case let (a?, b?): a.lowerBound >= b.lowerBound && a.upperBound <= b.upperBound
            default: false
            }
        }
        return ceiling <= other.ceiling && inside(frequency, other.frequency) && inside(phaseWidth, other.phaseWidth)
            && inside(carrier, other.carrier) && inside(beat, other.beat) && inside(burstRate, other.burstRate)
    }
}
