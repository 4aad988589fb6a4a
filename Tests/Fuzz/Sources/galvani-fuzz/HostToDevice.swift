import StimulationCore
import Transports

/// What a device does with bytes a host sends: the emulator, past a valid HELLO, given the fuzzer's
/// bytes in pieces at advancing times, so the watchdog, the queue and telemetry run as well.
enum HostToDevice {
    static func run(_ bytes: [UInt8]) {
        let device = DeviceEmulator(.init(channels: 2), at: .zero) { _ in }
        device.receive(HostMessage.hello(major: WireProtocol.major, minor: WireProtocol.minor).frame(sequence: 0).encoded(), at: .zero)
        var now = TimeSpan.zero
        var rest = bytes[...]
        while let step = rest.first {
            rest = rest.dropFirst()
            let piece = rest.prefix(Int(step % 64) + 1)
            rest = rest.dropFirst(piece.count)
            now += .milliseconds(Int64(step / 64) * 40)
            device.receive(piece, at: now)
            _ = device.takeOutput()
        }
    }
}
