import StimulationCore
import Transports

extension Engine {
    func rampRate() -> Current { governor?.rampRate(programme: programmeIndex) ?? .zero }

    /// Where a channel's amplitude heads from its ramp's start: up at the programme's soft-start rate, in the policy's stairs.
    func envelope(channel index: Int) -> AmplitudeEnvelope {
        channels[index].envelope(rate: rampRate(), step: policy.softStartStep)
    }

    /// The programme's target, or the operator's own, never above the channel's ceiling.
    func defaultTarget(channel: Int) -> Current {
        let wanted = operatorTargets[channel] ?? programme.amplitude.target
        guard let ceiling = governor?.ceiling(programme: programmeIndex, channel: channel) else { return wanted }
        return min(wanted, ceiling.amplitude)
    }

    /// A programme's target: the operator's own if they set one, clamped to this programme's ceiling. Every clamp is
    /// an event, so an operator and the record see which limit (a device's lower maximum, the figures) held it down.
    func applyProgrammeTarget(channel: Int) {
        let target = defaultTarget(channel: channel)
        let wanted = operatorTargets[channel] ?? programme.amplitude.target
        if wanted > target,
           let ceiling = governor?.ceiling(programme: programmeIndex, channel: channel) {
            record(.amplitudeClamped(channel: channel, requested: wanted, limit: ceiling.amplitude, source: ceiling.source))
        }
        channels[channel - 1].target = target
        record(.targetChanged(channel: channel, target: target))
    }

    func commanded(channel index: Int, at time: TimeSpan) -> Current {
        guard channels[index].outputOn else { return .zero }
        return envelope(channel: index).amplitude(at: time)
    }

    /// Every start, resume and programme change begins at zero and ramps up (soft start).
    func startOutput() {
        guard let governor else { return }
        let origin = now - programmeElapsed
        // Nothing is queued until the next fill; a fresh start has no gap to measure.
        coveredUntil = nil
        for index in channels.indices where !channels[index].faulted {
            channels[index].rampFrom = .zero
            channels[index].rampStart = now
            let envelope = self.envelope(channel: index)
            channels[index].cursor = PulseCursor(plan: governor.plan(programme: programmeIndex, channel: index + 1),
                                                 origin: origin, envelope: envelope, from: now)
        }
    }

    /// Output off on every channel at once; queued pulses are discarded by the transport.
    /// The transport is told first, before any bookkeeping, so a stop reaches the device as soon as it can.
    func stopOutput(reason: String) {
        if linkUp { transport.stopAll(at: now) }
        coveredUntil = nil
        var wasOn = false
        for index in channels.indices {
            wasOn = wasOn || channels[index].outputOn
            channels[index].cursor = nil
            channels[index].delivered = .zero
        }
        if wasOn { record(.outputOff(reason: reason)) }
    }

    /// How far ahead runs are queued: the policy's lead, or less when the device holds less.
    var lookahead: TimeSpan { governor.map { lookahead(for: $0.capabilities) } ?? policy.engineLookahead }

    func lookahead(for capabilities: DeviceCapabilities) -> TimeSpan { min(policy.engineLookahead, capabilities.lookahead) }

    /// Queues runs up to one lookahead ahead, each passed through the governor.
    func fillLookahead() {
        guard let governor else { return }
        let horizon = now + lookahead
        for index in channels.indices {
            guard var cursor = channels[index].cursor else { continue }
            var batch: [PulseRun] = []
            while let run = cursor.nextRun(before: horizon) {
                switch governor.admit(run, programme: programmeIndex, envelope: cursor.envelope) {
                case .success(let admitted):
                    batch.append(admitted)
                case .failure(let refusal):
                    haltForFault(.governor(channel: refusal.channel), priority: .high,
                                 "safety governor stopped output: \(refusal.description)")
                    return
                }
            }
            channels[index].cursor = cursor
            coveredUntil = horizon
            let commandedNow = cursor.envelope.amplitude(at: now)
            channels[index].highestCommanded = max(channels[index].highestCommanded, commandedNow)
            guard !batch.isEmpty else { continue }
            do {
                try transport.submit(batch, at: now)
            } catch {
                fail(.transport, "\(transport.name) refused pulses: \(error.message)")
                return
            }
        }
    }

    /// Sets a channel's target, clamped to its ceiling. Every change takes effect at once.
    func setTarget(channel: Int, to requested: Current) {
        let index = channel - 1
        var value = max(requested, .zero)
        if let ceiling = governor?.ceiling(programme: programmeIndex, channel: channel), value > ceiling.amplitude {
            record(.amplitudeClamped(channel: channel, requested: value, limit: ceiling.amplitude, source: ceiling.source))
            // A patient at their prescribed top reads it in their clinician's terms, not the clinic's.
            let words = ceiling.source == AmplitudeCeiling.prescribed
                ? "channel \(channel): \(ceiling.amplitude) is \(AmplitudeCeiling.prescribedWords)"
                : "channel \(channel): \(value) limited to \(ceiling.amplitude) by the \(ceiling.source)"
            raiseAlarm(.amplitudeLimited(channel: channel), priority: .low, words, conditionPresent: false)
            value = ceiling.amplitude
        }
        let current = commanded(channel: index, at: now)
        operatorTargets[channel] = value
        channels[index].target = value
        record(.targetChanged(channel: channel, target: value))
        guard channels[index].outputOn else { return }
        // No change waits behind the queued pulses: a decrease would reach the patient up to a lead late, and a rise
        // generated behind them would meet them with a step of several stairs at once. The channel is flushed and goes
        // on from now: at once at a lower level, or up from where it is.
        channels[index].rampFrom = min(value, current)
        channels[index].rampStart = now
        do {
            try transport.stop(channel: channel, at: now)
        } catch {
            fail(.transport, "\(transport.name) could not stop channel \(channel): \(error.message)")
            return
        }
        if let governor {
            channels[index].cursor = PulseCursor(plan: governor.plan(programme: programmeIndex, channel: channel),
                                                 origin: now - programmeElapsed,
                                                 envelope: envelope(channel: index), from: now)
        }
    }

    /// Runs the treatment timer; a finished programme hands over to the next, which ramps up from zero.
    /// The timer keeps the protocol's schedule through a gap, but the gap is not counted as delivered.
    func advanceTimer(by span: TimeSpan, idle: TimeSpan = .zero) {
        programmeElapsed += span
        deliveredPerProgramme[programmeIndex] += span - idle
        while state == .running, programmeElapsed >= programme.duration {
            let overshoot = programmeElapsed - programme.duration
            deliveredPerProgramme[programmeIndex] -= overshoot
            finishProgramme(carrying: overshoot)
        }
    }

    /// Ends the current programme (at its end or skipped) and starts the next, or finishes the session.
    func finishProgramme(carrying overshoot: TimeSpan) {
        record(.programmeCompleted(index: programmeIndex, delivered: deliveredPerProgramme[programmeIndex]))
        guard programmeIndex + 1 < therapyProtocol.programmes.count else {
            stopOutput(reason: "protocol complete")
            programmeElapsed = programme.duration
            changeState(to: .finished, reason: "every programme completed")
            return
        }
        let wasOn = channels.contains { $0.outputOn }
        if wasOn { stopOutput(reason: "programme change") }
        programmeIndex += 1
        programmeElapsed = overshoot
        deliveredPerProgramme[programmeIndex] += overshoot
        record(.programmeStarted(index: programmeIndex, name: programme.name))
        for index in channels.indices { applyProgrammeTarget(channel: index + 1) }
        if state == .running { startOutput() }
    }
}
