/// A repetition rate, held exactly as whole millihertz.
///
/// Millihertz keeps microcurrent's 0.3 Hz and IFC's 4 kHz carriers in one exact
/// integer. The pulse period is the frequency's reciprocal rounded to the nearest
/// nanosecond; that rounding is the only timing error and it does not accumulate.
public struct Frequency: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var millihertz: Int64

    public init(millihertz: Int64) { self.millihertz = millihertz }

    public static func hertz(_ value: Int64) -> Frequency { Frequency(millihertz: value * 1000) }
    public static func millihertz(_ value: Int64) -> Frequency { Frequency(millihertz: value) }

    public var hertz: Double { Double(millihertz) / 1000 }

    /// The period to the nearest nanosecond. Only defined for positive frequencies.
    public var period: TimeSpan {
        precondition(millihertz > 0, "period of a non-positive frequency")
        let picoHertzSeconds: Int64 = 1_000_000_000_000
        return TimeSpan(nanoseconds: (picoHertzSeconds + millihertz / 2) / millihertz)
    }

    /// Whole cycles in `span`, from the exact frequency rather than the rounded period, so
    /// 35 Hz holds 350 pulses in 10 s even though its period is rounded up by a fraction of a nanosecond.
    public func cycles(in span: TimeSpan) -> Int64 {
        guard span.nanoseconds > 0 else { return 0 }
        return IntegerMath.scale(span.nanoseconds, by: millihertz, over: 1_000_000_000_000)
    }

    public static func < (a: Frequency, b: Frequency) -> Bool { a.millihertz < b.millihertz }
    public static func + (a: Frequency, b: Frequency) -> Frequency { Frequency(millihertz: a.millihertz + b.millihertz) }

    public var description: String {
        if millihertz >= 1_000_000 { return "\(DecimalText.format(millihertz, scale: 1_000_000)) kHz" }
        return "\(DecimalText.format(millihertz, scale: 1000)) Hz"
    }
}
