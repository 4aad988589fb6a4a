import Foundation
import StimulationCore
import Testing
@testable import Transports

/// What the host does with a device that says the wrong thing: each rule of docs/wire-protocol.md
/// § 11.2 against a test-driven device on a real pseudo-terminal.
@Suite(.serialized) struct SerialRepliesTests {
    func refusal(lookahead: UInt16 = 100, watchdog: UInt16 = 250) throws -> String {
        let end = try RawEnd()
        let transport = SerialTransport(path: end.path)
        end.answerHelloMeanwhile(lookahead: lookahead, watchdog: watchdog)
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
        Thread { end.answerHello(maximumMicroamps: [50_000, 20_000]) }.start()
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
