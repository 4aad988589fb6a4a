import StimulationCore
import Transports

/// One channel's live state inside the engine.
struct ChannelRuntime {
    var target: Current = .zero
    /// The soft-start ramp runs from `rampFrom` at `rampStart` up to `target` at the ramp rate, in stairs `step` long.
    var rampFrom: Current = .zero
    var rampStart: TimeSpan = .zero
    var cursor: PulseCursor?
    var delivered: Current = .zero
    var impedance: Resistance?
    var contact: ContactState = .ok
    var faulted = false
    var highestDelivered: Current = .zero
    var highestCommanded: Current = .zero

    var outputOn: Bool { cursor != nil }

    func envelope(rate: Current, step: TimeSpan) -> AmplitudeEnvelope {
        guard target > rampFrom, rate.microamps > 0 else { return .constant(target) }
        let rise = target.microamps - rampFrom.microamps
        let duration = TimeSpan(nanoseconds: IntegerMath.ceilingScale(rise, by: 1_000_000_000, over: rate.microamps))
        return .ramp(from: rampFrom, to: target, start: rampStart, end: rampStart + duration, step: step)
    }
}
