/// One pulse: up to three phases, stored inline so a pulse costs no allocation.
///
/// Three phases cover every shape: biphasic with an interphase gap and the
/// twin-peak pair (peak, gap, peak) are the longest.
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

    public var phases: [Phase] { Array([p0, p1, p2].prefix(count)) }

    /// The time from the first phase's start to the last phase's end.
    public var duration: TimeSpan { phases.reduce(.zero) { $0 + $1.duration } }

    /// The largest current in the pulse; what a ceiling is compared with.
    public var peak: Current { phases.map(\.amplitude.magnitude).max() ?? .zero }

    public var netCharge: Charge { phases.reduce(Charge(microcoulombs: 0)) { $0 + $1.charge } }

    public var negated: Pulse { Pulse(phases.map(\.negated)) }

    public var scheduleText: String { phases.map(\.scheduleText).joined(separator: " ") }
}
