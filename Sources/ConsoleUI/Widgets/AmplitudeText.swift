import Foundation
import StimulationCore

/// Amplitudes in one unit and precision per modality, fine enough to show one key step: µA for microcurrent,
/// tenths of a mA for TENS and electroacupuncture, whole mA where a step is a milliampere or more. A ramp then
/// rises in steps a reader can compare, instead of mixing "18 mA" with "11.004 mA".
enum AmplitudeText {
    static func text(_ current: Current, modality: Modality) -> String {
        let step = modality.amplitudeStep.microamps
        if step < 100 { return "\(current.microamps) µA" }
        if step < 1000 { return String(format: "%.1f mA", Double(current.microamps) / 1000) }
        return "\((current.microamps + 500) / 1000) mA"
    }
}
