import PropertyBased
import StimulationCore
import Testing
@testable import Transports

/// The framing and message layouts of docs/wire-protocol.md, byte for byte.
@Suite struct WireCodecTests {
    static let keepAlive = HostMessage.keepAlive.frame(sequence: 5)

    @Test func crcHasTheStandardCheckValue() {
        #expect(WireCRC.checksum(Array("123456789".utf8)) == 0x29B1)
    }

    @Test func reservedBytesNeverAppearInsideAFrame() {
        let frame = WireFrame(type: 0x05, sequence: WireProtocol.flag,
                              payload: [WireProtocol.stop, WireProtocol.escape, WireProtocol.flag, 0x00, 0xFF])
        let bytes = frame.encoded()
        #expect(bytes.first == WireProtocol.flag)
        #expect(bytes.last == WireProtocol.flag)
        let inside = bytes.dropFirst().dropLast()
        #expect(!inside.contains(WireProtocol.flag))
        #expect(!inside.contains(WireProtocol.stop))
        var decoder = FrameDecoder()
        #expect(decoder.decode(bytes) == [.frame(frame)])
    }

    /// The example in docs/wire-protocol.md: type 0x02, sequence 0x05, CRC 0x2BC8 low byte first.
    @Test func aKeepAliveIsSixBytes() {
        #expect(Self.keepAlive.encoded() == [0x7E, 0x02, 0x05, 0xC8, 0x2B, 0x7E])
    }

    /// Example 12.6 of docs/wire-protocol.md, byte for byte: a full entry, then a sweep step.
    @Test func theRunsExampleInTheSpecification() {
        let pulse = PulseShape.symmetricBiphasic.pulse(amplitude: .milliamps(20), width: .microseconds(200),
                                                       period: .milliseconds(10))
        var stream = RunStream()
        var w = WireWriter()
        stream.encode(PulseRun(channel: 1, start: .milliseconds(1_050), period: .milliseconds(10), count: 50, pulse: pulse,
                               alternates: false), into: &w)
        stream.encode(PulseRun(channel: 1, start: .milliseconds(1_550), period: .microseconds(9_900), count: 1, pulse: pulse,
                               alternates: false), into: &w)
        let bytes = HostMessage.runs(channel: 1, entries: w.bytes).frame(sequence: 6).encoded()
        #expect(bytes == [0x7E, 0x05, 0x06, 0x01, 0x0F, 0x80, 0xF5, 0xD6, 0xF4, 0x03, 0x80, 0xDA, 0xC4, 0x09, 0x32, 0x02,
                          0xC0, 0xB8, 0x02, 0x80, 0xB5, 0x7D, 0x38, 0xBF, 0xB8, 0x02, 0x80, 0xB5, 0x7D, 0x38, 0x02, 0xBF,
                          0x9A, 0x0C, 0x23, 0x8A, 0x7E])
    }

    @Test func oneFrameSplitIntoSingleBytesDecodes() {
        let frame = HostMessage.runs(channel: 1, entries: Array(0...200)).frame(sequence: 9)
        var decoder = FrameDecoder()
        var outputs: [FrameDecoder.Output] = []
        for byte in frame.encoded() { outputs += decoder.decode([byte]) }
        #expect(outputs == [.frame(frame)])
    }

    @Test func manyFramesInOneReadAllDecode() {
        let frames = (0..<50).map { HostMessage.stopChannel(UInt8($0 % 16 + 1)).frame(sequence: UInt8($0)) }
        var decoder = FrameDecoder()
        let outputs = decoder.decode(frames.flatMap { $0.encoded() })
        #expect(outputs == frames.map { .frame($0) })
        #expect(decoder.counters.frames == 50)
        #expect(decoder.counters.damaged == 0)
    }

    @Test func aStopByteInterruptsAFrameAndIsReportedAtOnce() {
        let frame = HostMessage.runs(channel: 2, entries: Array(repeating: 0x41, count: 40)).frame(sequence: 1).encoded()
        var decoder = FrameDecoder()
        let outputs = decoder.decode(frame[0..<20] + [WireProtocol.stop] + frame[20...])
        #expect(outputs == [.stop])
        #expect(decoder.counters.interrupted == 1)
        // The rest of the cut frame is not mistaken for one: it ends at a FLAG without its start.
        #expect(decoder.counters.frames == 0)
        #expect(decoder.decode(Self.keepAlive.encoded()) == [.frame(Self.keepAlive)])
    }

    @Test func everySingleBitFlipIsDroppedAndCounted() {
        let frame = DeviceMessage.telemetry(channel: 3, deliveredMicroamps: 20_000, impedanceOhms: 1_234, contact: .poor,
                                            deviceTime: 123_456_789).frame(sequence: 7)
        let clean = frame.encoded()
        var dropped = 0
        for index in 1..<(clean.count - 1) {
            for bit in 0..<8 {
                var damaged = clean
                damaged[index] ^= 1 << bit
                var decoder = FrameDecoder()
                let outputs = decoder.decode(damaged + Self.keepAlive.encoded())
                #expect(!outputs.contains(.frame(frame)), "flip at byte \(index) bit \(bit) went through")
                #expect(outputs.last == .frame(Self.keepAlive) || outputs.contains(.stop))
                if decoder.counters.damaged + decoder.counters.interrupted > 0 { dropped += 1 }
            }
        }
        #expect(dropped > 0)
    }

    @Test func anOversizedFrameIsSkippedToTheNextFlag() {
        var bytes: [UInt8] = [WireProtocol.flag] + Array(repeating: 0x41, count: WireProtocol.maximumBody + 10)
        bytes += Self.keepAlive.encoded()
        var decoder = FrameDecoder()
        #expect(decoder.decode(bytes) == [.frame(Self.keepAlive)])
        #expect(decoder.counters.oversized == 1)
    }

    @Test func anEscapeBeforeAnOrdinaryByteIsMalformed() {
        var decoder = FrameDecoder()
        let outputs = decoder.decode([WireProtocol.flag, 0x02, WireProtocol.escape, 0x41, 0x00, 0x00] + Self.keepAlive.encoded())
        #expect(outputs == [.frame(Self.keepAlive)])
        #expect(decoder.counters.malformed == 1)
    }

    /// Wire protocol §6.2: the shape bits are fixed for good, whatever order the code lists shapes in.
    @Test func shapeBitsAreTheDocumentedNumbers() {
        let documented = ["symmetric-biphasic": 0, "asymmetric-biphasic": 1, "biphasic-gap": 2, "monophasic": 3,
                          "square-wave": 4, "twin-peak": 5, "sine-carrier": 6]
        for (name, bit) in documented { #expect(DeviceHello.mask(for: [name]) == 1 << bit, "\(name)") }
        #expect(Set(PulseShape.names) == Set(documented.keys))
        #expect(DeviceHello.mask(for: ["no-such-shape"]) == 0)
    }

    @Test func everyMessageSurvivesTheRoundTrip() throws {
        let host: [HostMessage] = [.hello(major: 1, minor: 0), .keepAlive, .stopAll, .stopChannel(3),
                                   .runs(channel: 2, entries: [1, 2, 3]), .goodbye]
        for message in host { #expect(try HostMessage(message.frame(sequence: 1)) == message) }
        let hello = DeviceHello(replyTo: 4, major: 1, minor: 2, maximumMicroamps: [100_000, 80_000], lookaheadMilliseconds: 100,
                                watchdogMilliseconds: 250, shapeMask: DeviceHello.mask(for: ["sine-carrier", "monophasic"]),
                                deviceTime: 1 << 40, deviceID: "bench-7")
        let device: [DeviceMessage] = [
            .helloReply(hello), .ack(sequence: 9, result: .tooFarAhead, detail: 3, deviceTime: 77),
            .telemetry(channel: 1, deliveredMicroamps: 5, impedanceOhms: nil, contact: .open, deviceTime: 8),
            .fault(code: .watchdog, deviceTime: 99, text: "no valid frame"), .boot(deviceTime: 0),
        ]
        for message in device { #expect(try DeviceMessage(message.frame(sequence: 200)) == message) }
        #expect(hello.shapes == ["sine-carrier", "monophasic"])
    }

    @Test func aPayloadLongerOrShorterThanItsLayoutIsRefused() throws {
        #expect(throws: WireFormatError.self) { try HostMessage(WireFrame(type: 0x02, sequence: 0, payload: [0])) }
        #expect(throws: WireFormatError.self) { try DeviceMessage(WireFrame(type: 0x82, sequence: 0, payload: [1, 0])) }
        #expect(throws: WireFormatError.self) {
            try DeviceMessage(WireFrame(type: 0x82, sequence: 0, payload: [1, 200, 0, 0] + Array(repeating: 0, count: 8)))
        }
        #expect(try HostMessage(WireFrame(type: 0x40, sequence: 0, payload: [])) == nil)
    }

    @Test func varintsRefuseMoreThan64Bits() throws {
        var r = WireReader(Array(repeating: 0xFF, count: 9) + [0x02])
        #expect(throws: WireFormatError.self) { try r.varint("value") }
        var w = WireWriter()
        w.varint(.max)
        w.signedVarint(.min)
        var back = WireReader(w.bytes)
        #expect(try back.varint("a") == .max)
        #expect(try back.signedVarint("b") == .min)
    }

    /// Random byte streams: the decoder never crashes, never yields a frame whose CRC it did not check,
    /// and accounts for every frame it saw.
    @Test func theDecoderSurvivesAnyByteStream() async {
        let alphabet: [UInt8] = [0x7E, 0x7D, 0x18, 0x00, 0x41, 0xFF]
        let bytes = Gen.int(in: 0...5).map { alphabet[$0] }.array(of: 0...300)
        let noise = Gen.uint8().array(of: 0...300)
        await propertyCheck(count: 400, input: bytes, noise) { structured, random in
            var decoder = FrameDecoder()
            let outputs = decoder.decode(structured + random)
            for case .frame(let frame) in outputs {
                #expect(frame.payload.count <= WireFrame.maximumPayload)
                // Re-encoding gives back a frame the decoder accepts: its CRC was checked, not assumed.
                var again = FrameDecoder()
                #expect(again.decode(frame.encoded()) == [.frame(frame)])
            }
            #expect(decoder.counters.frames == outputs.filter { if case .frame = $0 { true } else { false } }.count)
            #expect(decoder.counters.stops == outputs.filter { $0 == .stop }.count)
            // Whatever came before, a clean frame after a FLAG is read.
            #expect(decoder.decode([WireProtocol.flag] + Self.keepAlive.encoded()).last == .frame(Self.keepAlive))
        }
    }

    /// Frames cut anywhere and fed in random pieces decode exactly as when fed whole.
    @Test func howBytesAreSplitIntoReadsDoesNotMatter() async {
        let frames = (0..<12).map { DeviceMessage.ack(sequence: UInt8($0), result: .ok, detail: 0, deviceTime: UInt64($0) << 20)
            .frame(sequence: UInt8($0 * 21)) }
        let stream = frames.flatMap { $0.encoded() }
        await propertyCheck(count: 200, input: Gen.int(in: 1...40).array(of: 1...60)) { cuts in
            var decoder = FrameDecoder()
            var outputs: [FrameDecoder.Output] = []
            var start = 0
            for cut in cuts where start < stream.count {
                let end = min(stream.count, start + cut)
                outputs += decoder.decode(stream[start..<end])
                start = end
            }
            outputs += decoder.decode(stream[start...])
            #expect(outputs == frames.map { .frame($0) })
        }
    }
}
