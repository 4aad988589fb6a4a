/// The byte stuffing shared by the encoder and the decoder: FLAG, ESC and STOP never appear inside a frame.
enum FrameEncoding {
    @inline(__always)
    static func isReserved(_ byte: UInt8) -> Bool {
        byte == WireProtocol.flag || byte == WireProtocol.escape || byte == WireProtocol.stop
    }

    @inline(__always)
    static func stuff(_ byte: UInt8, into out: inout [UInt8]) {
        if isReserved(byte) {
            out.append(WireProtocol.escape)
            out.append(byte ^ WireProtocol.escapeMask)
        } else {
            out.append(byte)
        }
    }
}
