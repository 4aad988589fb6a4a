import Foundation

/// Premodulated IFC's envelope: one carrier whose amplitude dips at the beat frequency, to `depth`.
struct Premodulation: Hashable, Sendable {
    /// How deep the envelope dips, as a fraction: 0 leaves the carrier steady, 1 takes it to zero.
    var depth: Double
    var beat: Frequency?
    var beatSweep: Sweep?

    /// Multiplier on the carrier's amplitude at programme time `t`.
    func factor(at t: TimeSpan) -> Double {
        (1 - depth) + depth * abs(Foundation.cos(Double.pi * beatPhaseCycles(at: t)))
    }

    /// ∫ beat dt in cycles from the programme start; a swept beat is a chirp, so its phase is the integral.
    private func beatPhaseCycles(at t: TimeSpan) -> Double {
        guard let beat else { return 0 }
        guard let sweep = beatSweep else { return beat.hertz * t.seconds }
        let c = sweep.cycle.seconds
        let a = Double(sweep.from) / 1000, b = Double(sweep.to) / 1000
        let whole = (t.seconds / c).rounded(.down)
        var p = t.seconds - whole * c
        var cycles = whole * (a + b) / 2 * c
        let half = c / 2
        if sweep.profile == .square {
            cycles += p < half ? a * p : a * half + b * (p - half)
            return cycles
        }
        if p < half { return cycles + a * p + (b - a) * p * p / (2 * half) }
        cycles += (a + b) / 2 * half
        p -= half
        return cycles + b * p - (b - a) * p * p / (2 * half)
    }
}
