import StimulationCore
import Testing
@testable import Transports

/// The device side of the protocol on a manual clock: every rule docs/wire-protocol.md gives a device.
@Suite struct DeviceEmulatorTests {
    final class Host {
        let device: DeviceEmulator
        private let box = LineBox()
        var sequence: UInt8 = 0
        var decoder = FrameDecoder()
        var replies: [DeviceMessage] = []

        init(_ configuration: DeviceEmulator.Configuration = .init()) {
            let box = self.box
            device = DeviceEmulator(configuration, at: .zero) { box.lines.append($0) }
            collect()
        }

        var lines: [String] { box.lines }

        func send(_ message: HostMessage, sequence explicit: UInt8? = nil, at time: TimeSpan) {
            let frame = message.frame(sequence: explicit ?? sequence)
            if explicit == nil { sequence &+= 1 }
            device.receive(frame.encoded(), at: time)
            collect()
        }

        func raw(_ bytes: [UInt8], at time: TimeSpan) {
            device.receive(bytes, at: time)
            collect()
        }

        func advance(to time: TimeSpan) {
            device.advance(to: time)
            collect()
        }

        func collect() {
            for case .frame(let frame) in decoder.decode(device.takeOutput()) {
                if let message = try? DeviceMessage(frame) { replies.append(message) }
            }
        }

        var lastAck: (UInt8, WireResult, UInt16)? {
            for case .ack(let s, let r, let d, _) in replies.reversed() { return (s, r, d) }
            return nil
        }

        func runs(_ runs: [PulseRun], channel: UInt8 = 1, stream: inout RunStream, at time: TimeSpan) {
            var w = WireWriter()
            for run in runs { stream.encode(run, into: &w) }
            send(.runs(channel: channel, entries: w.bytes), at: time)
        }
    }

    final class LineBox { var lines: [String] = [] }

    static let pulse = PulseShape.symmetricBiphasic.pulse(amplitude: .milliamps(20), width: .microseconds(200),
                                                          period: .milliseconds(10))

    static func run(from start: TimeSpan, count: Int, pulse: Pulse = pulse) -> PulseRun {
        PulseRun(channel: 1, start: start, period: .milliseconds(10), count: count, pulse: pulse, alternates: false)
    }

    @Test func itAnnouncesItsBootAndAnswersHello() throws {
        let host = Host(.init(channels: 2, maximumAmplitude: .milliamps(80)))
        #expect(host.replies.first == .boot(deviceTime: 0))
        host.send(.hello(major: 1, minor: 0), at: .milliseconds(5))
        guard let reply = host.replies.lazy.compactMap({ if case .helloReply(let r) = $0 { r } else { nil } }).first else {
            Issue.record("no HELLO-REPLY")
            return
        }
        // Then a first report for every channel, used or not (wire protocol §9.2).
        #expect(Set(host.replies.compactMap { if case .telemetry(let c, _, _, _, _) = $0 { Int(c) } else { nil } }) == [1, 2])
        #expect(reply.replyTo == 0)
        #expect(reply.maximumMicroamps == [80_000, 80_000])
        #expect(reply.watchdogMilliseconds == 250)
        #expect(reply.deviceTime == 5_000_000)
        #expect(reply.shapes == Set(PulseShape.names))
    }

    @Test func theWatchdogTurnsOutputOffAfter250msOfSilence() {
        let host = Host()
        var stream = RunStream()
        host.send(.hello(major: 1, minor: 0), at: .zero)
        host.runs([Self.run(from: .milliseconds(10), count: 200)], stream: &stream, at: .milliseconds(1))
        host.advance(to: .milliseconds(20))
        #expect(host.lines.contains { $0.hasSuffix("channel 1 output on") })
        host.send(.keepAlive, at: .milliseconds(100))
        host.advance(to: .milliseconds(350))
        #expect(!host.replies.contains { if case .fault = $0 { true } else { false } })
        host.advance(to: .milliseconds(351))
        #expect(host.replies.last == .fault(code: .watchdog, deviceTime: 350_000_000,
                                           text: "no valid frame for 250 ms; every output off"))
        #expect(host.lines.contains("t=0.350000 channel 1 output off (watchdog)"))
        let played = host.device.deliveredPulseCount
        host.advance(to: .seconds(2))
        #expect(host.device.deliveredPulseCount == played)
        host.send(.keepAlive, at: .seconds(2))
        #expect(host.lastAck?.1 == .notReady)
    }

    @Test func aStopByteInsideAFrameStopsOutputAtOnce() {
        let host = Host()
        var stream = RunStream()
        host.send(.hello(major: 1, minor: 0), at: .zero)
        host.runs([Self.run(from: .milliseconds(10), count: 50)], stream: &stream, at: .milliseconds(1))
        host.advance(to: .milliseconds(40))
        let half = HostMessage.keepAlive.frame(sequence: host.sequence).encoded().prefix(3)
        host.raw(Array(half) + [WireProtocol.stop], at: .milliseconds(45))
        #expect(host.lines.contains("t=0.045000 channel 1 output off (STOP byte)"))
        let played = host.device.deliveredPulseCount
        #expect(played == 4)
        host.advance(to: .milliseconds(200))
        #expect(host.device.deliveredPulseCount == played)
    }

    @Test func aLostFrameTurnsOutputOffAndNeedsANewHello() throws {
        let host = Host()
        var stream = RunStream()
        host.send(.hello(major: 1, minor: 0), at: .zero)
        host.runs([Self.run(from: .milliseconds(10), count: 50)], stream: &stream, at: .milliseconds(1))
        host.advance(to: .milliseconds(20))
        host.send(.keepAlive, sequence: 7, at: .milliseconds(30))
        #expect(try #require(host.lastAck) == (7, .sequence, 2))
        #expect(host.lines.contains { $0.contains("channel 1 output off (a frame was lost)") })
        host.sequence = 8
        host.send(.keepAlive, at: .milliseconds(31))
        #expect(host.lastAck?.1 == .notReady)
    }

    @Test func runsBeyondTheDeviceLimitsAreRefusedAndNothingPlays() throws {
        let host = Host(.init(maximumAmplitude: .milliamps(10)))
        var stream = RunStream()
        host.send(.hello(major: 1, minor: 0), at: .zero)
        host.runs([Self.run(from: .milliseconds(10), count: 5)], stream: &stream, at: .milliseconds(1))
        #expect(try #require(host.lastAck) == (1, .outOfRange, 0))
        var far = RunStream()
        let quiet = PulseShape.symmetricBiphasic.pulse(amplitude: .milliamps(5), width: .microseconds(200), period: .milliseconds(10))
        host.runs([Self.run(from: .milliseconds(102), count: 5, pulse: quiet)], stream: &far, at: .milliseconds(1))
        #expect(try #require(host.lastAck) == (2, .tooFarAhead, 0))
        host.send(.stopChannel(9), at: .milliseconds(2))
        #expect(try #require(host.lastAck) == (3, .outOfRange, 0))
        host.advance(to: .milliseconds(300))
        #expect(host.device.deliveredPulseCount == 0)
        #expect(!host.lines.contains { $0.contains("output on") })
    }

    @Test func pulsesAlreadyDueAreSkippedNotPlayedLate() {
        let host = Host()
        var stream = RunStream()
        host.send(.hello(major: 1, minor: 0), at: .zero)
        host.runs([Self.run(from: .milliseconds(5), count: 10)], stream: &stream, at: .milliseconds(30))
        host.advance(to: .milliseconds(50))
        #expect(host.lastAck?.1 == .ok)
        #expect(host.device.skippedPulses == 3)
        host.advance(to: .milliseconds(200))
        #expect(host.device.deliveredPulseCount == 7)
    }

    /// A soft start from 1 mA in 1 mA steps, ten pulses 10 ms apart, as one protocol 1.1 ramp entry (falling: from
    /// 10 mA down to 1 mA).
    static func ramp(from start: TimeSpan, falling: Bool = false, stream: inout RunStream) -> [UInt8] {
        let pulses = (0..<10).map { (i: Int) -> PulseRun in
            let microamps = Int64(1_000 * (falling ? 10 - i : 1 + i))
            let pulse = PulseShape.symmetricBiphasic.pulse(amplitude: .microamps(microamps), width: .microseconds(200),
                                                           period: .milliseconds(10))
            return run(from: start + .milliseconds(10 * Int64(i)), count: 1, pulse: pulse)
        }
        let entries = RunEntry.coalescing(pulses, ramps: true)
        var w = WireWriter()
        for entry in entries { stream.encode(entry, into: &w) }
        return w.bytes
    }

    @Test func aRampPlaysEachOfItsPulsesAtItsOwnAmplitude() throws {
        let host = Host()
        var stream = RunStream()
        host.send(.hello(major: 1, minor: 1), at: .zero)
        host.send(.runs(channel: 1, entries: Self.ramp(from: .milliseconds(10), stream: &stream)), at: .milliseconds(1))
        for ms in stride(from: 2, through: 200, by: 1) { host.advance(to: .milliseconds(Int64(ms))) }
        #expect(host.device.deliveredPulseCount == 10)
        // Telemetry (every 50 ms) reads pulses from up the ramp: each one of its amplitudes, not the first's throughout.
        let delivered = host.replies.compactMap { if case .telemetry(1, let d, _, _, _) = $0 { d } else { nil } }.filter { $0 > 0 }
        #expect(!delivered.isEmpty && delivered.allSatisfy { $0 % 1_000 == 0 && (2_000...10_000).contains($0) }, "\(delivered)")
    }

    /// A ramp is checked against the channel's maximum at its strongest end, rising or falling.
    @Test(arguments: [false, true])
    func aRampThatPassesTheMaximumAtEitherEndIsRefused(falling: Bool) throws {
        let host = Host(.init(maximumAmplitude: .milliamps(9)))
        var stream = RunStream()
        host.send(.hello(major: 1, minor: 1), at: .zero)
        host.send(.runs(channel: 1, entries: Self.ramp(from: .milliseconds(10), falling: falling, stream: &stream)),
                  at: .milliseconds(1))
        #expect(try #require(host.lastAck) == (1, .outOfRange, 0))
        host.advance(to: .milliseconds(200))
        #expect(host.device.deliveredPulseCount == 0)
    }

    /// A ramp's pulses each take a place in the queue, so a device's store is bounded by pulses as in 1.0; and a
    /// ramp longer than the lookahead plays to its end (only its start is held to the lookahead).
    @Test func aRampTakesAPlaceInTheQueueForEachPulse() throws {
        func ramp(_ count: Int) -> [UInt8] {
            let pulses = (0..<count).map { i in
                Self.run(from: .milliseconds(10 + 10 * Int64(i)), count: 1,
                         pulse: PulseShape.symmetricBiphasic.pulse(amplitude: .microamps(Int64(100 + 10 * i)),
                                                                   width: .microseconds(200), period: .milliseconds(10)))
            }
            var stream = RunStream()
            var w = WireWriter()
            for entry in RunEntry.coalescing(pulses, ramps: true) { stream.encode(entry, into: &w) }
            return w.bytes
        }
        let full = Host(.init(queueCapacity: 256))
        full.send(.hello(major: 1, minor: 1), at: .zero)
        full.send(.runs(channel: 1, entries: ramp(257)), at: .milliseconds(1))
        #expect(try #require(full.lastAck) == (1, .queueFull, 0))
        let host = Host(.init(queueCapacity: 256))
        host.send(.hello(major: 1, minor: 1), at: .zero)
        host.send(.runs(channel: 1, entries: ramp(256)), at: .milliseconds(1))
        host.advance(to: .milliseconds(30))
        #expect(try #require(host.lastAck) == (1, .ok, 0))
        for ms in stride(from: 50, through: 2_600, by: 50) {
            host.send(.keepAlive, at: .milliseconds(Int64(ms)))
        }
        #expect(host.device.deliveredPulseCount == 256)
    }

    /// A host that said HELLO 1.0 has no ramps: an entry with the ramp bit is malformed, whatever this device speaks.
    @Test func aRampAfterAHello1_0IsMalformed() throws {
        let host = Host()
        var stream = RunStream()
        host.send(.hello(major: 1, minor: 0), at: .zero)
        host.send(.runs(channel: 1, entries: Self.ramp(from: .milliseconds(10), stream: &stream)), at: .milliseconds(1))
        #expect(try #require(host.lastAck) == (1, .malformed, 0))
        let old = Host(.init(minor: 0))
        var again = RunStream()
        old.send(.hello(major: 1, minor: 1), at: .zero)
        old.send(.runs(channel: 1, entries: Self.ramp(from: .milliseconds(10), stream: &again)), at: .milliseconds(1))
        #expect(try #require(old.lastAck) == (1, .malformed, 0))
    }

    @Test func anotherMajorVersionIsAnsweredButNotServed() {
        let host = Host()
        host.send(.hello(major: 2, minor: 0), at: .zero)
        guard case .helloReply(let reply) = host.replies.last else { Issue.record("no HELLO-REPLY"); return }
        #expect(reply.major == 1)
        host.send(.keepAlive, at: .milliseconds(1))
        #expect(host.lastAck?.1 == .notReady)
    }

    @Test func okAcksAreHeldAndCoverEveryFrameSinceTheLast() throws {
        let host = Host()
        host.send(.hello(major: 1, minor: 0), at: .zero)
        for i in 1...5 { host.send(.keepAlive, at: .milliseconds(Int64(i))) }
        #expect(host.lastAck == nil)
        host.advance(to: .milliseconds(20))
        #expect(host.lastAck == nil, "held for 20 ms from the first frame it covers, which came at 1 ms")
        host.advance(to: .milliseconds(21))
        #expect(try #require(host.lastAck) == (5, .ok, 0))
        #expect(host.replies.filter { if case .ack = $0 { true } else { false } }.count == 1)
        // A stop is confirmed at once, after the held ACK.
        host.send(.keepAlive, at: .milliseconds(22))
        host.send(.stopAll, at: .milliseconds(23))
        #expect(try #require(host.lastAck) == (7, .ok, 0))
        #expect(host.replies.filter { if case .ack = $0 { true } else { false } }.count == 3)
    }

    @Test func telemetryIsRateLimited() {
        let host = Host()
        var stream = RunStream()
        host.send(.hello(major: 1, minor: 0), at: .zero)
        for t in stride(from: 1, through: 200, by: 1) {
            if t == 1 { host.runs([Self.run(from: .milliseconds(2), count: 100)], stream: &stream, at: .milliseconds(1)) }
            if t % 50 == 0 { host.send(.keepAlive, at: .milliseconds(Int64(t))) }
            host.advance(to: .milliseconds(Int64(t)))
        }
        let telemetry = host.replies.compactMap { if case .telemetry(1, _, _, _, let t) = $0 { t } else { nil } }
        #expect(telemetry.count > 1)
        for (a, b) in zip(telemetry, telemetry.dropFirst()) {
            #expect(b - a >= UInt64(DeviceEmulator.telemetrySpacing.nanoseconds))
        }
    }
}
