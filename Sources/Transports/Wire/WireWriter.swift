/// Builds a payload: fixed-width integers little-endian, and LEB128 varints for values whose size varies.
public struct WireWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public mutating func u8(_ value: UInt8) { bytes.append(value) }

    public mutating func u16(_ value: UInt16) {
        bytes.append(UInt8(truncatingIfNeeded: value))
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
    }

    public mutating func u32(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    public mutating func u64(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    /// Unsigned LEB128: seven bits per byte, low bits first, the top bit set on every byte but the last.
    public mutating func varint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// Zigzag (0, −1, 1, −2, 2 … become 0, 1, 2, 3, 4 …) then LEB128, so small negative numbers stay short.
    public mutating func signedVarint(_ value: Int64) {
        varint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    /// A length byte and UTF-8, cut at a character boundary to fit `limit` bytes.
    public mutating func text(_ value: String, limit: Int) {
        var utf8 = Array(value.utf8)
        while utf8.count > limit {
            utf8.removeLast()
            while let last = utf8.last, last & 0xC0 == 0x80 { utf8.removeLast() }
            if let last = utf8.last, last >= 0xC0 { utf8.removeLast() }
        }
        u8(UInt8(utf8.count))
        bytes.append(contentsOf: utf8)
    }

    public mutating func append(_ other: [UInt8]) { bytes.append(contentsOf: other) }
}
