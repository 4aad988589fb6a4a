import StimulationCore

/// A stimulator output stage wired to GPIO lines, as a board file describes it. Lines are named, not numbered:
/// chip numbers and offsets move between boots and kernels, names from the device tree or gpio-sim do not.
public struct Board: Sendable, Equatable {
    public enum Level: String, Sendable, CaseIterable { case high, low }

    /// A line that switches part of the stage on, with the pull resistor that holds it off once released.
    public struct Switch: Sendable, Equatable {
        public var line: String
        public var active: Level
    }

    public struct Channel: Sendable, Equatable {
        public var anode: Switch
        public var cathode: Switch
        /// The current DAC's code lines, least significant first; always active-high.
        public var dac: [String]
        public var fullScale: Current

        /// The largest code the DAC takes.
        public var largestCode: Int64 { (1 << Int64(dac.count)) - 1 }

        /// The code for `amplitude`, rounded down so the stage never gives more than was admitted.
        public func code(for amplitude: Current) -> Int64 {
            // The loader bounds full scale (10 A) and the DAC (16 bits), so the product stays far inside Int64.
            min(amplitude.magnitude.microamps, fullScale.microamps) * largestCode / fullScale.microamps
        }

        /// What `code` delivers.
        public func amplitude(ofCode code: Int64) -> Current {
            .microamps(code * fullScale.microamps / largestCode)
        }
    }

    public var file: String
    public var name: String
    public var enable: Switch
    public var heartbeat: String
    /// How often the heartbeat line toggles while output is allowed; the external watchdog cuts the stage
    /// when it stops.
    public var heartbeatPeriod: TimeSpan
    public var channels: [Channel]
    public var compliance: Int64
    public var maximum: Current
    /// Both legs of a bridge off between one phase and the other, so the stage never shorts its supply.
    public var deadTime: TimeSpan
    /// The shortest phase and the highest pulse rate the board's output thread can time.
    public var shortestPhase: TimeSpan
    public var highestRate: Frequency
    /// How much longer than planned a phase may last before output stops; the governor admits charge at the
    /// planned width plus this.
    public var stretchTolerance: TimeSpan

    /// Every line the board uses, in request order: ENABLE, HEARTBEAT, then per channel the legs and DAC bits.
    public var lineNames: [String] {
        [enable.line, heartbeat] + channels.flatMap { [$0.anode.line, $0.cathode.line] + $0.dac }
    }
}
