import Foundation
@testable import StimulationCore

/// The clinic policy's figures and findings, so tests of figures need not name the policy.
extension SafetyFigures {
    init(plan: ChannelPlan, amplitude: Current) {
        self.init(plan: plan, amplitude: amplitude, testLoad: SafetyPolicy.clinic.testLoad)
    }

    var findings: [SafetyFinding] { SafetyPolicy.clinic.findings(self) }
}

/// Shared builders so each test states only what it is about.
enum Fixtures {
    static let pad = Electrode(kind: .pad, area: .squareCentimetres(25))

    static func programme(
        modality: Modality = .tensConventional, duration: TimeSpan = .seconds(10), shape: PulseShape = .symmetricBiphasic,
        frequency: Frequency = .hertz(100), width: TimeSpan = .microseconds(200), carrier: Carrier? = nil,
        burst: Burst? = nil, duty: DutyCycle? = nil, denseDisperse: DenseDisperse? = nil, sweeps: [Sweep] = [],
        overrides: [Int: ChannelOverride] = [:], maximum: Current = .milliamps(40), electrode: Electrode = pad
    ) -> Programme {
        Programme(name: "test", modality: modality, duration: duration, shape: shape, frequency: frequency,
                  phaseWidth: width, carrier: carrier, burst: burst, duty: duty, denseDisperse: denseDisperse,
                  sweeps: sweeps, overrides: overrides,
                  amplitude: AmplitudeWindow(start: .zero, target: maximum, maximum: maximum), electrode: electrode)
    }

    /// Every pulse of one channel in programme time [from, to), as (time, pulse).
    static func pulses(_ programme: Programme, channel: Int = 1, amplitude: Current = .milliamps(20),
                       from: TimeSpan = .zero, to: TimeSpan? = nil) -> [(time: TimeSpan, pulse: Pulse)] {
        let runs = PulseCursor.runs(plan: ChannelPlan(programme: programme, channel: channel), origin: .zero,
                                    envelope: .constant(amplitude), from: from, to: to ?? programme.duration)
        return runs.flatMap { Array($0.expanded) }
    }

    static var protocolsDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("protocols").path
    }

    /// A valid single-programme protocol file, with `programme` lines spliced into its [[programme]].
    static func protocolText(programme lines: String = "", top: String = "", channels: Int = 2) -> String {
        """
        format = 1
        id = "test-protocol"
        title = "Test"
        indication = "Testing"
        placement = "Anywhere"
        channels = \(channels)
        contraindications = ["pregnancy"]
        \(top)
        [electrode]
        kind = "pad"
        area = "25 cm²"

        [[programme]]
        name = "Only"
        modality = "tens-conventional"
        duration = "20 min"
        shape = "symmetric-biphasic"
        frequency = "100 Hz"
        phase_width = "200 µs"
        amplitude = { start = "0 mA", target = "20 mA", max = "40 mA" }
        \(lines)
        """
    }
}
