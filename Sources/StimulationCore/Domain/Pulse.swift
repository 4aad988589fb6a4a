/// One pulse: up to three phases, stored inline so a pulse costs no allocation.
///
/// Three phases cover every shape: biphasic with an interphase gap and the
/// twin-peak pair (peak, gap, peak) are the longest. Unused slots hold empty gaps,
/// which add nothing to duration, charge or peak.
public struct Pulse: Hashable, Sendable {
    public private(set) var count: Int
    private var p0: Phase
    private var p1: Phase
    private var p2: Phase

    public init(_ phases: [Phase]) {
        precondition((1...3).contains(phases.count), "a pulse has one to three phases")
        count = phases.count
        p0 = phases[0]
        p1 = phases.count > 1 ? phases[1] : .gap(.zero)
        p2 = phases.count > 2 ? phases[2] : .gap(.zero)
    }

    // These take the phases one by one, so building a pulse allocates no array: the generator builds one per pulse.

    public init(_ only: Phase) {
        count = 1
        p0 = only
        p1 = .gap(.zero)
        p2 = .gap(.zero)
    }

    public init(_ first: Phase, _ second: Phase) {
        count = 2
        p0 = first
        p1 = second
        p2 = .gap(.zero)
    }

    public init(_ first: Phase, _ second: Phase, _ third: Phase) {
        count = 3
        p0 = first
        p1 = second
        p2 = third
    }

    public var phases: [Phase] { Array([p0, p1, p2].prefix(count)) }

    /// The time from the first phase's start to the last phase's end.
    public var duration: TimeSpan { p0.duration + p1.duration + p2.duration }

    /// The largest current in the pulse; what a ceiling is compared with.
    public var peak: Current { max(p0.amplitude.magnitude, p1.amplitude.magnitude, p2.amplitude.magnitude) }

    public var netCharge: Charge { p0.charge + p1.charge + p2.charge }

    public var negated: Pulse {
        var copy = self
        copy.p0 = p0.negated
        copy.p1 = p1.negated
        copy.p2 = p2.negated
        return copy
    }

    public var scheduleText: String { phases.map(\.scheduleText).joined(separator: " ") }
}
