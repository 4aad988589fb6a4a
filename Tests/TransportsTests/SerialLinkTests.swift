import Foundation
import Glibc
import StimulationCore
import Synchronization
import Testing
@testable import Transports

/// The serial transport and the emulator over a real pseudo-terminal pair: termios, the reader
/// thread, the kernel's buffering and real time, as with a USB serial device.
@Suite(.serialized) struct SerialLinkTests {
    static let pulse = PulseShape.symmetricBiphasic.pulse(amplitude: .milliamps(20), width: .microseconds(200),
                                                          period: .milliseconds(10))

    /// A running emulator, a transport opened on it, and the emulator's log.
    struct Link {
        let device: PseudoTerminalDevice
        let transport: SerialTransport
        let log: LogLines
        let clock = WallClock()

        init(_ configuration: DeviceEmulator.Configuration = .init()) throws {
            let log = LogLines()
            device = try PseudoTerminalDevice(configuration) { log.append($0) }
            device.start()
            transport = SerialTransport(path: device.path)
            self.log = log
        }

        func open() throws -> DeviceCapabilities { try transport.open(at: clock.now) }

        func finish() {
            transport.close()
            device.stop()
        }

        /// Runs on channel 1 from a little ahead of now, as the engine would queue them.
        func submitRuns(count: Int) throws {
            let now = clock.now
            try transport.submit([PulseRun(channel: 1, start: now + .milliseconds(5), period: .milliseconds(10), count: count,
                                           pulse: SerialLinkTests.pulse, alternates: false)], at: now)
        }

        /// Keeps the link alive (a poll every 5 ms, a keep-alive every 100 ms, the longest the engine leaves between two), returning any failure.
        func failuresWhileAlive(for seconds: Double) -> [TransportEvent.Kind] {
            var failures: [TransportEvent.Kind] = []
            var lastKeepAlive = clock.now
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                failures += transport.poll(until: clock.now).map(\.kind).filter(SerialLinkTests.isFailure)
                if clock.now - lastKeepAlive >= .milliseconds(100) {
                    try? transport.keepAlive(at: clock.now)
                    lastKeepAlive = clock.now
                }
                usleep(5_000)
            }
            return failures
        }

        /// Polls the transport, as the engine does every tick, until an event matches.
        func event(within seconds: Double = 5, _ match: (TransportEvent.Kind) -> Bool) -> TransportEvent.Kind? {
            var found: TransportEvent.Kind?
            _ = eventually(seconds) {
                found = transport.poll(until: clock.now).map(\.kind).first(where: match)
                return found != nil
            }
            return found
        }
    }

    static func isFailure(_ kind: TransportEvent.Kind) -> Bool {
        switch kind {
        case .telemetry: false
        case .deviceFault, .disconnected: true
        }
    }

    static func text(_ kind: TransportEvent.Kind?) -> String {
        switch kind {
        case .deviceFault(let why)?, .disconnected(let why)?: why
        default: ""
        }
    }

    /// The lookahead offered to the engine is the device's 100 ms less 1 ms: the offset may stand a clock step ahead.
    @Test func theHandshakeReportsWhatTheDeviceCanDo() throws {
        let link = try Link(.init(channels: 3, maximumAmplitude: .milliamps(60)))
        defer { link.finish() }
        let capabilities = try link.open()
        #expect(capabilities == DeviceCapabilities(deviceID: DeviceEmulator.defaultDeviceID, channels: 3,
                                                   maximumAmplitude: .milliamps(60), shapes: Set(PulseShape.names),
                                                   lookahead: .milliseconds(99)))
        #expect(eventually { link.log.first(containing: "HELLO 1.1: ready") != nil })
    }

    /// A log that stops taking lines (a terminal nobody reads, a disk busy with other writes) leaves the device
    /// answering and playing: its thread only hands lines over.
    @Test func aLogThatNeverReturnsDoesNotStopTheDevice() throws {
        let stuck = Atomic<Bool>(false)
        let release = DispatchSemaphore(value: 0)
        let device = try PseudoTerminalDevice(.init()) { _ in
            if stuck.load(ordering: .acquiring) { release.wait() }
        }
        device.start()
        stuck.store(true, ordering: .releasing)
        let transport = SerialTransport(path: device.path)
        let clock = WallClock()
        defer {
            transport.close()
            stuck.store(false, ordering: .releasing)
            release.signal()
            device.stop()
        }
        _ = try transport.open(at: clock.now)
        let now = clock.now
        try transport.submit([PulseRun(channel: 1, start: now + .milliseconds(5), period: .milliseconds(10), count: 30,
                                       pulse: Self.pulse, alternates: false)], at: now)
        var lastKeepAlive = now
        #expect(eventually {
            _ = transport.poll(until: clock.now)
            if clock.now - lastKeepAlive >= .milliseconds(100) {
                try? transport.keepAlive(at: clock.now)
                lastKeepAlive = clock.now
            }
            return device.pulseCounts.delivered >= 10
        })
    }

    @Test func theEmergencyLineSendsTheStopByteFromAnyThreadWhileTheLinkIsOpen() throws {
        let (end, transport, _) = try openedOnRawEnd()
        defer { withExtendedLifetime(end) {} }
        let line = try #require(transport.emergencyStop)
        #expect(line.isArmed)
        let pulled = Thread { line.pull() }
        pulled.start()
        #expect(end.stopBytes(within: 5) >= 1)
        // Closed, the descriptor may be reused by anything: the line must no longer write to it.
        transport.close()
        #expect(!line.isArmed)
    }

    @Test func heldRunsTellTheEngineWhenTheyMustLeave() throws {
        let (end, transport, clock) = try openedOnRawEnd()
        defer { withExtendedLifetime(end) { transport.close() } }
        #expect(transport.nextSend == nil)
        let start = clock.now + .milliseconds(100)
        try transport.submit([PulseRun(channel: 2, start: start, period: .milliseconds(10), count: 3,
                                       pulse: Self.pulse, alternates: false)], at: clock.now)
        // Held back to share a frame, it must still leave 25 ms before its first pulse.
        #expect(transport.nextSend == start - .milliseconds(25))
        _ = transport.poll(until: start - .milliseconds(25))
        #expect(transport.nextSend == nil)
    }

    @Test func aDeviceOfAnotherMajorVersionIsRefused() throws {
        let link = try Link(.init(major: 2, minor: 3))
        defer { link.finish() }
        do {
            _ = try link.open()
            Issue.record("a device of protocol 2.3 was accepted")
        } catch let error as TransportError {
            #expect(error.message.contains("the device speaks protocol 2.3"))
        }
    }

    @Test func runsPlayAndStopAllReachesTheDevice() throws {
        let link = try Link()
        defer { link.finish() }
        _ = try link.open()
        try link.submitRuns(count: 500)
        #expect(eventually { link.log.first(containing: "channel 1 output on") != nil })
        link.transport.stopAll(at: link.clock.now)
        #expect(eventually { link.log.first(containing: "channel 1 output off (STOP byte)") != nil })
        // The framed STOP-ALL that follows the byte is acknowledged: no failure appears while the host keeps the link alive.
        #expect(link.failuresWhileAlive(for: 0.6).isEmpty)
    }

    @Test func theEmulatorKilledMidSessionIsReportedAsALostLink() throws {
        let link = try Link()
        _ = try link.open()
        try link.submitRuns(count: 500)
        #expect(eventually { link.log.first(containing: "output on") != nil })
        link.device.stop()
        let failure = link.event(Self.isFailure)
        #expect(Self.text(failure).contains("closed"))
        #expect(throws: TransportError.self) { try link.transport.keepAlive(at: link.clock.now) }
        link.transport.close()
    }

    @Test func aFrozenHostIsStoppedByTheDevicesWatchdog() throws {
        let link = try Link()
        defer { link.finish() }
        _ = try link.open()
        try link.submitRuns(count: 500)
        #expect(eventually { link.log.first(containing: "channel 1 output on") != nil })
        // From here the host sends nothing at all.
        #expect(eventually(5) { link.log.first(containing: "FAULT watchdog") != nil })
        let on = try #require(Self.time(of: link.log.first(containing: "channel 1 output on")))
        let off = try #require(Self.time(of: link.log.first(containing: "channel 1 output off (watchdog)")))
        // The last frame came before output went on, so the watchdog acts within 250 ms of it.
        #expect(off - on <= 0.250)
        let failure = link.event(Self.isFailure)
        #expect(Self.text(failure).contains("watchdog"))
    }


    @Test func aDeviceThatStopsAcknowledgingIsALostLink() throws {
        let (end, transport, clock) = try openedOnRawEnd(policy: .clinic)
        // The silent device must stay open: closing its end would be a pulled cable, not silence.
        defer { withExtendedLifetime(end) { transport.close() } }
        try transport.keepAlive(at: clock.now)
        #expect(firstFailure(of: transport, clock)?.contains("did not acknowledge KEEPALIVE within 200 ms") == true)
    }

    @Test func aHostThatStopsReadingTheLineEndsTheLinkWithoutBlamingTheDevice() throws {
        let (end, transport, clock) = try openedOnRawEnd(policy: .clinic)
        defer { withExtendedLifetime(end) { transport.close() } }
        // The reader stops, as one starved on a busy host or hung would: nothing it has not heard is the device's fault.
        transport.reader?.stop()
        try transport.keepAlive(at: clock.now)
        let failure = firstFailure(of: transport, clock)
        #expect(failure?.contains("the host has not read the serial line for") == true, "\(failure ?? "no failure")")
        #expect(failure?.contains("did not acknowledge") == false)
    }

    @Test func damagedFramesFromTheDeviceAreDroppedCountedAndTooManyEndTheLink() throws {
        let (end, transport, clock) = try openedOnRawEnd()
        defer { transport.close() }
        var random = SplitMix64(seed: 5)
        func damagedTelemetry() -> [UInt8] {
            var bytes = DeviceMessage.telemetry(channel: 1, deliveredMicroamps: 20_000, impedanceOhms: 700, contact: .ok,
                                                deviceTime: 7_100_000_000).frame(sequence: end.sequence).encoded()
            end.sequence &+= 1
            let index = Int.random(in: 1..<(bytes.count - 1), using: &random)
            bytes[index] ^= 1 << UInt8.random(in: 0..<8, using: &random)
            if bytes[index] == WireProtocol.stop { bytes[index] ^= 0x01 }
            return bytes
        }
        end.write(damagedTelemetry() + damagedTelemetry())
        end.send(.telemetry(channel: 1, deliveredMicroamps: 20_000, impedanceOhms: 700, contact: .ok, deviceTime: 7_100_000_000))
        var events: [TransportEvent.Kind] = []
        #expect(eventually {
            events += transport.poll(until: clock.now).map(\.kind)
            return events.contains { if case .telemetry = $0 { true } else { false } }
        })
        #expect(!events.contains(where: Self.isFailure))
        #expect(transport.decoderCounters.damaged >= 2)
        #expect(transport.lostReports == 2)
        end.write(damagedTelemetry() + damagedTelemetry() + damagedTelemetry())
        #expect(firstFailure(of: transport, clock)?.contains("too noisy") == true)
    }

    @Test func flippedBitsOnTheWayToTheDeviceAreDroppedAndItStillAnswers() throws {
        let host = try RawHost()
        var random = SplitMix64(seed: 11)
        var sent: [UInt8] = []
        for sequence in 0..<200 {
            var bytes = HostMessage.keepAlive.frame(sequence: UInt8(truncatingIfNeeded: sequence)).encoded()
            let index = Int.random(in: 1..<(bytes.count - 1), using: &random)
            bytes[index] ^= 1 << UInt8.random(in: 0..<8, using: &random)
            sent += bytes
        }
        try host.port.write(sent)
        #expect(eventually { host.device.decoderCounters.damaged + host.device.decoderCounters.stops >= 150 })
        // Whatever the noise did, a clean HELLO is still answered.
        try host.port.write(HostMessage.hello(major: 1, minor: 0).frame(sequence: 9).encoded())
        #expect(host.awaitReplies { $0.contains { if case .helloReply = $0 { true } else { false } } })
    }

    @Test func aFrameSplitAcrossManyReadsAndManyFramesInOneReadBothDecode() throws {
        let host = try RawHost()
        // One byte per write, each after the device has had time to read the one before.
        for byte in HostMessage.hello(major: 1, minor: 0).frame(sequence: 0).encoded() {
            try host.port.write([byte])
            usleep(2_000)
        }
        // Thirty frames in a single write.
        try host.port.write((1...30).flatMap { HostMessage.keepAlive.frame(sequence: UInt8($0)).encoded() })
        #expect(host.awaitReplies { replies in
            replies.contains { if case .helloReply = $0 { true } else { false } }
                && replies.contains { if case .ack(30, .ok, _, _) = $0 { true } else { false } }
        })
        // Every frame was taken: ACKs are cumulative, so the last one covers all thirty.
        #expect(host.device.decoderCounters.frames == 31)
        #expect(host.device.decoderCounters.damaged == 0)
    }

    static func time(of line: String?) -> Double? {
        guard let line, line.hasPrefix("t=") else { return nil }
        return Double(line.dropFirst(2).prefix { $0 != " " })
    }
}
