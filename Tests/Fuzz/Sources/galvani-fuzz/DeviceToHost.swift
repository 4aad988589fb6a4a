import Transports

/// What a host does with bytes a device sends: frames decoded, each message and run stream parsed.
enum DeviceToHost {
    static func run(_ bytes: [UInt8]) {
        var decoder = FrameDecoder()
        var stream = RunStream()
        for output in decoder.decode(bytes) {
            guard case .frame(let frame) = output else { continue }
            _ = try? DeviceMessage(frame)
            _ = try? HostMessage(frame)
            _ = try? stream.decode(frame.payload, channel: 1, ramps: true)
        }
    }
}
