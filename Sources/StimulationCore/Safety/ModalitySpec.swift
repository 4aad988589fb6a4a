/// The ranges a modality's parameters must stay within, and its amplitude ceiling.
/// Sources: ../shared/DOMAIN.md, "Modalities and typical parameters", widened only
/// where a neighbouring variant (brief-intense TENS, clinic microcurrent units) needs it.
public struct ModalitySpec: Sendable {
    public var frequency: ClosedRange<Frequency>
    public var phaseWidth: ClosedRange<TimeSpan>?
    public var carrier: ClosedRange<Frequency>?
    public var beat: ClosedRange<Frequency>?
    public var burstRate: ClosedRange<Frequency>?
    public var ceiling: Current
    public var ceilingSource: String

    static func table(_ modality: Modality, _ electrode: Electrode.Kind) -> ModalitySpec {
        let hz = Frequency.hertz, µs = TimeSpan.microseconds
        switch modality {
        case .tensConventional:
            // 80–150 Hz conventional, up to 200 Hz brief-intense; 50–500 µs.
            return ModalitySpec(frequency: hz(80)...hz(200), phaseWidth: µs(50)...µs(500), ceiling: .milliamps(80),
                                ceilingSource: "TENS ceiling 80 mA (DOMAIN: acupuncture-like TENS reaches 30–80 mA)")
        case .tensAcupunctureLike:
            return ModalitySpec(frequency: hz(1)...hz(5), phaseWidth: µs(200)...µs(500), ceiling: .milliamps(80),
                                ceilingSource: "TENS ceiling 80 mA (DOMAIN: acupuncture-like TENS 30–80 mA)")
        case .tensBurst:
            return ModalitySpec(frequency: hz(70)...hz(100), phaseWidth: µs(100)...µs(250), burstRate: hz(1)...hz(5),
                                ceiling: .milliamps(80), ceilingSource: "TENS ceiling 80 mA (DOMAIN: burst TENS as conventional)")
        case .tensModulated:
            // 2 Hz ↔ 120 Hz cycles and 80–120 Hz sweeps; widths 100–330 µs.
            return ModalitySpec(frequency: hz(1)...hz(200), phaseWidth: µs(50)...µs(500), ceiling: .milliamps(80),
                                ceilingSource: "TENS ceiling 80 mA (DOMAIN: modulated TENS as conventional)")
        case .ems:
            return ModalitySpec(frequency: hz(30)...hz(100), phaseWidth: µs(250)...µs(600), ceiling: .milliamps(100),
                                ceilingSource: "EMS ceiling 100 mA (DOMAIN: maximum tolerated, 65–100 mA)")
        case .russian:
            return ModalitySpec(frequency: hz(1000)...hz(10000), carrier: hz(1000)...hz(10000), burstRate: hz(20)...hz(100),
                                ceiling: .milliamps(100), ceilingSource: "Russian current ceiling 100 mA (DOMAIN: high, as EMS)")
        case .ifcFourPole, .ifcPremodulated:
            return ModalitySpec(frequency: hz(1000)...hz(10250), carrier: hz(1000)...hz(10000), beat: Frequency.millihertz(0)...hz(250),
                                ceiling: .milliamps(80), ceilingSource: "IFC ceiling 80 mA (unverified; DOMAIN: comfortable)")
        case .electroacupuncture:
            return ModalitySpec(frequency: hz(1)...hz(100), phaseWidth: µs(300)...µs(600),
                                ceiling: electrode == .needle ? .milliamps(10) : .milliamps(15),
                                ceilingSource: electrode == .needle
                                    ? "electroacupuncture ceiling 10 mA on needles (DOMAIN: 2–10 mA via needles)"
                                    : "electroacupuncture ceiling 15 mA on pads (DOMAIN: 8–15 mA via skin pads)")
        case .microcurrent:
            // DOMAIN: 0.3–1000 Hz, clinic units to 1500 Hz; long pulses up to ~1 s.
            return ModalitySpec(frequency: Frequency.millihertz(300)...hz(1500), phaseWidth: µs(100)...µs(1_000_000),
                                ceiling: .microamps(1000), ceilingSource: "microcurrent ceiling 1000 µA (DOMAIN: 10–1000 µA, subsensory)")
        case .highVoltPulsed:
            // 150 V into the 500 Ω test load is 300 mA peak.
            return ModalitySpec(frequency: hz(1)...hz(120), phaseWidth: µs(5)...µs(100), ceiling: .milliamps(300),
                                ceilingSource: "high-volt pulsed ceiling 300 mA peak (DOMAIN: 100–150 V; 150 V into 500 Ω)")
        }
    }

    init(frequency: ClosedRange<Frequency>, phaseWidth: ClosedRange<TimeSpan>? = nil,
         carrier: ClosedRange<Frequency>? = nil, beat: ClosedRange<Frequency>? = nil,
         burstRate: ClosedRange<Frequency>? = nil, ceiling: Current, ceilingSource: String) {
        self.frequency = frequency
        self.phaseWidth = phaseWidth
        self.carrier = carrier
        self.beat = beat
        self.burstRate = burstRate
        self.ceiling = ceiling
        self.ceilingSource = ceilingSource
    }
}
