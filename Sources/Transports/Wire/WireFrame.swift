/// One frame's content: what it is, its sequence number and its payload. The CRC and the stuffing
/// are added on the way out and checked on the way in.
public struct WireFrame: Hashable, Sendable {
    public var type: UInt8
    public var sequence: UInt8
    public var payload: [UInt8]

    public init(type: UInt8, sequence: UInt8, payload: [UInt8]) {
        self.type = type
        self.sequence = sequence
        self.payload = payload
    }

    /// The largest payload a frame can carry.
    public static let maximumPayload = WireProtocol.maximumBody - WireProtocol.bodyOverhead

    /// FLAG, the stuffed body (type, sequence, payload, CRC low byte, CRC high byte), FLAG.
    public func encoded() -> [UInt8] {
        precondition(payload.count <= Self.maximumPayload, "a frame carries at most \(Self.maximumPayload) payload bytes")
        var out: [UInt8] = []
        out.reserveCapacity(payload.count * 2 + 10)
        appendEncoded(to: &out)
        return out
    }

    public func appendEncoded(to out: inout [UInt8]) {
        var crc = WireCRC.update(WireCRC.update(WireCRC.initial, type), sequence)
        for byte in payload { crc = WireCRC.update(crc, byte) }
        out.append(WireProtocol.flag)
        FrameEncoding.stuff(type, into: &out)
        FrameEncoding.stuff(sequence, into: &out)
        for byte in payload { FrameEncoding.stuff(byte, into: &out) }
        FrameEncoding.stuff(UInt8(crc & 0xFF), into: &out)
        FrameEncoding.stuff(UInt8(crc >> 8), into: &out)
        out.append(WireProtocol.flag)
    }

}
