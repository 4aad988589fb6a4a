/// One part of a pulse: a signed current held for a duration.
///
/// Rectangular phases are the pulses of TENS and EMS; half-sine phases are the
/// halves of a medium-frequency carrier cycle (Russian, IFC).
public struct Phase: Hashable, Sendable {
    public enum Form: Hashable, Sendable {
        case rectangular
        case halfSine
    }

    public var amplitude: Current
    public var duration: TimeSpan
    public var form: Form

    public init(amplitude: Current, duration: TimeSpan, form: Form = .rectangular) {
        self.amplitude = amplitude
        self.duration = duration
        self.form = form
    }

    public static func gap(_ duration: TimeSpan) -> Phase { Phase(amplitude: .zero, duration: duration) }

    /// Signed charge: a half sine carries 2/π of the rectangle with the same peak.
    public var charge: Charge {
        let rectangle = Charge(current: amplitude, duration: duration)
        switch form {
        case .rectangular: return rectangle
        case .halfSine: return Charge(microcoulombs: rectangle.microcoulombs * 2 / Double.pi)
        }
    }

    /// ∫i² dt in A²·s: a half sine has half the rectangle's mean square.
    public var squaredCurrentTime: Double {
        let rectangle = amplitude.amps * amplitude.amps * duration.seconds
        return form == .halfSine ? rectangle / 2 : rectangle
    }

    public var negated: Phase { Phase(amplitude: -amplitude, duration: duration, form: form) }

    /// "+20000:200" (µA:µs); a half sine is marked "~" so a scope trace can be matched.
    public var scheduleText: String {
        let sign = amplitude.microamps > 0 ? "+" : ""
        let mark = form == .halfSine ? "~" : ""
        return "\(mark)\(sign)\(amplitude.microamps):\(duration.microsecondText)"
    }
}
