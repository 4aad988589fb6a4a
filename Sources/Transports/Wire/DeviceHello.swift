import StimulationCore

/// The device's half of the handshake (HELLO-REPLY): who it is and what it can do.
public struct DeviceHello: Hashable, Sendable {
    /// The sequence number of the HELLO this answers.
    public var replyTo: UInt8
    public var major: UInt8
    public var minor: UInt8
    /// The highest amplitude each channel can produce, in µA, channel 1 first.
    public var maximumMicroamps: [UInt32]
    /// How far ahead of its clock the device accepts runs, in ms.
    public var lookaheadMilliseconds: UInt16
    /// How long the device waits without a valid frame before turning output off, in ms.
    public var watchdogMilliseconds: UInt16
    /// Bit i set: the device produces the shape whose `PulseShape.Kind` is numbered i.
    public var shapeMask: UInt16
    /// The device's clock, in ns since it started, when it sent this reply.
    public var deviceTime: UInt64
    public var deviceID: String

    public init(replyTo: UInt8, major: UInt8, minor: UInt8, maximumMicroamps: [UInt32], lookaheadMilliseconds: UInt16,
                watchdogMilliseconds: UInt16, shapeMask: UInt16, deviceTime: UInt64, deviceID: String) {
        self.replyTo = replyTo
        self.major = major
        self.minor = minor
        self.maximumMicroamps = maximumMicroamps
        self.lookaheadMilliseconds = lookaheadMilliseconds
        self.watchdogMilliseconds = watchdogMilliseconds
        self.shapeMask = shapeMask
        self.deviceTime = deviceTime
        self.deviceID = deviceID
    }

    public var shapes: Set<String> {
        Set(PulseShape.Kind.allCases.filter { shapeMask & (1 << $0.rawValue) != 0 }.map(\.name))
    }

    public static func mask(for shapes: some Sequence<String>) -> UInt16 {
        var mask: UInt16 = 0
        for shape in shapes {
            if let kind = PulseShape.Kind(name: shape) { mask |= 1 << kind.rawValue }
        }
        return mask
    }

    func write(to w: inout WireWriter) {
        w.u8(replyTo)
        w.u8(major)
        w.u8(minor)
        w.u8(UInt8(maximumMicroamps.count))
        for maximum in maximumMicroamps { w.u32(maximum) }
        w.u16(lookaheadMilliseconds)
        w.u16(watchdogMilliseconds)
        w.u16(shapeMask)
        w.u64(deviceTime)
        w.text(deviceID, limit: WireProtocol.maximumDeviceIDBytes)
    }

    init(reading r: inout WireReader) throws(WireFormatError) {
        replyTo = try r.u8("reply-to sequence")
        major = try r.u8("major version")
        minor = try r.u8("minor version")
        let channels = Int(try r.u8("channel count"))
        maximumMicroamps = []
        for channel in 0..<channels { maximumMicroamps.append(try r.u32("channel \(channel + 1) maximum")) }
        lookaheadMilliseconds = try r.u16("lookahead")
        watchdogMilliseconds = try r.u16("watchdog")
        shapeMask = try r.u16("shape mask")
        deviceTime = try r.u64("device time")
        deviceID = try r.text("device id")
    }
}
