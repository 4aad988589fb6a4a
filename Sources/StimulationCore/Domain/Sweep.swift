/// A parameter that moves over a cycle to stop the nerve accommodating.
public struct Sweep: Hashable, Sendable {
    public enum Parameter: String, CaseIterable, Sendable {
        /// Pulse rate (or, for IFC 4-pole, nothing: use `beat`).
        case frequency
        /// Phase width.
        case width
        /// Amplitude, as a percentage of the operator's setting.
        case amplitude
        /// IFC beat (amplitude-modulation) frequency.
        case beat
    }

    public enum Profile: String, CaseIterable, Sendable {
        /// Linear from `from` to `to` over the first half of the cycle, back over the second.
        case triangle
        /// `from` for the first half of the cycle, `to` for the second.
        case square
    }

    public var parameter: Parameter
    public var profile: Profile
    /// Endpoints in the parameter's integer unit: mHz, ns or per-mille.
    public var from: Int64
    public var to: Int64
    public var cycle: TimeSpan

    public init(parameter: Parameter, profile: Profile, from: Int64, to: Int64, cycle: TimeSpan) {
        self.parameter = parameter
        self.profile = profile
        self.from = from
        self.to = to
        self.cycle = cycle
    }

    public var lowest: Int64 { min(from, to) }
    public var highest: Int64 { max(from, to) }

    /// The value at programme time `t`, in exact integer arithmetic.
    public func value(at t: TimeSpan) -> Int64 {
        let c = cycle.nanoseconds
        let half = c / 2
        let phase = ((t.nanoseconds % c) + c) % c
        switch profile {
        case .square:
            return phase < half ? from : to
        case .triangle:
            let span = to - from
            if phase < half { return from + IntegerMath.scale(span, by: phase, over: half) }
            return to - IntegerMath.scale(span, by: phase - half, over: c - half)
        }
    }

    /// The next time after `t` at which a square sweep switches; nil for a triangle, which never holds still.
    public func nextSwitch(after t: TimeSpan) -> TimeSpan? {
        guard profile == .square else { return nil }
        let half = cycle.nanoseconds / 2
        let boundary = (t.nanoseconds / half + 1) * half
        return TimeSpan(nanoseconds: boundary)
    }
}
