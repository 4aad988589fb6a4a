import StimulationCore

/// Reads a payload written by `WireWriter`, refusing anything short, overlong or left over.
public struct WireReader {
    private let bytes: [UInt8]
    private var index = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public var isAtEnd: Bool { index == bytes.count }

    public mutating func u8(_ field: String) throws(WireFormatError) -> UInt8 {
        guard index < bytes.count else { throw WireFormatError("\(field) is missing: the payload ends at byte \(index)") }
        defer { index += 1 }
        return bytes[index]
    }

    public mutating func u16(_ field: String) throws(WireFormatError) -> UInt16 {
        UInt16(truncatingIfNeeded: try fixed(2, field))
    }

    public mutating func u32(_ field: String) throws(WireFormatError) -> UInt32 {
        UInt32(truncatingIfNeeded: try fixed(4, field))
    }

    public mutating func u64(_ field: String) throws(WireFormatError) -> UInt64 {
        try fixed(8, field)
    }

    private mutating func fixed(_ width: Int, _ field: String) throws(WireFormatError) -> UInt64 {
        guard bytes.count - index >= width else {
            throw WireFormatError("\(field) needs \(width) bytes; the payload has \(bytes.count - index) left")
        }
        var value: UInt64 = 0
        for i in 0..<width { value |= UInt64(bytes[index + i]) << UInt64(8 * i) }
        index += width
        return value
    }

    /// At most ten bytes, and the tenth may hold only the top bit of a 64-bit value.
    public mutating func varint(_ field: String) throws(WireFormatError) -> UInt64 {
        var value: UInt64 = 0
        for position in 0..<10 {
            let byte = try u8(field)
            let bits = UInt64(byte & 0x7F)
            guard position < 9 || bits <= 1 else { throw WireFormatError("\(field) does not fit in 64 bits") }
            value |= bits << UInt64(7 * position)
            if byte & 0x80 == 0 { return value }
        }
        throw WireFormatError("\(field) does not fit in 64 bits")
    }

    public mutating func signedVarint(_ field: String) throws(WireFormatError) -> Int64 {
        let zigzag = try varint(field)
        return Int64(bitPattern: zigzag >> 1) ^ -Int64(bitPattern: zigzag & 1)
    }

    public mutating func text(_ field: String) throws(WireFormatError) -> String {
        let count = Int(try u8("\(field) length"))
        guard bytes.count - index >= count else {
            throw WireFormatError("\(field) is \(count) bytes long; the payload has \(bytes.count - index) left")
        }
        defer { index += count }
        guard let text = String(validating: bytes[index..<index + count], as: UTF8.self) else {
            throw WireFormatError("\(field) is not UTF-8")
        }
        if let control = ControlCharacter.first(in: text) {
            throw WireFormatError("\(field) holds the control character \(control); text on the wire is printable")
        }
        return text
    }

    /// Every payload has an exact layout: bytes after it mean the two ends disagree about the layout.
    public func finish(_ what: String) throws(WireFormatError) {
        guard isAtEnd else { throw WireFormatError("\(what) has \(bytes.count - index) bytes more than its layout") }
    }
}
