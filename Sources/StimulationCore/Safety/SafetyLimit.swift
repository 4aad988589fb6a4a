/// The name of every limit in a `SafetyPolicy`. Findings, refusals and the hazard table
/// name limits by this enum, so a limit cannot be misspelt or renamed in one place only.
public enum SafetyLimit: Hashable, Sendable, CustomStringConvertible {
    case modalityCeiling(Modality, Electrode.Kind)
    case rampRate(Modality)
    case softStartStep
    case pulsedChargePerPhase
    case microcurrentChargePerPhase
    case netCharge
    case rmsCurrent
    case densityWarning
    case densityCeiling
    case powerDensity
    case pulseEnergy
    case shannonK
    case longestProgramme
    case longestProtocol
    case mostProgrammes
    case mostChannels
    case padArea
    case needleArea
    case longestSweepCycle
    case engineLookahead
    case outputGapRestart
    case keepAliveInterval
    case ackTimeout
    case handshakeTimeout
    case damagedFrames
    case minimumDeviceLookahead
    case deviceWatchdog
    case deviceClockJump
    case telemetrySilence
    case serialReaderLag
    case lineShare

    /// The words findings and refusals use ("charge per phase", "net DC").
    public var description: String {
        switch self {
        case .modalityCeiling(let modality, let electrode): "\(modality.displayName) ceiling on \(electrode.rawValue)s"
        case .rampRate(let modality): "\(modality.displayName) soft-start rate"
        case .softStartStep: "soft-start stair"
        case .pulsedChargePerPhase, .microcurrentChargePerPhase: "charge per phase"
        case .netCharge: "net DC"
        case .rmsCurrent: "rms current"
        case .densityWarning, .densityCeiling: "rms current density"
        case .powerDensity: "power density"
        case .pulseEnergy: "pulse energy"
        case .shannonK: "Shannon k"
        case .longestProgramme: "programme length"
        case .longestProtocol: "protocol length"
        case .mostProgrammes: "programme count"
        case .mostChannels: "channel count"
        case .padArea: "pad area"
        case .needleArea: "needle area"
        case .longestSweepCycle: "sweep cycle"
        case .engineLookahead: "engine lookahead"
        case .outputGapRestart: "output gap before a fresh soft start"
        case .keepAliveInterval: "keep-alive interval"
        case .ackTimeout: "ACK timeout"
        case .handshakeTimeout: "handshake timeout"
        case .damagedFrames: "damaged frames"
        case .minimumDeviceLookahead: "device lookahead"
        case .deviceWatchdog: "device watchdog"
        case .deviceClockJump: "device clock jump"
        case .telemetrySilence: "telemetry silence"
        case .serialReaderLag: "serial reader lag"
        case .lineShare: "share of a serial line"
        }
    }

    /// Where the number comes from. "(unverified)" marks a default from field knowledge
    /// (../shared/DOMAIN.md) rather than a standard's text; those are deliberately conservative.
    public var source: String {
        switch self {
        case .modalityCeiling(let modality, let electrode): ModalitySpec.ceilingSource(modality, electrode)
        case .rampRate:
            "(unverified) DOMAIN: \"current always starts from zero and rises gradually\"; 2 mA/s reaches a 20 mA TENS "
                + "target in 10 s, 100 µA/s a 500 µA microcurrent target in 5 s"
        case .softStartStep:
            "(unverified) a 50 ms stair rises at most a twentieth of the rate's second at once: 0.1 mA at 2 mA/s, under the "
                + "0.5 mA steps of RehaMove3 (DOMAIN); held amplitudes let a sweep's pulses differ only in period on the wire"
        case .pulsedChargePerPhase:
            "(unverified) no IEC figure; 75 µC sits above EMS at 100 mA × 600 µs (60 µC), the largest pulse DOMAIN lists"
        case .microcurrentChargePerPhase: "DOMAIN: 1000 µA ceiling × 1 s phase (0.5 Hz square wave, 998 ms pulses)"
        case .netCharge: "DOMAIN: charge balance S1 = S2; monophasic must alternate to zero DC; the tolerance is µA rounding only"
        case .rmsCurrent: "50 mA rms output ceiling quoted by device makers (DOMAIN: 2 mA/cm² on a 25 cm² pad)"
        case .densityWarning: "IEC 60601-2-10, 201.7.9.2.101 g): above 2 mA rms/cm² the operator must be warned"
        case .densityCeiling: "(unverified) twice the IEC 60601-2-10 attention level; a lifting pad is the burn risk DOMAIN names"
        case .powerDensity: "FDA powered muscle stimulator guidance: average power density < 0.25 W/cm²"
        case .pulseEnergy: "IEC 60601-2-10 (ed. 1, 51.104): ≤ 300 mJ per pulse into 500 Ω"
        case .shannonK: "Shannon 1992: damage at k ≥ 1.85; k = 1.5 is the conservative design cap (DOMAIN)"
        case .longestProgramme: "DOMAIN: sessions run 5–60 min; 8 h bounds a home unit's day"
        case .longestProtocol: "DOMAIN: sessions run 5–60 min; a whole protocol, like one programme, fits in a day's 8 h"
        case .mostProgrammes: "(unverified) DOMAIN's protocols hold 1–6 programmes in sequence; 64 leaves room and bounds a file"
        case .mostChannels: "DOMAIN: research stimulators (RehaStim 2) have 8 channels"
        case .padArea: "(unverified) 1 cm² (small facial pads) to 400 cm² (large IFC pads)"
        case .needleArea: "(unverified) DOMAIN's 0.08 cm² needle sits inside 0.001–1 cm²"
        case .longestSweepCycle: "(unverified) DOMAIN's modulations cycle in 1–24 s; 120 s allows slow variants"
        case .engineLookahead: "ARCHITECTURE: a bounded lead keeps host jitter from the patient; refilled at half, 160 ms "
            + "leaves 80 ms against a late wake, beyond the 35–55 ms stalls NOTES saw on a loaded 2-core machine. STOP, "
            + "pause and every amplitude change flush it at once, so it delays nothing an operator asks for; "
            + "a device holding less is given its own lookahead, a serial device speaking protocol 1.0 40 ms"
        case .outputGapRestart: "(unverified) a muscle twitch relaxes within about 100 ms and a sensation fades with it: after a longer "
            + "silence full amplitude is a fresh onset, which soft start exists to soften; a shorter one is a few missed pulses"
        case .keepAliveInterval: "well inside the wire protocol's 250 ms device watchdog"
        case .ackTimeout: "a frame crosses 115200 baud in under 25 ms even behind a full batch; longer means nobody listens"
        case .handshakeTimeout: "a device answers HELLO at once; a second allows for a USB adapter's enumeration"
        case .damagedFrames: "more than 3 damaged frames within 1 s: the line is too noisy to trust"
        case .minimumDeviceLookahead: "a channel's runs leave once due within 25 ms and the engine refills at half its lead; below 30 ms host jitter reaches the patient"
        case .deviceWatchdog: "must outlast the 100 ms keep-alive with room for one late; at most 4 × the protocol's 250 ms"
        case .deviceClockJump: "drift moves a device clock by µs per second; 20 ms at once is a clock that cannot be trusted"
        case .telemetrySilence: "wire protocol §9.2: TELEMETRY at least once a second per channel; 2.5 s allows one lost report"
        case .serialReaderLag: "(unverified) far beyond the tens of ms a loaded host delays a thread, well inside the 2.5 s telemetry silence"
        case .lineShare: "(unverified) a fifth of the line kept free: a full line delays every frame behind it, STOP-ALL's too"
        }
    }
}
