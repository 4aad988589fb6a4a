import StimulationCore

/// Amplitudes in one unit and precision per modality, fine enough to show one key step: µA for microcurrent,
/// tenths of a mA for TENS and electroacupuncture, whole mA where a step is a milliampere or more. A ramp then
/// rises in steps a reader can compare, instead of mixing "18 mA" with "11.004 mA".
enum AmplitudeText {
    static func text(_ current: Current, modality: Modality) -> String {
        let step = modality.amplitudeStep.microamps
        if step < 100 { return "\(current.microamps) µA" }
        if step < 1000 {
            // Integer tenths, rounded half up like whole milliamperes: formatting through Foundation was an eighth of
            // the console's frame.
            let tenths = (current.microamps.magnitude + 50) / 100
            return "\(sign(current, tenths))\(tenths / 10).\(tenths % 10) mA"
        }
        let whole = (current.microamps.magnitude + 500) / 1000
        return "\(sign(current, whole))\(whole) mA"
    }

    /// A minus only before a figure that is not zero once rounded: "0 mA", never "-0 mA".
    private static func sign(_ current: Current, _ rounded: UInt64) -> String { current.microamps < 0 && rounded > 0 ? "-" : "" }
}
