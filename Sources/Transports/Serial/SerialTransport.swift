import Dispatch
import Glibc
import StimulationCore

/// A stimulator on a serial line, spoken to in the Galvani wire protocol (docs/wire-protocol.md).
///
/// The engine's thread writes; a reader thread decodes what the device sends. Anything that
/// makes the link doubtful — a refused or unacknowledged frame, a noisy line, a reply that makes
/// no sense, a device that restarted, a line that closed — stops the device's output at once and
/// is reported to the engine, which raises the alarm and ends the session. Nothing here reconnects.
public final class SerialTransport: Transport {
    /// A channel's held runs are sent once the earliest of them is due within this time, so
    /// several pulses share one frame. The device then holds at least this much ahead, or half the
    /// engine's lookahead if that is less (20 ms for a 1.0 device).
    public static let flushLead = TimeSpan.milliseconds(25)
    /// The device clock is re-read from every ACK: the least-delayed reading within this window is
    /// taken as its true offset, since the line can only make a reading late, never early.
    public static let clockWindow = TimeSpan.seconds(2)
    /// The offset in use follows the device clock in steps of at least this much, so a steady
    /// stream needs a fresh start time only every few seconds even on a drifting crystal…
    public static let clockStep = TimeSpan.microseconds(500)
    /// What the engine is not offered of a device's room: the offset in use may stand up to a step ahead of a slow
    /// device clock, so runs queued to the whole lookahead could land just beyond it and be refused, ending the session.
    public static let clockMargin = clockStep * 2
    /// A HELLO round trip short enough to set the offset from: the midpoint is then off by at most half of it,
    /// 10 ms, what a device offering the recommended 50 ms lookahead leaves beyond the host's 40 ms. It allows for a
    /// reply's time on the line at 115200 baud (about 7 ms for 80 bytes) and a USB adapter's latency. A longer one (a
    /// busy machine delayed the device or the host) is tried again, and the shortest kept.
    public static let goodHelloRoundTrip = TimeSpan.milliseconds(20)
    /// At most this many HELLOs in one handshake, and a new one only in the handshake's first half, so its
    /// reply still has time to come.
    static let helloAttempts = 4

    public let name: String
    /// The STOP byte, for the operator's key to send from its own thread.
    public let emergencyStop: EmergencyStopLine? = EmergencyStopLine()
    /// The link and timing limits this transport holds a device to.
    public let policy: SafetyPolicy
    private let path: String
    private let baud: Int
    private var port: SerialPort?
    private(set) var reader: SerialReader?
    private var capabilities: DeviceCapabilities?
    /// How far ahead the device accepts a run's start, as it said at HELLO; a 1.0 device's engine is offered less
    /// (`queueReach`), the room it must have.
    private var offeredLookahead = TimeSpan.zero
    /// Device time minus session time, as used for the runs being sent.
    private(set) var offset: Int64 = 0
    /// Recent readings of device time minus session time, from ACKs: (session time read, offset).
    private var clockReadings: [(at: Int64, offset: Int64)] = []
    /// How far the handshake's offset may be off, either way (half its round trip). For a clock window after the
    /// first ACK reading, a reading that much further from the offset is the handshake's error, to be followed,
    /// not a clock that jumped nor a late arrival; by then the window's best reading has replaced the handshake's.
    private var handshakeUncertainty: Int64 = 0
    private var firstReadingAt: Int64?
    /// The last HELLO of the handshake when its reply had not come and an earlier exchange was used: its reply
    /// may still come, once.
    private var unansweredHello: UInt8?
    /// What the reader handed over in the batch after the last HELLO-REPLY: the session's, taken at the next poll.
    private var carried: [SerialReader.Incoming] = []
    private var nextSequence: UInt8 = 0
    private var outstanding: [AwaitedFrame] = []
    /// Frames thrown away unsent by a STOP; a late ACK for one of them is no surprise.
    private var abandoned: Set<UInt8> = []
    private var held: [[PulseRun]] = []
    private var streams: [RunStream] = []
    /// Whether the device speaks protocol 1.1, so a duty-cycle ramp travels as ramp entries.
    private var ramps = false
    private var damage: [Int64] = []
    /// Session time of each channel's last TELEMETRY (or of the handshake): a device that stops reporting
    /// a channel can no longer be trusted to notice a lifting pad on it.
    private var lastTelemetry: [TimeSpan] = []
    private var lastDeviceSequence: UInt8?
    private var failure: String?
    private var pending: [TransportEvent] = []

    /// Bytes and frames that crossed the line, and what the reader threw away.
    public private(set) var bytesWritten = 0
    public private(set) var framesWritten = 0
    /// Device frames that never arrived, judged from gaps in the device's sequence numbers.
    public private(set) var lostReports = 0
    public var bytesRead: Int { reader?.bytesRead.load(ordering: .relaxed) ?? 0 }
    public var decoderCounters: FrameDecoder.Counters { reader?.counters.withLock { $0 } ?? FrameDecoder.Counters() }

    public init(path: String, baud: Int = SerialPort.defaultBaud, policy: SafetyPolicy = .clinic) {
        self.policy = policy
        self.path = path
        self.baud = baud
        name = baud == SerialPort.defaultBaud ? "serial:\(path)" : "serial:\(path)@\(baud)"
    }

    // MARK: - Transport

    public func open(at now: TimeSpan) throws(TransportError) -> DeviceCapabilities {
        // The moment `now` names: the handshake times its HELLOs from here.
        let began = MonotonicTime.nanoseconds()
        guard port == nil else { throw TransportError("\(name) is already open; close it first") }
        let port = try SerialPort(path: path, baud: baud)
        let reader = SerialReader(descriptor: port.descriptor, path: path)
        self.port = port
        self.reader = reader
        emergencyStop?.arm(port.descriptor)
        reset()
        reader.start()
        do {
            return try handshake(at: now, began: began)
        } catch {
            close()
            throw error
        }
    }

    public func submit(_ runs: [PulseRun], at now: TimeSpan) throws(TransportError) {
        try requireLink()
        guard let capabilities else { throw TransportError("\(name) has not completed its handshake") }
        for run in runs {
            guard (1...capabilities.channels).contains(run.channel) else {
                throw TransportError("cannot queue a run on channel \(run.channel): the device has channels 1 to \(capabilities.channels)")
            }
            held[run.channel - 1].append(run)
        }
        try flush(at: now)
    }

    public func stopAll(at now: TimeSpan) {
        guard let port else { return }
        // Whatever waits in the line's buffer would play after the stop: drop it, then STOP goes first.
        // After a failure the only output waiting is that failure's own STOP-ALL, which must not be dropped.
        if failure == nil { port.discardPendingOutput() }
        try? port.write([WireProtocol.stop])
        bytesWritten += 1
        for sequence in outstanding.map(\.sequence) { abandoned.insert(sequence) }
        outstanding.removeAll()
        for c in held.indices {
            held[c].removeAll()
            streams[c].reset()
        }
        guard failure == nil else { return }
        do {
            try send(.stopAll, at: now)
        } catch {
            fail(.disconnected("the STOP-ALL confirmation could not be sent: \(error.message)"), at: now)
        }
    }

    public func stop(channel: Int, at now: TimeSpan) throws(TransportError) {
        try requireLink()
        guard held.indices.contains(channel - 1) else {
            throw TransportError("cannot stop channel \(channel): the device has channels 1 to \(held.count)")
        }
        held[channel - 1].removeAll()
        streams[channel - 1].reset()
        try send(.stopChannel(UInt8(channel)), at: now)
    }

    public func keepAlive(at now: TimeSpan) throws(TransportError) {
        try requireLink()
        try send(.keepAlive, at: now)
    }

    public func poll(until now: TimeSpan) -> [TransportEvent] {
        if port != nil, failure == nil, let reader {
            // A busy host may not have run its reader: the device's silence counts only up to what was heard.
            // Read that before taking the inbox, so everything heard by then is in what is taken.
            let unheard = MonotonicTime.nanoseconds() - reader.heardUntil.load(ordering: .acquiring)
            let heard = now - .nanoseconds(max(0, unheard))
            absorb(carried + reader.take(), at: now)
            carried = []
            if failure == nil, now - heard > policy.serialReaderLag {
                fail(.disconnected("the host has not read the serial line for \(now - heard): "
                    + "the device's replies and faults cannot be watched"), at: now)
            }
            if failure == nil, let oldest = outstanding.first, heard - oldest.sentAt > policy.ackTimeout {
                fail(.disconnected("the device did not acknowledge \(oldest) within \(policy.ackTimeout)"), at: now)
            }
            if failure == nil, let silent = lastTelemetry.indices.first(where: { heard - lastTelemetry[$0] > policy.telemetrySilence }) {
                fail(.disconnected("the device sent no telemetry for channel \(silent + 1) in \(policy.telemetrySilence): "
                    + "it may no longer be watching that channel's electrodes"), at: now)
            }
            if failure == nil {
                do { try flush(at: now) } catch { fail(.disconnected(error.message), at: now) }
            }
        }
        defer { pending.removeAll() }
        return pending
    }

    /// 8N1: ten bits on the line for every byte.
    public var lineBytesPerSecond: Int? { baud / 10 }

    public var nextSend: TimeSpan? {
        held.compactMap(\.first?.start).min().map { $0 - min(Self.flushLead, reach ?? Self.flushLead) }
    }

    /// How far ahead of the host's estimate of device time a run may start, while that estimate rests on the
    /// handshake alone: the device's lookahead less how far the handshake may be off, so no run can land beyond
    /// the lookahead on the device's real clock. Nil once an ACK has read the device's clock: readings are never
    /// early, so the offset is then never ahead of the device.
    private var reach: TimeSpan? {
        guard firstReadingAt == nil, capabilities != nil else { return nil }
        return offeredLookahead - .nanoseconds(handshakeUncertainty)
    }

    public func close() {
        guard let port else { return }
        try? port.write([WireProtocol.stop])
        if failure == nil, (try? port.write(HostMessage.goodbye.frame(sequence: nextSequence).encoded())) != nil {
            awaitGoodbye(nextSequence)
        }
        reader?.stop()
        emergencyStop?.disarm()
        port.close()
        self.port = nil
        reader = nil
        capabilities = nil
    }

    /// How long closing waits for GOODBYE's ACK: a courtesy to the device, not a safety limit, since output is
    /// already off; the 200 ms a device has to acknowledge any frame (docs/wire-protocol.md).
    static let goodbyeWait = TimeSpan.milliseconds(200)

    /// Waits, at most `goodbyeWait`, for the device to acknowledge GOODBYE: a pseudo-terminal (and some
    /// adapters) may drop bytes still in flight when the line closes, so the device would never hear that the
    /// host left.
    private func awaitGoodbye(_ sequence: UInt8) {
        guard let reader else { return }
        let deadline = MonotonicTime.nanoseconds() + Self.goodbyeWait.nanoseconds
        while true {
            for item in reader.take() {
                switch item {
                case .message(.ack(let acknowledged, _, _, _), _, _) where acknowledged == sequence: return
                case .closed: return
                default: continue
                }
            }
            let left = deadline - MonotonicTime.nanoseconds()
            guard left > 0 else { return }
            _ = reader.arrival.wait(timeout: .now() + .nanoseconds(Int(min(left, 10_000_000))))
        }
    }

    // MARK: - Handshake

    private func handshake(at now: TimeSpan, began: Int64) throws(TransportError) -> DeviceCapabilities {
        let deadline = began + policy.handshakeTimeout.nanoseconds
        var best: (reply: DeviceHello, roundTrip: Int64, midpoint: Int64)?
        var lastArrival = began
        for attempt in 1...Self.helloAttempts {
            guard let (reply, started, received) = try hello(until: deadline, at: now) else {
                // A retry's reply did not come in time: the exchange already made stands.
                guard best != nil else {
                    throw TransportError("no reply to HELLO within \(policy.handshakeTimeout): is a Galvani device on \(path), "
                        + "at \(baud) baud, and switched on?")
                }
                unansweredHello = nextSequence &- 1
                break
            }
            lastArrival = received
            let roundTrip = received - started
            if roundTrip < best?.roundTrip ?? .max {
                best = (reply, roundTrip, now.nanoseconds + (started - began) + roundTrip / 2)
            }
            // Every HELLO resets the device, so one more costs nothing but time; its reply must still come in time.
            guard roundTrip > Self.goodHelloRoundTrip.nanoseconds, attempt < Self.helloAttempts,
                  MonotonicTime.nanoseconds() - began < policy.handshakeTimeout.nanoseconds / 2 else { break }
        }
        let kept = best!
        // A device slower than any frame may be to answer cannot have its clock read well enough to time runs.
        guard kept.roundTrip <= policy.ackTimeout.nanoseconds else {
            throw TransportError("the device took \(TimeSpan(nanoseconds: kept.roundTrip)) at best to answer HELLO, more than "
                + "the \(policy.ackTimeout) any frame may take: its clock cannot be read well enough to time pulses")
        }
        handshakeUncertainty = kept.roundTrip / 2
        return try accept(kept.reply, midpoint: kept.midpoint, heardAt: now.nanoseconds + (lastArrival - began))
    }

    /// Sends one HELLO (after a STOP byte) and waits for its reply until `deadline`: the reply, when the HELLO went
    /// out and when the reply was read off the line; nil when it did not come in time.
    private func hello(until deadline: Int64, at now: TimeSpan) throws(TransportError) -> (DeviceHello, Int64, Int64)? {
        guard let port, let reader else { throw TransportError("\(name) is not open") }
        // A STOP first, before every HELLO: whatever the device was doing before this host, it stops, and a frame
        // left half-sent by an earlier host is abandoned.
        try port.write([WireProtocol.stop])
        let hello = nextSequence
        let started = MonotonicTime.nanoseconds()
        try send(.hello(major: WireProtocol.major, minor: WireProtocol.minor), at: now, expectsAck: false)
        while true {
            let items = reader.take()
            for (index, item) in items.enumerated() {
                switch item {
                case .message(.helloReply(let reply), let sequence, let at) where reply.replyTo == hello:
                    lastDeviceSequence = sequence
                    carried = Array(items[(index + 1)...])
                    return (reply, started, at)
                case .closed(let why):
                    throw TransportError(why)
                case .message, .damaged, .unexpected:
                    // Before the handshake the line may carry a BOOT, an old reply or noise: none of it binds us.
                    continue
                }
            }
            let left = deadline - MonotonicTime.nanoseconds()
            guard left > 0 else { return nil }
            _ = reader.arrival.wait(timeout: .now() + .nanoseconds(Int(min(left, 10_000_000))))
        }
    }

    private func accept(_ reply: DeviceHello, midpoint: Int64, heardAt: Int64) throws(TransportError) -> DeviceCapabilities {
        guard reply.major == WireProtocol.major else {
            throw TransportError("the device speaks protocol \(reply.major).\(reply.minor); Galvani speaks "
                + "\(WireProtocol.major).x, so their messages may mean different things: refused")
        }
        guard WireProtocol.channelRange.contains(reply.maximumMicroamps.count) else {
            throw TransportError("the device reports \(reply.maximumMicroamps.count) channels; "
                + "a device has \(WireProtocol.channelRange.lowerBound) to \(WireProtocol.channelRange.upperBound)")
        }
        let lookahead = TimeSpan.milliseconds(Int64(reply.lookaheadMilliseconds))
        guard lookahead >= policy.minimumDeviceLookahead else {
            throw TransportError("the device accepts runs only \(lookahead) ahead; Galvani needs at least "
                + "\(policy.minimumDeviceLookahead) to keep host delays away from the patient")
        }
        let watchdog = TimeSpan.milliseconds(Int64(reply.watchdogMilliseconds))
        guard policy.deviceWatchdog.contains(watchdog) else {
            throw TransportError("the device's watchdog is \(watchdog); Galvani needs \(policy.deviceWatchdog.lowerBound) "
                + "to \(policy.deviceWatchdog.upperBound): long enough to outlast a keep-alive, short enough to stop a runaway")
        }
        guard reply.deviceTime <= UInt64(Int64.max / 2) else {
            throw TransportError("the device's clock reads \(reply.deviceTime) ns, beyond what a session can use")
        }
        offset = Int64(reply.deviceTime) - midpoint
        let minor = min(reply.minor, WireProtocol.minor)
        let room = minor >= WireProtocol.lookaheadRoomMinor ? lookahead : min(lookahead, WireProtocol.queueReach)
        let found = DeviceCapabilities(deviceID: reply.deviceID, channels: reply.maximumMicroamps.count,
                                       maximumAmplitude: .microamps(Int64(reply.maximumMicroamps.min()!)),
                                       shapes: reply.shapes, lookahead: room - Self.clockMargin)
        capabilities = found
        offeredLookahead = lookahead
        held = Array(repeating: [], count: found.channels)
        streams = Array(repeating: RunStream(), count: found.channels)
        ramps = minor >= WireProtocol.rampMinor
        lastTelemetry = Array(repeating: TimeSpan(nanoseconds: heardAt), count: found.channels)
        return found
    }

    // MARK: - Sending

    private func reset() {
        nextSequence = 0
        outstanding = []
        abandoned = []
        held = []
        streams = []
        lastTelemetry = []
        damage = []
        clockReadings = []
        handshakeUncertainty = 0
        firstReadingAt = nil
        unansweredHello = nil
        carried = []
        lastDeviceSequence = nil
        failure = nil
        pending = []
    }

    private func requireLink() throws(TransportError) {
        if let failure { throw TransportError(failure) }
        guard port != nil else { throw TransportError("\(name) is not open") }
    }

    private func send(_ message: HostMessage, at now: TimeSpan, expectsAck: Bool = true) throws(TransportError) {
        guard let port else { throw TransportError("\(name) is not open") }
        let sequence = nextSequence
        let bytes = message.frame(sequence: sequence).encoded()
        try port.write(bytes)
        nextSequence &+= 1
        abandoned.remove(sequence)
        bytesWritten += bytes.count
        framesWritten += 1
        if expectsAck { outstanding.append(AwaitedFrame(sequence: sequence, kind: message.kind, channel: message.channel, sentAt: now)) }
    }

    /// Sends each channel's held runs once the earliest is due within `flushLead`, as few frames as fit.
    private func flush(at now: TimeSpan) throws(TransportError) {
        let lead = min(Self.flushLead, reach ?? Self.flushLead)
        for c in held.indices where !held[c].isEmpty && held[c][0].start <= now + lead {
            // Runs beyond the reach wait for the next flush, when the clock is known better or they are nearer.
            let sendable = reach.map { reach in held[c].prefix { $0.start <= now + reach }.count } ?? held[c].count
            var onDevice: [PulseRun] = []
            var end = max(streams[c].end ?? 0, 0)
            for run in held[c].prefix(sendable) {
                var device = run
                device.start = run.start + .nanoseconds(offset)
                // After the offset steps back (a slow device clock), a run may reach into the one before it
                // on the device's timeline: its first pulses are dropped rather than played late or overlapped.
                // A device that counts from power-on may have said 0 at HELLO: pulses before its time 0 are
                // already past on its timeline, and device time is never negative on the wire.
                guard let trimmed = device.dropping(before: .nanoseconds(end)) else { continue }
                onDevice.append(trimmed)
                end = trimmed.end.nanoseconds
            }
            held[c].removeFirst(sendable)
            for payload in streams[c].payloads(RunEntry.coalescing(onDevice, ramps: ramps)) {
                try send(.runs(channel: UInt8(c + 1), entries: payload), at: now)
            }
        }
    }

    // MARK: - Receiving

    private func absorb(_ items: [SerialReader.Incoming], at now: TimeSpan) {
        for item in items {
            guard failure == nil else { return }
            switch item {
            case .closed(let why):
                fail(.disconnected(why), at: now)
            case .unexpected(let why):
                fail(.disconnected("unexpected reply: \(why)"), at: now)
            case .damaged(let at):
                damage.append(at)
                damage.removeAll { at - $0 > policy.damageWindow.nanoseconds }
                if damage.count > policy.damagedFrames {
                    fail(.disconnected("the serial line is too noisy: \(damage.count) damaged frames within "
                        + "\(policy.damageWindow) (more than \(policy.damagedFrames))"), at: now)
                }
            case .message(let message, let sequence, let at):
                if let last = lastDeviceSequence, sequence != last &+ 1 { lostReports += Int(sequence &- last &- 1) }
                lastDeviceSequence = sequence
                if case .ack(_, _, _, let deviceTime) = message {
                    let read = now.nanoseconds - (MonotonicTime.nanoseconds() - at)
                    follow(deviceClock: Int64(clamping: deviceTime), readAt: read, now: now)
                }
                absorb(message, at: now)
            }
        }
    }

    private func absorb(_ message: DeviceMessage, at now: TimeSpan) {
        switch message {
        case .ack(let sequence, let result, let detail, _):
            acknowledge(sequence, result: result, detail: detail, at: now)
        case .telemetry(let channel, let delivered, let impedance, let contact, let deviceTime):
            guard held.indices.contains(Int(channel) - 1) else {
                return fail(.disconnected("unexpected reply: telemetry for channel \(channel), which the device does not have"), at: now)
            }
            lastTelemetry[Int(channel) - 1] = now
            let time = min(now, TimeSpan(nanoseconds: Int64(clamping: deviceTime) - offset))
            pending.append(TransportEvent(time: time, kind: .telemetry(
                channel: Int(channel), delivered: .microamps(Int64(delivered)),
                impedance: impedance.map { Resistance(ohms: Double($0)) }, contact: contact)))
        case .fault(let code, _, let text):
            fail(.deviceFault(text.isEmpty ? code.meaning : "\(code.meaning): \(text)"), at: now)
        case .boot:
            fail(.deviceFault("the device restarted: its output is off and it has forgotten the session"), at: now)
        case .helloReply(let reply) where reply.replyTo == unansweredHello:
            // The handshake's last HELLO, answered late: the device reset then, before anything of the session.
            unansweredHello = nil
        case .helloReply:
            fail(.disconnected("unexpected reply: a second HELLO-REPLY after the handshake"), at: now)
        }
    }

    /// Keeps the offset on the device's clock, however its crystal drifts against the host's.
    private func follow(deviceClock: Int64, readAt read: Int64, now: TimeSpan) {
        // A reading far below the offset was delayed on its way (a busy or stopped host), which says
        // nothing about the device's clock; one far above it cannot be explained by any delay. For a clock
        // window from the first reading, "far" includes how far the handshake's midpoint may be off.
        if let first = firstReadingAt, read - first >= Self.clockWindow.nanoseconds { handshakeUncertainty = 0 }
        let far = policy.deviceClockJump.nanoseconds + handshakeUncertainty
        guard deviceClock - read - offset >= -far else { return }
        if firstReadingAt == nil { firstReadingAt = read }
        clockReadings.append((read, deviceClock - read))
        clockReadings.removeAll { read - $0.at > Self.clockWindow.nanoseconds }
        let best = clockReadings.map(\.offset).max()!
        let error = best - offset
        if error > far {
            return fail(.disconnected("the device's clock jumped ahead by \(TimeSpan(nanoseconds: error)) against the host's: "
                + "its timing cannot be trusted"), at: now)
        }
        if abs(error) >= Self.clockStep.nanoseconds { offset = best }
    }

    private func acknowledge(_ sequence: UInt8, result: WireResult, detail: UInt16, at now: TimeSpan) {
        guard let index = outstanding.firstIndex(where: { $0.sequence == sequence }) else {
            if abandoned.remove(sequence) != nil { return }
            return fail(.disconnected("unexpected reply: an ACK for frame \(sequence), which is not awaiting one"), at: now)
        }
        let frame = outstanding[index]
        outstanding.removeFirst(index + 1)
        guard result == .ok else {
            let entry = frame.kind == .runs ? " (entry \(detail))" : ""
            fail(.disconnected("the device refused \(frame)\(entry): \(result.meaning)"), at: now)
            return
        }
    }

    /// Output off at the device now, then the engine hears why; the link is not used again.
    /// The STOP byte acts even mid-frame; the framed STOP-ALL follows it (wire protocol §5), so a device
    /// that missed the byte on a noisy line still stops. Nothing waits for its ACK: the link is over.
    private func fail(_ kind: TransportEvent.Kind, at now: TimeSpan) {
        guard failure == nil else { return }
        switch kind {
        case .deviceFault(let why), .disconnected(let why): failure = why
        case .telemetry: return
        }
        if port != nil {
            port?.discardPendingOutput()
            try? port?.write([WireProtocol.stop])
            bytesWritten += 1
            try? send(.stopAll, at: now, expectsAck: false)
        }
        pending.append(TransportEvent(time: now, kind: kind))
    }
}
