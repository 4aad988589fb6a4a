import Foundation
@testable import StimulationCore
import Synchronization
import Testing
@testable import Transports

/// What the host does with a device that says the wrong thing: each rule of docs/wire-protocol.md
/// § 11.2 against a test-driven device on a real pseudo-terminal.
@Suite(.serialized) struct SerialRepliesTests {
    func refusal(lookahead: UInt16 = 100, watchdog: UInt16 = 250) throws -> String {
        let end = try RawEnd()
        let transport = SerialTransport(path: end.path)
        let answerer = end.answerHelloMeanwhile(lookahead: lookahead, watchdog: watchdog)
        defer { answerer.finish() }
        do {
            _ = try transport.open(at: .zero)
            transport.close()
            return ""
        } catch {
            return error.message
        }
    }

    @Test func aDeviceWhoseWatchdogIsTooLongOrTooShortIsRefused() throws {
        #expect(try refusal(watchdog: 2_000).contains("the device's watchdog is 2 s"))
        #expect(try refusal(watchdog: 100).contains("the device's watchdog is 100 ms"))
    }

    /// One limit for every channel: the lowest, so no channel is driven past what its own stage can do.
    @Test func theDeviceMaximumIsItsWeakestChannel() throws {
        let end = try RawEnd()
        let transport = SerialTransport(path: end.path, policy: patientPolicy)
        let answerer = end.answerHelloMeanwhile(maximumMicroamps: [50_000, 20_000])
        defer { answerer.finish() }
        let capabilities = try transport.open(at: .zero)
        defer { transport.close() }
        #expect(capabilities.maximumAmplitude == .milliamps(20))
    }

    /// Wire protocol §5: the operator's STOP sends the STOP byte and then the framed STOP-ALL, which a device
    /// that missed the byte still obeys.
    @Test func theOperatorsStopSendsTheStopAllFrame() throws {
        let (end, transport, clock) = try openedOnRawEnd()
        defer { transport.close() }
        transport.stopAll(at: clock.now)
        #expect(end.next(.stopAll) != nil)
    }

    @Test func aMessageOfUnknownTypeEndsTheLink() throws {
        let (end, transport, clock) = try openedOnRawEnd()
        defer { transport.close() }
        end.write(WireFrame(type: 0x9F, sequence: 1, payload: []).encoded())
        #expect(firstFailure(of: transport, clock)?.contains("unexpected reply: the device sent a message of unknown type 0x9F") == true)
    }

    @Test func aDeviceWithTooLittleLookaheadIsRefused() throws {
        #expect(try refusal(lookahead: 10).contains("accepts runs only 10 ms ahead"))
    }

    @Test func aRefusedFrameEndsTheLinkAndStopsTheDevice() throws {
        let (end, transport, clock) = try openedOnRawEnd()
        defer { transport.close() }
        try transport.keepAlive(at: clock.now)
        let keepAlive = try #require(end.next(.keepAlive))
        end.send(.ack(sequence: keepAlive.sequence, result: .notReady, detail: 0, deviceTime: RawEnd.deviceTimeAtHello))
        #expect(firstFailure(of: transport, clock)?.contains("the device refused KEEPALIVE: the device was not ready") == true)
        // The transport sent the STOP byte on its own, before the engine even heard of it.
        var stopped = false
        #expect(eventually {
            var buffer = [UInt8](repeating: 0, count: 256)
            let n = buffer.withUnsafeMutableBytes { read(end.master, $0.baseAddress!, $0.count) }
            stopped = stopped || (n > 0 && buffer[0..<n].contains(WireProtocol.stop))
            return stopped
        })
    }

    /// Wire protocol §5: every failure the host detects sends the STOP byte and then the framed STOP-ALL.
    @Test func everyFailureTheHostDetectsSendsTheStopByteThenTheStopAllFrame() throws {
        let (end, transport, clock) = try openedOnRawEnd()
        defer { transport.close() }
        end.send(.ack(sequence: 91, result: .ok, detail: 0, deviceTime: RawEnd.deviceTimeAtHello))
        #expect(firstFailure(of: transport, clock) != nil)
        var items: [FrameDecoder.Output] = []
        var buffer = [UInt8](repeating: 0, count: 256)
        _ = eventually {
            let n = buffer.withUnsafeMutableBytes { read(end.master, $0.baseAddress!, $0.count) }
            if n > 0 { items += end.decoder.decode(buffer[0..<n]) }
            return items.contains { if case .frame(let f) = $0 { f.type == HostMessage.Kind.stopAll.rawValue } else { false } }
        }
        let stopByte = items.firstIndex { if case .stop = $0 { true } else { false } }
        let stopAll = items.firstIndex { if case .frame(let f) = $0 { f.type == HostMessage.Kind.stopAll.rawValue } else { false } }
        #expect(stopByte != nil && stopAll != nil && stopByte! < stopAll!, "\(items)")
    }

    /// A BOOT after the handshake: the device's output is off and it has forgotten the session. The test device
    /// keeps no watchdog and the policy no silence timers, so nothing but the BOOT can end this link, however
    /// long a busy machine keeps the test from polling.
    @Test func aDeviceThatRestartsEndsTheLink() throws {
        let (end, transport, clock) = try openedOnRawEnd()
        defer { withExtendedLifetime(end) { transport.close() } }
        end.send(.boot(deviceTime: 0))
        #expect(firstFailure(of: transport, clock)?.contains("the device restarted") == true)
    }

    /// A device that counts from power-on says 0 at HELLO: the runs due at once sit before its time 0 and are
    /// dropped, the rest go out; the host never tries to send a negative device time.
    @Test func aDeviceWhoseClockStartsAtZeroGetsTheRunsStillAhead() throws {
        let (end, transport, clock) = try openedOnRawEnd(deviceTime: 0)
        defer { transport.close() }
        let now = clock.now
        // Session time 0 came before the handshake, so on this device's timeline the run starts before its time 0.
        let runs = [PulseRun(channel: 1, start: .zero, period: .milliseconds(10), count: 1_000,
                             pulse: PulseShape.symmetricBiphasic.pulse(amplitude: .milliamps(1), width: .microseconds(100),
                                                                       period: .milliseconds(10)), alternates: false)]
        try transport.submit(runs, at: now)
        _ = transport.poll(until: now)
        #expect(end.next(.runs) != nil)
    }

    /// Ramps only to a device that speaks protocol 1.1: a soft start goes to it as one ramp entry, to a 1.0 device
    /// pulse by pulse, and either device reads back exactly the pulses the engine submitted.
    @Test(arguments: [UInt8(0), 1])
    func aSoftStartTravelsAsARampOnlyToADeviceThatSpeaks1_1(minor: UInt8) throws {
        let (end, transport, clock) = try openedOnRawEnd(minor: minor)
        defer { transport.close() }
        let now = clock.now
        let pulses = (0..<3).map { i in
            PulseRun(channel: 1, start: now + .milliseconds(5 + 10 * Int64(i)), period: .milliseconds(10), count: 1,
                     pulse: PulseShape.symmetricBiphasic.pulse(amplitude: .microamps(1_000 + 20 * Int64(i)),
                                                               width: .microseconds(200), period: .milliseconds(10)),
                     alternates: false)
        }
        try transport.submit(pulses, at: now)
        _ = transport.poll(until: now)
        let frame = try #require(end.next(.runs))
        guard case .runs(1, let payload) = try HostMessage(frame) else {
            Issue.record("not a RUNS frame for channel 1")
            return
        }
        var stream = RunStream()
        let entries = try stream.decode(payload, channel: 1, ramps: minor >= 1)
        #expect(entries.count == (minor >= 1 ? 1 : 3))
        let played = entries.flatMap(\.runs)
        #expect(played.map(\.pulse) == pulses.map(\.pulse))
        #expect(played.map { $0.start - played[0].start } == pulses.map { $0.start - pulses[0].start })
    }

    /// Wire protocol §9.2: TELEMETRY at least once a second per channel. A device that falls silent may have
    /// stopped watching its electrodes; after the clinic's 2.5 s the link is ended and the device stopped.
    @Test func aDeviceThatStopsReportingTelemetryEndsTheLink() throws {
        let (end, transport, clock) = try openedOnRawEnd(policy: .clinic)
        defer { transport.close() }
        let failure = withExtendedLifetime(end) { firstFailure(of: transport, clock) }
        #expect(failure?.contains("the device sent no telemetry for channel 1 in 2.5 s") == true, "\(failure ?? "none")")
    }

    @Test func aSecondHelloReplyIsAnUnexpectedReply() throws {
        let (end, transport, clock) = try openedOnRawEnd()
        defer { transport.close() }
        end.send(.helloReply(DeviceHello(replyTo: 0, major: 1, minor: 0, maximumMicroamps: [1], lookaheadMilliseconds: 100,
                                         watchdogMilliseconds: 250, shapeMask: 0, deviceTime: 0, deviceID: "again")))
        #expect(firstFailure(of: transport, clock)?.contains("unexpected reply: a second HELLO-REPLY") == true)
    }

    @Test func anAckForAFrameNeverSentIsAnUnexpectedReply() throws {
        let (end, transport, clock) = try openedOnRawEnd()
        defer { transport.close() }
        end.send(.ack(sequence: 77, result: .ok, detail: 0, deviceTime: RawEnd.deviceTimeAtHello))
        #expect(firstFailure(of: transport, clock)?.contains("an ACK for frame 77") == true)
    }

    @Test func aDeviceClockThatJumpsAheadIsNotTrusted() throws {
        let (end, transport, clock) = try openedOnRawEnd()
        defer { transport.close() }
        try transport.keepAlive(at: clock.now)
        let keepAlive = try #require(end.next(.keepAlive))
        end.send(.ack(sequence: keepAlive.sequence, result: .ok, detail: 0, deviceTime: RawEnd.deviceTimeAtHello + 900_000_000))
        #expect(firstFailure(of: transport, clock)?.contains("the device's clock jumped ahead") == true)
    }

    /// A device on a clock of its own (7 s ahead of the host's monotonic clock) that answers up to `delays.count`
    /// HELLOs, each after its delay: a device held up on a busy machine. It reads its clock as it sends the reply,
    /// as a device should, or, `stampingEarly`, as the HELLO arrives (the reply then looks like a host that read
    /// it late). `finished` is signalled once it stops reading the line; `answered` counts its replies.
    final class SlowHellos: Sendable {
        let finished = DispatchSemaphore(value: 0)
        let answered = Atomic<Int>(0)

        init(_ end: RawEnd, after delays: [UInt32], stampingEarly: Bool = false) {
            Thread { [self] in
                for delay in delays {
                    guard let hello = end.next(.hello) else { break }
                    let early = SerialRepliesTests.deviceClock()
                    usleep(delay)
                    end.send(.helloReply(DeviceHello(replyTo: hello.sequence, major: 1, minor: 0,
                                                     maximumMicroamps: [50_000, 50_000], lookaheadMilliseconds: 100,
                                                     watchdogMilliseconds: 250, shapeMask: DeviceHello.mask(for: PulseShape.names),
                                                     deviceTime: stampingEarly ? early : SerialRepliesTests.deviceClock(),
                                                     deviceID: "slow")))
                    answered.add(1, ordering: .relaxed)
                }
                finished.signal()
            }.start()
        }
    }

    static func deviceClock() -> UInt64 { UInt64(MonotonicTime.nanoseconds()) + RawEnd.deviceTimeAtHello }

    /// A handshake's policy with time for slow replies: these tests are about the round trip, not the timeout.
    static func patientHandshake(_ timeout: TimeSpan = .seconds(20)) -> SafetyPolicy {
        var policy = patientPolicy
        policy.handshakeTimeout = timeout
        return policy
    }

    /// The offset rests on the HELLO with the shortest round trip: a reply held up (here 1 s) is tried again,
    /// so a busy moment at the handshake does not put runs beyond the device's lookahead.
    @Test func aSlowHelloReplyIsTriedAgainAndTheQuickOneSetsTheClock() throws {
        let end = try RawEnd()
        let transport = SerialTransport(path: end.path, policy: Self.patientHandshake())
        let clock = WallClock()
        let device = SlowHellos(end, after: [1_000_000, 0, 0, 0])
        let origin = MonotonicTime.nanoseconds() - clock.now.nanoseconds
        _ = try transport.open(at: clock.now)
        defer { transport.close() }
        #expect(device.finished.wait(timeout: .now() + 30) == .success)
        #expect(device.answered.load(ordering: .relaxed) >= 2, "the host sent HELLO again")
        // The device clock is the monotonic clock plus 7 s, and session time is that clock less the origin, so the
        // true offset is 7 s plus the origin. The slow exchange's midpoint is off by about 0.5 s; the quick one's
        // by half its round trip.
        let truth = Int64(RawEnd.deviceTimeAtHello) + origin
        #expect(abs(transport.offset - truth) < 400_000_000, "offset off by \(TimeSpan(nanoseconds: transport.offset - truth))")
    }

    /// Sends KEEPALIVEs, each acknowledged with the device's clock, until the offset moves or the link fails.
    func acknowledgeUntilTheOffsetMoves(_ end: RawEnd, _ transport: SerialTransport, _ clock: WallClock,
                                        jump: UInt64 = 0) throws -> String? {
        let before = transport.offset
        var failure: String?
        _ = eventually(30) {
            guard (try? transport.keepAlive(at: clock.now)) != nil, let keepAlive = end.next(.keepAlive) else { return true }
            end.send(.ack(sequence: keepAlive.sequence, result: .ok, detail: 0, deviceTime: Self.deviceClock() + jump))
            _ = eventually(1) {
                for event in transport.poll(until: clock.now) {
                    if case .disconnected(let why) = event.kind { failure = why }
                }
                return failure != nil || transport.offset != before
            }
            return failure != nil || transport.offset != before
        }
        return failure
    }

    /// A handshake whose every reply was slow leaves the offset off by up to half a round trip: too high when the
    /// device was slow to answer, too low when the host was slow to read. The ACK readings correct it either way:
    /// they are neither ignored as late arrivals (runs would then go beyond the device's lookahead) nor taken for
    /// a clock that jumped (which would end a working session on a busy machine). Two seconds on, the allowance is
    /// spent: a jump is a jump again.
    @Test(arguments: [false, true])
    func aHandshakeSlowEveryTimeIsCorrectedByTheAckReadings(stampingEarly: Bool) throws {
        let end = try RawEnd()
        let transport = SerialTransport(path: end.path, policy: Self.patientHandshake())
        let clock = WallClock()
        let device = SlowHellos(end, after: Array(repeating: 150_000, count: SerialTransport.helloAttempts),
                                stampingEarly: stampingEarly)
        _ = try transport.open(at: clock.now)
        defer { transport.close() }
        #expect(device.finished.wait(timeout: .now() + 30) == .success)
        let before = transport.offset
        let corrected = clock.now
        #expect(try acknowledgeUntilTheOffsetMoves(end, transport, clock) == nil)
        // Off by about 75 ms: more than the 20 ms a reading may be from the offset once readings have set it.
        let moved = transport.offset - before
        #expect(stampingEarly ? moved > 20_000_000 : moved < -20_000_000, "moved \(TimeSpan(nanoseconds: moved))")
        _ = eventually(30) { clock.now - corrected > SerialTransport.clockWindow + .milliseconds(100) }
        let jumped = try acknowledgeUntilTheOffsetMoves(end, transport, clock, jump: 30_000_000)
        #expect(jumped?.contains("the device's clock jumped ahead") == true, "\(jumped ?? "no failure")")
    }

    /// Until an ACK has read the device's clock, runs go no further ahead than the device's lookahead less the
    /// handshake's possible error: however the round trip was split, none lands beyond the lookahead on the device.
    @Test func untilTheClockIsReadRunsStayWithinTheLookaheadLessTheHandshakesError() throws {
        let end = try RawEnd()
        let transport = SerialTransport(path: end.path, policy: Self.patientHandshake())
        let clock = WallClock()
        // Every reply 150 ms late: the offset may be 75 ms off, so runs reach at most 100 − 75 = 25 ms ahead.
        let device = SlowHellos(end, after: Array(repeating: 150_000, count: SerialTransport.helloAttempts))
        _ = try transport.open(at: clock.now)
        defer { transport.close() }
        #expect(device.finished.wait(timeout: .now() + 30) == .success)
        let now = clock.now
        let pulse = PulseShape.symmetricBiphasic.pulse(amplitude: .milliamps(1), width: .microseconds(100), period: .milliseconds(10))
        let runs = (0..<4).map {
            PulseRun(channel: 1, start: now + .milliseconds(10 * Int64($0) + 5), period: .milliseconds(10), count: 1,
                     pulse: pulse, alternates: false)
        }
        try transport.submit(runs, at: now)
        let held = try #require(transport.nextSend, "the run 35 ms ahead is held")
        #expect(held <= now + .milliseconds(35))
        // Once an ACK has read the device's clock, the rest goes as any batch does, at its flush lead.
        #expect(try acknowledgeUntilTheOffsetMoves(end, transport, clock) == nil)
        try transport.submit([], at: max(clock.now, runs.last!.start))
        #expect(transport.nextSend == nil)
    }

    /// The retry's reply does not come: the exchange already made stands, and the late reply, when it comes, is
    /// the answer to that HELLO, not a surprise that ends the session.
    @Test func aRetryLeftUnansweredKeepsTheFirstExchangeAndItsLateReplyIsNoSurprise() throws {
        let end = try RawEnd()
        let transport = SerialTransport(path: end.path, policy: Self.patientHandshake(.seconds(2)))
        let clock = WallClock()
        let device = SlowHellos(end, after: [300_000])
        _ = try transport.open(at: clock.now)
        defer { transport.close() }
        #expect(device.finished.wait(timeout: .now() + 30) == .success)
        let retry = try #require(end.next(.hello))
        end.send(.helloReply(DeviceHello(replyTo: retry.sequence, major: 1, minor: 0, maximumMicroamps: [50_000, 50_000],
                                         lookaheadMilliseconds: 100, watchdogMilliseconds: 250,
                                         shapeMask: DeviceHello.mask(for: PulseShape.names), deviceTime: Self.deviceClock(),
                                         deviceID: "slow")))
        end.send(.telemetry(channel: 1, deliveredMicroamps: 0, impedanceOhms: 700, contact: .ok,
                            deviceTime: Self.deviceClock()))
        var failure: String?
        var heard = false
        #expect(eventually(30) {
            for event in transport.poll(until: clock.now) {
                switch event.kind {
                case .disconnected(let why), .deviceFault(let why): failure = why
                case .telemetry: heard = true
                }
            }
            return failure != nil || heard
        })
        #expect(failure == nil, "\(failure ?? "")")
    }

    /// A device slower to answer every HELLO than any frame may take cannot have its clock read well enough.
    @Test func aDeviceSlowerThanAnAckAtEveryHelloIsRefused() throws {
        let end = try RawEnd()
        let transport = SerialTransport(path: end.path, policy: .clinic)
        let device = SlowHellos(end, after: Array(repeating: 300_000, count: SerialTransport.helloAttempts))
        defer { _ = device.finished.wait(timeout: .now() + 30) }
        #expect {
            _ = try transport.open(at: .zero)
        } throws: { error in
            (error as? TransportError)?.message.contains("to answer HELLO, more than the 200 ms any frame may take") == true
        }
    }

    /// A device's words reach the operator's screen: a terminal escape in them ends the link instead.
    @Test func aDeviceTextWithAControlCharacterIsAnUnexpectedReply() throws {
        let (end, transport, clock) = try openedOnRawEnd()
        defer { transport.close() }
        end.send(.fault(code: .emergencySwitch, deviceTime: RawEnd.deviceTimeAtHello, text: "\u{1B}[2Jall clear"))
        let failure = firstFailure(of: transport, clock)
        #expect(failure?.contains("fault text holds the control character U+001B") == true, "\(failure ?? "none")")
        #expect(failure?.contains("\u{1B}") == false)
    }

    @Test func aDeviceFaultIsReportedInItsOwnWords() throws {
        let (end, transport, clock) = try openedOnRawEnd()
        defer { transport.close() }
        end.send(.fault(code: .emergencySwitch, deviceTime: RawEnd.deviceTimeAtHello, text: "red button"))
        #expect(firstFailure(of: transport, clock) == "the device's emergency switch was pressed: red button")
    }
}
