/// Turns a byte stream into frames, however the bytes were split into reads.
///
/// It never trusts what it reads: a frame with a bad CRC, a bad escape or too many bytes is
/// dropped and counted, and decoding picks up again at the next FLAG. A raw STOP byte is
/// reported the moment it arrives and abandons any frame it interrupts.
public struct FrameDecoder: Sendable {
    public enum Output: Hashable, Sendable {
        case frame(WireFrame)
        case stop
    }

    /// What was thrown away, for the link's error counters.
    public struct Counters: Hashable, Sendable {
        public var frames = 0
        /// Complete frames whose CRC did not match.
        public var crcErrors = 0
        /// Frames shorter than type, sequence and CRC, or with an escape before a reserved byte it cannot stand for.
        public var malformed = 0
        /// Frames longer than the protocol's maximum; the rest of them is skipped.
        public var oversized = 0
        /// Bytes outside any frame.
        public var noise = 0
        /// Frames cut off by a STOP byte.
        public var interrupted = 0
        public var stops = 0

        /// Every frame that was damaged on the way: what the error threshold counts.
        public var damaged: Int { crcErrors + malformed + oversized }
    }

    private enum State {
        /// Outside a frame: waiting for a FLAG.
        case hunting
        case body
        case escaped
        /// Inside a frame that is already known to be bad: skipping to the next FLAG.
        case skipping
    }

    public private(set) var counters = Counters()
    private var state = State.hunting
    private var body: [UInt8] = []

    public init() {
        body.reserveCapacity(WireProtocol.maximumBody)
    }

    /// Decodes `bytes`, calling `handle` for each frame and STOP byte in order.
    public mutating func decode<Bytes: Sequence<UInt8>>(_ bytes: Bytes, _ handle: (Output) -> Void) {
        for byte in bytes {
            if let output = push(byte) { handle(output) }
        }
    }

    /// Decodes `bytes` into a list.
    public mutating func decode<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> [Output] {
        var outputs: [Output] = []
        decode(bytes) { outputs.append($0) }
        return outputs
    }

    public mutating func push(_ byte: UInt8) -> Output? {
        if byte == WireProtocol.stop {
            if state == .body || state == .escaped, !body.isEmpty { counters.interrupted += 1 }
            counters.stops += 1
            reset(to: .hunting)
            return .stop
        }
        switch state {
        case .hunting:
            if byte == WireProtocol.flag { reset(to: .body) } else { counters.noise += 1 }
            return nil
        case .skipping:
            if byte == WireProtocol.flag { reset(to: .body) }
            return nil
        case .escaped:
            let original = byte ^ WireProtocol.escapeMask
            guard byte != WireProtocol.flag, FrameEncoding.isReserved(original) else {
                counters.malformed += 1
                // An escape followed by FLAG: the FLAG still starts the next frame.
                reset(to: byte == WireProtocol.flag ? .body : .skipping)
                return nil
            }
            return append(original)
        case .body:
            if byte == WireProtocol.flag { return finish() }
            if byte == WireProtocol.escape {
                state = .escaped
                return nil
            }
            return append(byte)
        }
    }

    private mutating func append(_ byte: UInt8) -> Output? {
        guard body.count < WireProtocol.maximumBody else {
            counters.oversized += 1
            reset(to: .skipping)
            return nil
        }
        body.append(byte)
        state = .body
        return nil
    }

    /// A FLAG ends the frame in progress and starts the next; two FLAGs in a row are an empty frame, ignored.
    private mutating func finish() -> Output? {
        defer { reset(to: .body) }
        guard !body.isEmpty else { return nil }
        guard body.count >= WireProtocol.bodyOverhead else {
            counters.malformed += 1
            return nil
        }
        let end = body.count - 2
        var crc = WireCRC.initial
        for byte in body[..<end] { crc = WireCRC.update(crc, byte) }
        guard crc == UInt16(body[end]) | UInt16(body[end + 1]) << 8 else {
            counters.crcErrors += 1
            return nil
        }
        counters.frames += 1
        return .frame(WireFrame(type: body[0], sequence: body[1], payload: Array(body[2..<end])))
    }

    private mutating func reset(to next: State) {
        body.removeAll(keepingCapacity: true)
        state = next
    }
}
