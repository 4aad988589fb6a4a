import StimulationCore

/// A stimulator in software: runs play through an electrode–skin model, failures come from a fault script.
///
/// It keeps no clock of its own. Every call says what time it is, and the simulated
/// device catches up to that moment before answering: scripted faults, drift steps,
/// the watchdog and queued pulses are played in time order. So it runs the same on a
/// manual clock in tests as on the real one.
///
/// Like a real stimulator with a per-channel electrode-error flag, it protects the
/// patient on its own: the first pulse that meets bad contact is not delivered and the
/// channel stays off until the host stops it, so output ends within one pulse period
/// of the fault, before the host has even heard of it.
public final class SimulatorTransport: Transport {
    /// A device that hears no keep-alive for longer than this turns its output off.
    public static let watchdogInterval = TimeSpan.milliseconds(250)
    /// Telemetry is sent when the delivered current moves by more than this fraction of the last report…
    public static let deliveredChangeThreshold = 0.02
    /// …or the impedance by more than this fraction, or the contact judgement changes.
    public static let impedanceChangeThreshold = 0.05
    public static let deviceID = "galvani-simulator"

    public let name = "simulator"
    /// Runs are queued as they come: nothing waits on the host to be sent.
    public let nextSend: TimeSpan? = nil
    /// In-process: the engine's own `stopAll` is the stop.
    public let emergencyStop: EmergencyStopLine? = nil
    public let lineBytesPerSecond: Int? = nil
    private let capabilities: DeviceCapabilities
    /// Every pulse delivered, in the order played, when recording was asked for; empty otherwise.
    public private(set) var deliveredPulses: [DeliveredPulse] = []
    /// How many pulses have been delivered since the transport was made, recorded or not.
    public private(set) var deliveredPulseCount = 0

    private enum Link: Equatable {
        case closed
        case open
        /// Output off after a device fault; only closing and reopening clears it.
        case faulted(String)
        case disconnected(String)
    }

    private let faults: [FaultEvent]
    private let recordsPulses: Bool
    /// The watchdog in session time: `watchdogInterval` of wall-clock silence, however fast the session runs.
    private let watchdog: TimeSpan
    private var nextFault = 0
    private var channels: [SimulatorChannel]
    private var link = Link.closed
    private var lastKeepAlive = TimeSpan.zero
    private var pending: [TransportEvent] = []

    /// - Parameters:
    ///   - lookahead: how far ahead of `now` a run may start.
    ///   - electrode: the electrode–skin model every channel starts with, fully on the skin.
    ///   - faults: failures to play out; every channel it names must exist.
    ///   - recordsPulses: keep every delivered pulse in `deliveredPulses`, for tests.
    ///   - speed: session time per wall-clock second. A host hiccup is wall-clock time; in a session sped up
    ///     N times it spans N times as much session time, so the watchdog allows that much before it acts.
    public init(channels: Int, maximumAmplitude: Current, lookahead: TimeSpan = .milliseconds(50),
                electrode: ElectrodeModel.Parameters = ElectrodeModel.Parameters(), faults: FaultScript? = nil,
                recordsPulses: Bool = false, speed: Int64 = 1) {
        precondition(speed >= 1, "a session runs at least in real time")
        watchdog = Self.watchdogInterval * speed
        precondition(channels >= 1, "a device has at least one channel")
        precondition(lookahead > .zero, "a device queues some time ahead")
        let faults = faults ?? FaultScript([])
        precondition(faults.highestChannel <= channels,
                     "the fault script names channel \(faults.highestChannel) of a device with \(channels)")
        capabilities = DeviceCapabilities(deviceID: Self.deviceID, channels: channels, maximumAmplitude: maximumAmplitude,
                                          shapes: Set(PulseShape.names), lookahead: lookahead)
        self.faults = faults.events
        self.recordsPulses = recordsPulses
        self.channels = Array(repeating: SimulatorChannel(electrode: ElectrodeModel(parameters: electrode)),
                              count: channels)
    }

    // MARK: - Transport

    public func open(at now: TimeSpan) throws(TransportError) -> DeviceCapabilities {
        switch link {
        case .closed: break
        case .disconnected(let reason): throw TransportError("the simulator is disconnected: \(reason); close it before opening it again")
        case .open, .faulted: throw TransportError("the simulator is already open; close it first")
        }
        advance(to: now)
        link = .open
        lastKeepAlive = now
        pending = []
        for c in channels.indices {
            channels[c].discardQueue()
            channels[c].latched = false
            channels[c].lastReported = nil
        }
        return capabilities
    }

    public func submit(_ runs: [PulseRun], at now: TimeSpan) throws(TransportError) {
        advance(to: now)
        try requireReachable()
        if case .faulted(let message) = link {
            throw TransportError("the simulator's output is off after a device fault (\(message)); "
                + "close and reopen it before sending pulses")
        }
        // All or nothing: a batch with one bad run leaves the queues as they were.
        var lastPulse = channels.map(\.lastQueuedPulse)
        for run in runs {
            try requireChannel(run.channel, what: "queue a run on")
            lastPulse[run.channel - 1] = try check(run, at: now, after: lastPulse[run.channel - 1])
        }
        for run in runs { channels[run.channel - 1].enqueue(run) }
    }

    public func stopAll(at now: TimeSpan) {
        advance(to: now)
        guard link == .open || isFaulted else { return }
        for c in channels.indices {
            channels[c].discardQueue()
            channels[c].latched = false
        }
    }

    public func stop(channel: Int, at now: TimeSpan) throws(TransportError) {
        advance(to: now)
        try requireReachable()
        try requireChannel(channel, what: "stop")
        channels[channel - 1].discardQueue()
        channels[channel - 1].latched = false
    }

    public func keepAlive(at now: TimeSpan) throws(TransportError) {
        advance(to: now)
        try requireReachable()
        lastKeepAlive = now
    }

    public func poll(until now: TimeSpan) -> [TransportEvent] {
        advance(to: now)
        // Most polls find nothing, or one report: neither needs sorting, nor a new array.
        guard pending.count > 1 else {
            let events = pending
            pending = []
            return events
        }
        // Channels are played one after another between boundaries, so restore time order;
        // events at the same time keep the order they happened in.
        let events = pending.enumerated()
            .sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }
            .map(\.element)
        pending = []
        return events
    }

    public func close() {
        for c in channels.indices { channels[c].discardQueue() }
        link = .closed
        pending = []
    }

    /// Whether a channel is stimulating: pulses queued, the link open and no electrode-error latch.
    /// A device emulator watches this to log the moment output really stops.
    public func isDelivering(channel: Int) -> Bool {
        link == .open && !channels[channel - 1].isIdle
    }

    // MARK: - Checks

    private var isFaulted: Bool {
        if case .faulted = link { return true }
        return false
    }

    private func requireReachable() throws(TransportError) {
        switch link {
        case .closed: throw TransportError("the simulator is not open")
        case .disconnected(let reason): throw TransportError("the simulator is disconnected: \(reason)")
        case .open, .faulted: return
        }
    }

    private func requireChannel(_ channel: Int, what: String) throws(TransportError) {
        guard channel >= 1, channel <= channels.count else {
            throw TransportError("cannot \(what) channel \(channel): the simulator has channels 1 to \(channels.count)")
        }
    }

    /// Refuses a run the device could not or must not play; returns the time of its last pulse.
    private func check(_ run: PulseRun, at now: TimeSpan, after previous: TimeSpan?) throws(TransportError) -> TimeSpan {
        let limit = capabilities.maximumAmplitude
        guard run.pulse.peak <= limit else {
            throw TransportError("run on channel \(run.channel) at \(run.start) peaks at \(run.pulse.peak); "
                + "the device's maximum is \(limit)")
        }
        guard run.count >= 1, run.period > .zero else {
            throw TransportError("run on channel \(run.channel) at \(run.start) has \(run.count) pulses "
                + "\(run.period) apart; a run holds at least one pulse and its period is above 0")
        }
        let (span, overflow) = run.period.nanoseconds.multipliedReportingOverflow(by: Int64(run.count - 1))
        guard !overflow, !run.start.nanoseconds.addingReportingOverflow(span).overflow else {
            throw TransportError("run on channel \(run.channel) at \(run.start) lasts beyond the end of session time")
        }
        let latest = now + capabilities.lookahead
        guard run.start <= latest else {
            throw TransportError("run on channel \(run.channel) starts at \(run.start), \(run.start - now) ahead; "
                + "the device queues at most \(capabilities.lookahead) ahead")
        }
        if let previous, run.start <= previous {
            throw TransportError("run on channel \(run.channel) starts at \(run.start), not after the pulse "
                + "already queued at \(previous); runs must arrive in time order")
        }
        return run.start + TimeSpan(nanoseconds: span)
    }

    // MARK: - Playing

    /// What happens next on the device's own timeline.
    private enum Boundary {
        case fault
        case drift(channel: Int)
        case watchdog(TimeSpan)
    }

    /// Plays everything due up to `now` in time order: pulses, scripted faults, drift steps, the watchdog.
    private func advance(to now: TimeSpan) {
        while true {
            // Pulses at or before `limit` come before the boundary; a fault takes effect from the
            // first pulse at or after its time, the watchdog only after a whole interval of silence.
            var limit = now
            var boundary: Boundary?
            if nextFault < faults.count, faults[nextFault].time <= now {
                limit = faults[nextFault].time - .nanoseconds(1)
                boundary = .fault
            }
            for c in channels.indices {
                if let step = channels[c].drift?.nextStep, step <= now, step - .nanoseconds(1) < limit {
                    limit = step - .nanoseconds(1)
                    boundary = .drift(channel: c)
                }
            }
            if link == .open {
                let deadline = lastKeepAlive + watchdog
                if deadline < now, deadline <= limit {
                    limit = deadline
                    boundary = .watchdog(deadline)
                }
            }
            for c in channels.indices { play(channel: c, through: limit) }
            switch boundary {
            case nil:
                return
            case .fault:
                apply(faults[nextFault])
                nextFault += 1
            case .drift(let c):
                let (multiplier, finished) = channels[c].drift!.advance()
                channels[c].electrode.drift = multiplier
                if finished { channels[c].drift = nil }
            case .watchdog(let deadline):
                let message = "watchdog: no keep-alive for more than \(Self.watchdogInterval); output off"
                turnOff(.faulted(message), reporting: .deviceFault(message), at: deadline)
            }
        }
    }

    private func play(channel c: Int, through limit: TimeSpan) {
        while let (run, time, count) = channels[c].takePulses(through: limit) {
            guard link == .open, !channels[c].latched else { continue }
            let response = channels[c].respond(to: run.pulse)
            guard response.contact == .ok else {
                channels[c].latched = true
                report(ElectrodeModel.Response(delivered: .zero, impedance: response.impedance, contact: response.contact,
                                               complianceLimited: response.complianceLimited),
                       channel: c, at: time)
                continue
            }
            report(response, channel: c, at: time)
            deliveredPulseCount += count
            if recordsPulses {
                for i in 0..<Int64(count) {
                    deliveredPulses.append(DeliveredPulse(time: time + run.period * i, channel: c + 1,
                                                          delivered: response.delivered))
                }
            }
        }
    }

    private func report(_ response: ElectrodeModel.Response, channel c: Int, at time: TimeSpan) {
        if let last = channels[c].lastReported, !Self.differs(response, from: last) {
            // Small changes are still sent, rate-limited, so a settled value is shown exactly.
            guard response != last, let reportedAt = channels[c].lastReportedAt,
                  time - reportedAt >= Self.settledReportInterval else { return }
        }
        channels[c].lastReported = response
        channels[c].lastReportedAt = time
        pending.append(TransportEvent(time: time, kind: .telemetry(channel: c + 1, delivered: response.delivered,
                                                                   impedance: response.impedance,
                                                                   contact: response.contact)))
    }

    private static func differs(_ new: ElectrodeModel.Response, from old: ElectrodeModel.Response) -> Bool {
        func moved(_ a: Double, _ b: Double, by threshold: Double) -> Bool {
            b == 0 ? a != 0 : abs(a - b) > threshold * abs(b)
        }
        if new.contact != old.contact { return true }
        if moved(Double(new.delivered.microamps), Double(old.delivered.microamps), by: deliveredChangeThreshold) {
            return true
        }
        switch (new.impedance, old.impedance) {
        case (nil, nil): return false
        case (let a?, let b?): return moved(a.ohms, b.ohms, by: impedanceChangeThreshold)
        default: return true
        }
    }

    private func apply(_ fault: FaultEvent) {
        defer { if let channel = fault.kind.channel { probe(channel: channel - 1, at: fault.time) } }
        switch fault.kind {
        case .padLift(let channel, let lift):
            channels[channel - 1].electrode.contactFraction = 1 - lift.fraction
        case .leadBreak(let channel):
            channels[channel - 1].electrode.leadBroken = true
        case .short(let channel):
            channels[channel - 1].electrode.shorted = true
        case .contactRestored(let channel):
            channels[channel - 1].electrode.contactFraction = 1
            channels[channel - 1].electrode.leadBroken = false
            channels[channel - 1].electrode.shorted = false
        case .impedanceDrift(let channel, let to, let over):
            let target = to.fraction
            if over == .zero {
                channels[channel - 1].electrode.drift = target
                channels[channel - 1].drift = nil
            } else {
                channels[channel - 1].drift = DriftRamp(from: channels[channel - 1].electrode.drift, to: target,
                                                        start: fault.time, over: over)
            }
        case .deviceFault(let message):
            guard link == .open || isFaulted else { return }
            turnOff(.faulted(message), reporting: .deviceFault(message), at: fault.time)
        case .disconnect:
            guard link == .open || isFaulted else { return }
            let reason = "the link to the simulated device was lost"
            turnOff(.disconnected(reason), reporting: .disconnected(reason), at: fault.time)
        }
    }

    /// How often a change below the thresholds may still be reported.
    public static let settledReportInterval = TimeSpan.milliseconds(100)

    /// A sub-sensory test current, as stimulators use to judge contact while they are not stimulating.
    static let probePulse = PulseShape.symmetricBiphasic.pulse(amplitude: .microamps(100), width: .microseconds(100),
                                                               period: .milliseconds(10))

    /// Every idle channel measures its electrodes now and reports them: a device does this from its
    /// handshake on, so a host hears of a missing pad before it starts and of every channel at least once.
    public func reportIdleChannels(at time: TimeSpan) {
        advance(to: time)
        for c in channels.indices { probe(channel: c, at: time) }
    }

    /// An idle channel still watches its electrodes: it reports contact measured with the probe
    /// current, so the host learns that a pad is back even while output is off.
    private func probe(channel c: Int, at time: TimeSpan) {
        guard link == .open, channels[c].isIdle else { return }
        let measured = channels[c].electrode.respond(to: Self.probePulse)
        report(ElectrodeModel.Response(delivered: .zero, impedance: measured.impedance, contact: measured.contact,
                                       complianceLimited: false),
               channel: c, at: time)
    }

    /// The device's own reaction to a fault of its own: every output off, every queue emptied.
    private func turnOff(_ state: Link, reporting kind: TransportEvent.Kind, at time: TimeSpan) {
        for c in channels.indices { channels[c].discardQueue() }
        link = state
        pending.append(TransportEvent(time: time, kind: kind))
    }
}
