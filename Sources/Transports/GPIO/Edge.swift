import StimulationCore

/// One change of a channel's lines at a planned session time.
struct Edge: Sendable, Equatable {
    enum Role: Sendable, Equatable {
        /// The DAC code for the phase about to start; set before the leg so the leg opens at the right current.
        case code
        /// A leg on, starting a phase that should last `planned`.
        case on(planned: TimeSpan)
        /// Both legs off and the code to 0, ending the phase.
        case off
    }

    var time: TimeSpan
    var channel: Int
    var bits: UInt64
    var mask: UInt64
    var role: Role
    /// The pulse this edge belongs to, by its planned start: a pulse is played whole or skipped whole, so a late
    /// start never leaves one phase without the one that balances it.
    var pulse: TimeSpan
    /// The pulse's first and last edges.
    var first = false
    var last = false
}
