/// What a device sends: replies to the host's frames, and reports of its own.
/// The frame's sequence number is the device's own counter, so the host can count lost reports.
public enum DeviceMessage: Hashable, Sendable {
    case helloReply(DeviceHello)
    /// Acknowledges every host frame up to and including `sequence`, with the result for that one.
    case ack(sequence: UInt8, result: WireResult, detail: UInt16, deviceTime: UInt64)
    /// A channel's state, sent when it changes (rate-limited) and at least once a second.
    /// `impedance` is nil when no current path could be measured.
    case telemetry(channel: UInt8, deliveredMicroamps: UInt32, impedanceOhms: UInt32?, contact: ContactState,
                   deviceTime: UInt64)
    /// The device turned every output off on its own and waits for a new HELLO.
    case fault(code: DeviceFaultCode, deviceTime: UInt64, text: String)
    /// Sent once after power-up or reset: the device's output is off and it remembers nothing.
    case boot(deviceTime: UInt64)

    public enum Kind: UInt8, CaseIterable, Sendable {
        case helloReply = 0x81
        case ack = 0x82
        case telemetry = 0x83
        case fault = 0x84
        case boot = 0x85
    }

    /// The impedance value that means "no current path".
    public static let noImpedance = UInt32.max

    /// Contact states in wire order.
    public static let contactCodes: [ContactState] = [.ok, .poor, .open, .short]

    public var kind: Kind {
        switch self {
        case .helloReply: .helloReply
        case .ack: .ack
        case .telemetry: .telemetry
        case .fault: .fault
        case .boot: .boot
        }
    }

    public func frame(sequence: UInt8) -> WireFrame {
        var w = WireWriter()
        switch self {
        case .helloReply(let hello):
            hello.write(to: &w)
        case .ack(let acked, let result, let detail, let time):
            w.u8(acked)
            w.u8(result.rawValue)
            w.u16(detail)
            w.u64(time)
        case .telemetry(let channel, let delivered, let impedance, let contact, let time):
            w.u8(channel)
            w.u32(delivered)
            w.u32(impedance ?? Self.noImpedance)
            w.u8(UInt8(Self.contactCodes.firstIndex(of: contact)!))
            w.u64(time)
        case .fault(let code, let time, let text):
            w.u8(code.rawValue)
            w.u64(time)
            w.text(text, limit: WireProtocol.maximumFaultTextBytes)
        case .boot(let time):
            w.u64(time)
        }
        return WireFrame(type: kind.rawValue, sequence: sequence, payload: w.bytes)
    }

    /// Reads a device frame; nil for a type the protocol does not define.
    public init?(_ frame: WireFrame) throws(WireFormatError) {
        guard let kind = Kind(rawValue: frame.type) else { return nil }
        var r = WireReader(frame.payload)
        switch kind {
        case .helloReply:
            self = .helloReply(try DeviceHello(reading: &r))
        case .ack:
            let acked = try r.u8("acknowledged sequence")
            let code = try r.u8("result")
            guard let result = WireResult(rawValue: code) else { throw WireFormatError("result code \(code) is not defined") }
            self = .ack(sequence: acked, result: result, detail: try r.u16("detail"), deviceTime: try r.u64("device time"))
        case .telemetry:
            let channel = try r.u8("channel")
            let delivered = try r.u32("delivered")
            let impedance = try r.u32("impedance")
            let code = Int(try r.u8("contact"))
            guard code < Self.contactCodes.count else { throw WireFormatError("contact code \(code) is not defined") }
            self = .telemetry(channel: channel, deliveredMicroamps: delivered,
                              impedanceOhms: impedance == Self.noImpedance ? nil : impedance,
                              contact: Self.contactCodes[code], deviceTime: try r.u64("device time"))
        case .fault:
            let code = try r.u8("fault code")
            self = .fault(code: DeviceFaultCode(rawValue: code) ?? .other, deviceTime: try r.u64("device time"),
                          text: try r.text("fault text"))
        case .boot:
            self = .boot(deviceTime: try r.u64("device time"))
        }
        try r.finish("\(kind) payload")
    }
}
