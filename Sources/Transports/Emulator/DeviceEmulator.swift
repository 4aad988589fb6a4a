import StimulationCore

/// The device side of the wire protocol, in software: what `galvani emulate` runs behind a pseudo-terminal.
///
/// It follows docs/wire-protocol.md to the letter, including the watchdog, the STOP byte and its
/// capability limits, and plays the runs it accepts through the simulator's electrode–skin model.
/// It keeps no clock: every call says what time it is on the device, so tests can drive it on a
/// manual clock. Every change of output is written to the log, so a test can see the moment output
/// really went off.
public final class DeviceEmulator {
    public struct Configuration: Sendable {
        public var channels: Int
        public var maximumAmplitude: Current
        public var lookahead: TimeSpan
        public var faults: FaultScript?
        public var deviceID: String
        /// The protocol version it claims; another major version lets a host's refusal be tried.
        public var major: UInt8
        public var minor: UInt8
        /// The most runs a channel holds, a ramp counting as many runs as it has pulses; more are refused with
        /// queueFull. 1024 is every pulse of the 100 ms lookahead at 10 kHz, the room a 1.1 device must have
        /// (docs/wire-protocol.md §6.5); a smaller queue lets a test hold the host to a 1.0 device's 40 ms.
        public var queueCapacity: Int

        public init(channels: Int = 4, maximumAmplitude: Current = .milliamps(100), lookahead: TimeSpan = .milliseconds(100),
                    faults: FaultScript? = nil, deviceID: String = DeviceEmulator.defaultDeviceID,
                    major: UInt8 = WireProtocol.major, minor: UInt8 = WireProtocol.minor, queueCapacity: Int = 1024) {
            self.channels = channels
            self.maximumAmplitude = maximumAmplitude
            self.lookahead = lookahead
            self.faults = faults
            self.deviceID = deviceID
            self.major = major
            self.minor = minor
            self.queueCapacity = queueCapacity
        }
    }

    public static let defaultDeviceID = "galvani-emulator"
    /// An `ok` is held this long so one ACK covers every frame in between (ACKs are cumulative):
    /// at one per frame they would fill a third of a 115200-baud line back to the host.
    public static let ackDelay = TimeSpan.milliseconds(20)
    /// Only a ramp's start is held to the lookahead; its last pulse, stored as a run of its own, may start this far later.
    private var longestRamp: TimeSpan { WireProtocol.maximumPeriod * Int64(configuration.queueCapacity - 1) }
    /// Telemetry for a channel goes out at most this often, unless its contact changes…
    public static let telemetrySpacing = TimeSpan.milliseconds(50)
    /// …and at least this often while a host is connected, so a lost report is soon replaced.
    public static let telemetryRefresh = TimeSpan.seconds(1)

    private enum State: Equatable {
        case waiting
        case ready
        /// Playing dead after a scripted disconnect: nothing is answered.
        case silent
    }

    private struct Channel {
        var stream = RunStream()
        /// End times of queued runs, to know how full the queue is.
        var queuedEnds: [TimeSpan] = []
        var delivering = false
        /// Why output would stop next, for the log.
        var offReason = "no more pulses queued"
        var unsent: TransportEvent?
        var lastSent: (time: TimeSpan, delivered: Current, impedance: Resistance?, contact: ContactState)?
    }

    public let configuration: Configuration
    private let log: (String) -> Void
    private var state = State.waiting
    private var decoder = FrameDecoder()
    private var expected: UInt8 = 0
    private var sequence: UInt8 = 0
    private var lastValidFrame = TimeSpan.zero
    private var channels: [Channel]
    private var model: SimulatorTransport?
    private var outbox: [UInt8] = []
    /// The latest frame taken with `ok` and not yet acknowledged, and when the oldest such frame arrived.
    private var heldAck: (sequence: UInt8, since: TimeSpan)?
    /// Whether this session may carry ramp entries: both the HELLO and this device at protocol 1.1 or later.
    private var ramps = false

    public var decoderCounters: FrameDecoder.Counters { decoder.counters }
    /// Pulses played since the emulator started, over every session.
    public var deliveredPulseCount: Int { earlierSessionsPulses + (model?.deliveredPulseCount ?? 0) }
    /// Pulses of accepted runs whose time had already passed on arrival, and so were never played.
    public private(set) var skippedPulses = 0
    private var earlierSessionsPulses = 0

    /// - Parameter log: receives one line per event: output on and off per channel, stops, faults, refusals.
    public init(_ configuration: Configuration, at now: TimeSpan, log: @escaping (String) -> Void) {
        precondition(WireProtocol.channelRange.contains(configuration.channels))
        self.configuration = configuration
        self.log = log
        channels = Array(repeating: Channel(), count: configuration.channels)
        emit(.boot(deviceTime: UInt64(now.nanoseconds)))
        note(at: now, "started: \(configuration.channels) channels, \(configuration.maximumAmplitude) maximum, "
            + "protocol \(configuration.major).\(configuration.minor); waiting for HELLO")
    }

    /// Bytes to send to the host, taken.
    public func takeOutput() -> [UInt8] {
        defer { outbox.removeAll(keepingCapacity: true) }
        return outbox
    }

    /// Bytes from the host, acted on in order.
    public func receive<Bytes: Sequence<UInt8>>(_ bytes: Bytes, at now: TimeSpan) {
        advance(to: now)
        for byte in bytes {
            guard let output = decoder.push(byte) else { continue }
            switch output {
            case .stop: stopByte(at: now)
            case .frame(let frame): handle(frame, at: now)
            }
        }
        advance(to: now)
    }

    /// Plays the device's own timeline up to `now`: pulses, scripted faults, the watchdog, telemetry.
    public func advance(to now: TimeSpan) {
        if let held = heldAck, now - held.since >= Self.ackDelay { sendHeldAck(at: now) }
        guard state == .ready, let model else { return }
        if now - lastValidFrame > WireProtocol.watchdog {
            let at = lastValidFrame + WireProtocol.watchdog
            for c in channels.indices { channels[c].offReason = "watchdog" }
            _ = model.poll(until: at)
            fault(.watchdog, "no valid frame for \(WireProtocol.watchdog); every output off", at: at)
            return
        }
        for event in model.poll(until: now) {
            switch event.kind {
            case .telemetry(let channel, let delivered, _, let contact):
                if contact != .ok, delivered == .zero { channels[channel - 1].offReason = "contact \(contact.rawValue)" }
                channels[channel - 1].unsent = event
            case .deviceFault(let message):
                fault(.hardware, message, at: event.time)
                return
            case .disconnected:
                for c in channels.indices { channels[c].offReason = "scripted disconnect" }
                turnOff(at: event.time)
                state = .silent
                note(at: event.time, "scripted disconnect: the device stops answering")
                return
            }
        }
        logTransitions(at: now)
        sendTelemetry(at: now)
    }

    // MARK: - Frames

    private func handle(_ frame: WireFrame, at now: TimeSpan) {
        guard state != .silent else { return }
        lastValidFrame = now
        if state == .ready { try? model?.keepAlive(at: now) }
        let message: HostMessage
        do {
            guard let known = try HostMessage(frame) else { return reply(frame, .unknownType, at: now) }
            message = known
        } catch {
            return reply(frame, .malformed, at: now)
        }
        switch message {
        case .hello(let major, let minor):
            return hello(frame.sequence, major: major, minor: minor, at: now)
        case .stopAll:
            if state == .ready {
                stopEverything("STOP-ALL", at: now)
                expected = frame.sequence &+ 1
            }
            return reply(frame, state == .ready ? .ok : .notReady, at: now)
        default:
            break
        }
        guard state == .ready else { return reply(frame, .notReady, at: now) }
        guard frame.sequence == expected else {
            reply(frame, .sequence, detail: UInt16(expected), at: now)
            for c in channels.indices { channels[c].offReason = "a frame was lost" }
            turnOff(at: now)
            state = .waiting
            note(at: now, "frame \(frame.sequence) arrived, \(expected) expected: a frame was lost; every output off, waiting for HELLO")
            return
        }
        expected = frame.sequence &+ 1
        switch message {
        case .keepAlive:
            reply(frame, .ok, at: now)
        case .stopChannel(let channel):
            guard (1...channels.count).contains(Int(channel)) else { return reply(frame, .outOfRange, at: now) }
            channels[Int(channel) - 1].offReason = "STOP-CHANNEL"
            try? model?.stop(channel: Int(channel), at: now)
            channels[Int(channel) - 1].stream.reset()
            channels[Int(channel) - 1].queuedEnds.removeAll()
            reply(frame, .ok, at: now)
        case .runs(let channel, let entries):
            runs(frame, channel: Int(channel), entries: entries, at: now)
        case .goodbye:
            for c in channels.indices { channels[c].offReason = "GOODBYE" }
            turnOff(at: now)
            state = .waiting
            reply(frame, .ok, at: now)
            note(at: now, "GOODBYE: host closed the link; waiting for HELLO")
        case .hello, .stopAll:
            break
        }
    }

    private func hello(_ sequence: UInt8, major: UInt8, minor: UInt8, at now: TimeSpan) {
        let config = configuration
        emit(.helloReply(DeviceHello(
            replyTo: sequence, major: config.major, minor: config.minor,
            maximumMicroamps: Array(repeating: UInt32(config.maximumAmplitude.microamps), count: config.channels),
            lookaheadMilliseconds: UInt16(config.lookahead.nanoseconds / 1_000_000),
            watchdogMilliseconds: UInt16(WireProtocol.watchdog.nanoseconds / 1_000_000),
            shapeMask: DeviceHello.mask(for: PulseShape.names), deviceTime: UInt64(now.nanoseconds),
            deviceID: config.deviceID)))
        for c in channels.indices { channels[c].offReason = "HELLO" }
        turnOff(at: now)
        guard major == config.major else {
            state = .waiting
            note(at: now, "HELLO for protocol \(major).\(minor) refused: this device speaks \(config.major).\(config.minor)")
            return
        }
        let faults = config.faults.map { script in
            FaultScript(script.events.map { FaultEvent(time: $0.time + now, kind: $0.kind) })
        }
        let model = SimulatorTransport(channels: config.channels, maximumAmplitude: config.maximumAmplitude,
                                       lookahead: config.lookahead + WireProtocol.watchdog + longestRamp, faults: faults)
        _ = try? model.open(at: now)
        // Telemetry for every channel from the handshake on (wire protocol §9.2), used or not.
        model.reportIdleChannels(at: now)
        self.model = model
        expected = sequence &+ 1
        ramps = min(minor, config.minor) >= WireProtocol.rampMinor
        state = .ready
        note(at: now, "HELLO \(major).\(minor): ready")
    }

    private func runs(_ frame: WireFrame, channel: Int, entries: [UInt8], at now: TimeSpan) {
        guard (1...channels.count).contains(channel), let model else { return reply(frame, .outOfRange, at: now) }
        var stream = channels[channel - 1].stream
        let decoded: [RunEntry]
        do {
            decoded = try stream.decode(entries, channel: channel, ramps: ramps)
        } catch {
            note(at: now, "refused RUNS for channel \(channel): \(error)")
            return reply(frame, error.result, detail: UInt16(error.entry), at: now)
        }
        channels[channel - 1].queuedEnds.removeAll { $0 <= now }
        var playable: [PulseRun] = []
        var ends: [TimeSpan] = []
        for (index, entry) in decoded.enumerated() {
            func refuse(_ result: WireResult, _ why: String) {
                note(at: now, "refused RUNS for channel \(channel), entry \(index): \(why)")
                reply(frame, result, detail: UInt16(index), at: now)
            }
            guard entry.peak <= configuration.maximumAmplitude else {
                return refuse(.outOfRange, "peak \(entry.peak) above the channel's \(configuration.maximumAmplitude)")
            }
            guard entry.run.start <= now + configuration.lookahead else {
                return refuse(.tooFarAhead, "starts \(entry.run.start - now) ahead; the device accepts \(configuration.lookahead)")
            }
            // A ramp is stored pulse by pulse, so each of its pulses counts as a run (checked before it is expanded).
            let stored = entry.step.isEmpty ? 1 : entry.run.count
            guard channels[channel - 1].queuedEnds.count + ends.count + stored <= configuration.queueCapacity else {
                return refuse(.queueFull, "the queue holds \(configuration.queueCapacity) runs, a ramp's pulses each counting as one")
            }
            // Pulses whose time has passed are skipped, never played late.
            let before = playable.count
            for run in entry.runs {
                let trimmed = run.dropping(before: now)
                skippedPulses += run.count - (trimmed?.count ?? 0)
                if let trimmed { playable.append(trimmed) }
            }
            ends += playable[before...].map(\.end)
        }
        do {
            try model.submit(playable, at: now)
        } catch {
            note(at: now, "could not play RUNS for channel \(channel): \(error.message)")
            return reply(frame, .notReady, at: now)
        }
        channels[channel - 1].stream = stream
        channels[channel - 1].queuedEnds += ends
        reply(frame, .ok, at: now)
    }

    // MARK: - Stopping

    private func stopByte(at now: TimeSpan) {
        note(at: now, "STOP byte")
        guard state == .ready else { return }
        stopEverything("STOP byte", at: now)
    }

    private func stopEverything(_ why: String, at now: TimeSpan) {
        for c in channels.indices { channels[c].offReason = why }
        model?.stopAll(at: now)
        for c in channels.indices {
            channels[c].stream.reset()
            channels[c].queuedEnds.removeAll()
        }
        logTransitions(at: now)
    }

    private func fault(_ code: DeviceFaultCode, _ text: String, at time: TimeSpan) {
        turnOff(at: time)
        state = .waiting
        emit(.fault(code: code, deviceTime: UInt64(time.nanoseconds), text: text))
        note(at: time, "FAULT \(code.meaning): \(text); waiting for HELLO")
    }

    /// Every output off and the model dropped: the next session starts from a new HELLO.
    private func turnOff(at now: TimeSpan) {
        model?.stopAll(at: now)
        logTransitions(at: now)
        model?.close()
        earlierSessionsPulses += model?.deliveredPulseCount ?? 0
        model = nil
        for c in channels.indices {
            channels[c].stream.reset()
            channels[c].queuedEnds.removeAll()
            channels[c].unsent = nil
            channels[c].lastSent = nil
        }
    }

    // MARK: - Reports

    private func logTransitions(at now: TimeSpan) {
        for c in channels.indices {
            let delivering = model?.isDelivering(channel: c + 1) ?? false
            guard delivering != channels[c].delivering else { continue }
            channels[c].delivering = delivering
            if delivering {
                note(at: now, "channel \(c + 1) output on")
                channels[c].offReason = "no more pulses queued"
            } else {
                note(at: now, "channel \(c + 1) output off (\(channels[c].offReason))")
            }
        }
    }

    private func sendTelemetry(at now: TimeSpan) {
        for c in channels.indices {
            var latest: (delivered: Current, impedance: Resistance?, contact: ContactState)?
            if let event = channels[c].unsent, case .telemetry(_, let delivered, let impedance, let contact) = event.kind {
                latest = (delivered, impedance, contact)
            }
            let last = channels[c].lastSent
            let due: Bool
            if let latest {
                due = last == nil || latest.contact != last!.contact || now - last!.time >= Self.telemetrySpacing
            } else {
                due = last.map { now - $0.time >= Self.telemetryRefresh } ?? false
            }
            guard due, let state = latest ?? last.map({ ($0.delivered, $0.impedance, $0.contact) }) else { continue }
            let delivered = channels[c].delivering ? state.delivered : .zero
            emit(.telemetry(channel: UInt8(c + 1), deliveredMicroamps: UInt32(clamping: delivered.microamps),
                            impedanceOhms: state.impedance.map { UInt32(clamping: Int64($0.ohms.rounded())) },
                            contact: state.contact, deviceTime: UInt64(now.nanoseconds)))
            channels[c].lastSent = (now, delivered, state.impedance, state.contact)
            channels[c].unsent = nil
        }
    }

    private func reply(_ frame: WireFrame, _ result: WireResult, detail: UInt16 = 0, at now: TimeSpan) {
        if result == .ok, let kind = HostMessage.Kind(rawValue: frame.type), Self.heldKinds.contains(kind) {
            heldAck = (frame.sequence, heldAck?.since ?? now)
            return
        }
        // An ACK acknowledges everything before it too, so a held one goes first.
        sendHeldAck(at: now)
        emit(.ack(sequence: frame.sequence, result: result, detail: detail, deviceTime: UInt64(now.nanoseconds)))
    }

    /// Frames whose `ok` may wait: the steady traffic. A stop or a goodbye is confirmed at once.
    private static let heldKinds: Set<HostMessage.Kind> = [.runs, .keepAlive, .stopChannel]

    private func sendHeldAck(at now: TimeSpan) {
        guard let held = heldAck else { return }
        heldAck = nil
        emit(.ack(sequence: held.sequence, result: .ok, detail: 0, deviceTime: UInt64(now.nanoseconds)))
    }

    private func emit(_ message: DeviceMessage) {
        message.frame(sequence: sequence).appendEncoded(to: &outbox)
        sequence &+= 1
    }

    private func note(at time: TimeSpan, _ text: String) {
        let micros = time.nanoseconds / 1_000
        let fraction = String(micros % 1_000_000)
        log("t=\(micros / 1_000_000).\(String(repeating: "0", count: 6 - fraction.count))\(fraction) \(text)")
    }
}
