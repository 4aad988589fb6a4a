/// The operator's amplitude over session time: constant, or a linear ramp between two levels.
///
/// The engine hands one of these to the generator for each window it fills, so a soft
/// start or an amplitude change is scaled pulse by pulse.
public struct AmplitudeEnvelope: Hashable, Sendable {
    public var from: Current
    public var to: Current
    public var rampStart: TimeSpan
    public var rampEnd: TimeSpan

    public static func constant(_ amplitude: Current) -> AmplitudeEnvelope {
        AmplitudeEnvelope(from: amplitude, to: amplitude, rampStart: .zero, rampEnd: .zero)
    }

    /// `from` until `start`, linear to `to` at `end`, `to` after.
    public static func ramp(from: Current, to: Current, start: TimeSpan, end: TimeSpan) -> AmplitudeEnvelope {
        AmplitudeEnvelope(from: from, to: to, rampStart: start, rampEnd: max(start, end))
    }

    public init(from: Current, to: Current, rampStart: TimeSpan, rampEnd: TimeSpan) {
        self.from = from
        self.to = to
        self.rampStart = rampStart
        self.rampEnd = rampEnd
    }

    public func amplitude(at t: TimeSpan) -> Current {
        if t <= rampStart { return from }
        if t >= rampEnd { return to }
        let step = IntegerMath.scale(to.microamps - from.microamps,
                                     by: (t - rampStart).nanoseconds,
                                     over: (rampEnd - rampStart).nanoseconds)
        return Current(microamps: from.microamps + step)
    }

    /// The end of the stretch from `t` over which the amplitude holds still; nil while it ramps.
    func steadyUntil(_ t: TimeSpan) -> TimeSpan? {
        if from == to || t >= rampEnd { return TimeSpan(nanoseconds: .max) }
        if t < rampStart { return rampStart }
        return nil
    }
}
