/// The operator's amplitude over session time: constant, or a ramp between two levels.
///
/// The engine hands one of these to the generator for each window it fills, so a soft
/// start or an amplitude change is scaled pulse by pulse.
public struct AmplitudeEnvelope: Hashable, Sendable {
    public var from: Current
    public var to: Current
    public var rampStart: TimeSpan
    public var rampEnd: TimeSpan
    /// How long each level of a ramp is held: it follows the line from `from` to `to` in stairs this long, each at the
    /// line's value where it starts, so a rising ramp never stands above its line. Zero follows the line itself.
    public var step: TimeSpan

    public static func constant(_ amplitude: Current) -> AmplitudeEnvelope {
        AmplitudeEnvelope(from: amplitude, to: amplitude, rampStart: .zero, rampEnd: .zero, step: .zero)
    }

    /// `from` until `start`, up the line to `to` at `end` in stairs `step` long (or the line itself), `to` after.
    public static func ramp(from: Current, to: Current, start: TimeSpan, end: TimeSpan, step: TimeSpan) -> AmplitudeEnvelope {
        AmplitudeEnvelope(from: from, to: to, rampStart: start, rampEnd: max(start, end), step: max(.zero, step))
    }

    public init(from: Current, to: Current, rampStart: TimeSpan, rampEnd: TimeSpan, step: TimeSpan) {
        self.from = from
        self.to = to
        self.rampStart = rampStart
        self.rampEnd = rampEnd
        self.step = step
    }

    public func amplitude(at t: TimeSpan) -> Current {
        if t <= rampStart { return from }
        if t >= rampEnd { return to }
        let rise = IntegerMath.scale(to.microamps - from.microamps,
                                     by: (stairStart(at: t) - rampStart).nanoseconds,
                                     over: (rampEnd - rampStart).nanoseconds)
        return Current(microamps: from.microamps + rise)
    }

    /// The end of the stretch from `t` over which the amplitude holds still; nil while it ramps pulse by pulse.
    func steadyUntil(_ t: TimeSpan) -> TimeSpan? {
        if from == to || t >= rampEnd { return TimeSpan(nanoseconds: .max) }
        if t < rampStart { return rampStart }
        guard step > .zero else { return nil }
        let stair = stairStart(at: t)
        return rampEnd - stair <= step ? rampEnd : stair + step
    }

    /// Where the stair holding `t` begins, for `t` inside the ramp.
    private func stairStart(at t: TimeSpan) -> TimeSpan {
        guard step > .zero else { return t }
        let into = (t - rampStart).nanoseconds
        return TimeSpan(nanoseconds: t.nanoseconds - into % step.nanoseconds)
    }
}
