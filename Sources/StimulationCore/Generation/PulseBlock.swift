/// A stretch of programme time over which the pulse grid runs without restarting:
/// one burst, one duty-cycle on-window, one dense-disperse segment or one sweep cycle.
///
/// Every block starts with a pulse at its start, and a pulse is only placed where its
/// whole period fits before the block ends, so no two pulses are ever closer than the
/// period in force.
struct PulseBlock: Hashable {
    var start: TimeSpan
    var end: TimeSpan
    /// The duty-cycle on-window the block lies in, for ramps.
    var onStart: TimeSpan
    var onEnd: TimeSpan
}

extension ChannelPlan {
    /// The block containing `t`, or the first one after it; nil past the programme's end.
    func block(atOrAfter time: TimeSpan) -> PulseBlock? {
        var t = max(time, .zero)
        while t < duration {
            var onStart = TimeSpan.zero, onEnd = duration
            if let duty {
                let cycle = duty.cycle.nanoseconds
                onStart = TimeSpan(nanoseconds: t.nanoseconds / cycle * cycle)
                onEnd = onStart + duty.on
                if t >= onEnd {
                    onStart += duty.cycle
                    onEnd = onStart + duty.on
                }
                guard onStart < duration else { return nil }
                onEnd = min(onEnd, duration)
            }
            var cursor = max(t, onStart)
            var start = onStart, end = onEnd
            if let burst {
                let period = burst.rate.period.nanoseconds
                let index = (cursor - onStart).nanoseconds / period
                start = onStart + TimeSpan(nanoseconds: index * period)
                end = start + burst.length
                if cursor >= end {
                    start += TimeSpan(nanoseconds: period)
                    end = start + burst.length
                }
                if start >= onEnd {
                    t = onEnd
                    if duty == nil { return nil }
                    continue
                }
                end = min(end, onEnd)
                cursor = max(cursor, start)
            }
            // The grid restarts at each dense-disperse switch, and at each cycle of a sweep that moves
            // timing (walked from its start so any seek gives the same pulses).
            func restart(every split: TimeSpan) {
                let segment = TimeSpan(nanoseconds: cursor.nanoseconds / split.nanoseconds * split.nanoseconds)
                start = max(start, segment)
                end = min(end, segment + split)
            }
            if let denseDisperse { restart(every: denseDisperse.switchEvery) }
            if let timingSweep { restart(every: timingSweep.cycle) }
            return PulseBlock(start: start, end: end, onStart: onStart, onEnd: onEnd)
        }
        return nil
    }
}
