/// CRC-16/CCITT-FALSE: polynomial 0x1021, initial value 0xFFFF, no reflection, no final XOR.
/// Its check value, over the ASCII bytes "123456789", is 0x29B1. Any frame with up to three
/// flipped bits, or one burst of up to 16, is caught.
public enum WireCRC {
    public static let initial: UInt16 = 0xFFFF

    private static let table: [UInt16] = (0..<256).map { byte in
        var crc = UInt16(byte) << 8
        for _ in 0..<8 { crc = crc & 0x8000 != 0 ? (crc << 1) ^ 0x1021 : crc << 1 }
        return crc
    }

    @inline(__always)
    public static func update(_ crc: UInt16, _ byte: UInt8) -> UInt16 {
        (crc << 8) ^ table[Int((crc >> 8) ^ UInt16(byte))]
    }

    public static func checksum<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt16 {
        var crc = initial
        for byte in bytes { crc = update(crc, byte) }
        return crc
    }
}
