import StimulationCore

extension Engine {
    /// How long output has been without queued runs by `time`: zero while the lookahead still reaches it.
    func uncoveredGap(until time: TimeSpan) -> TimeSpan {
        guard let coveredUntil, channels.contains(where: \.outputOn), time > coveredUntil else { return .zero }
        return time - coveredUntil
    }

    /// Output ran out: the runs for the missed stretch were never queued, so none of them may play late.
    /// Every channel picks up its pulse grid from now; after a gap long enough for the sensation to fade,
    /// from zero by a fresh soft start, as after any pause.
    func resumeAfterGap(_ gap: TimeSpan) {
        guard let governor else { return }
        let restart = gap > policy.outputGapRestart
        outputGaps.add(gap, restarted: restart)
        record(.outputGap(length: gap, softStart: restart))
        for index in channels.indices {
            guard let cursor = channels[index].cursor else { continue }
            var envelope = cursor.envelope
            if restart {
                channels[index].rampFrom = .zero
                channels[index].rampStart = now
                envelope = self.envelope(channel: index)
            }
            channels[index].cursor = PulseCursor(plan: governor.plan(programme: programmeIndex, channel: index + 1),
                                                 origin: now - programmeElapsed, envelope: envelope, from: now)
        }
        coveredUntil = now
    }
}
