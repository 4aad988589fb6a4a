import StimulationCore

/// The constants of the Galvani serial protocol (docs/wire-protocol.md). Both ends must agree on every one.
public enum WireProtocol {
    /// Version 1.1. A device whose major version differs is refused: the layouts may mean something else.
    /// Within major 1 a session speaks the lower of the two minor versions, so a 1.0 device still works.
    public static let major: UInt8 = 1
    public static let minor: UInt8 = 1
    /// The first minor version with ramp entries (`RunEntry`).
    public static let rampMinor: UInt8 = 1

    /// Starts and ends every frame.
    public static let flag: UInt8 = 0x7E
    /// Marks a reserved byte inside a frame; the next byte is the reserved one XOR `escapeMask`.
    public static let escape: UInt8 = 0x7D
    public static let escapeMask: UInt8 = 0x20
    /// The one-byte STOP (ASCII CAN, "cancel"). Outside any frame and never inside one, so a device can
    /// act on it the moment it arrives, even in the middle of a frame, with no decoding and no CRC.
    public static let stop: UInt8 = 0x18

    /// The largest frame body, type to CRC inclusive, before stuffing. A device needs this much buffer.
    public static let maximumBody = 256
    /// type, sequence, CRC.
    public static let bodyOverhead = 4

    /// A device that receives no valid frame for this long turns every output off on its own: long enough
    /// to ride out a lost keep-alive (the host sends one at least every 100 ms), short enough that a crashed host
    /// cannot leave current flowing for more than a quarter of a second.
    public static let watchdog = TimeSpan.milliseconds(250)

    /// A 1.0 device need only have room for the runs that start within this of its now (docs/wire-protocol.md §6.5), so
    /// a host queues no run further ahead of one, whatever lookahead it offers: at 4 kHz, with every pulse a run of its
    /// own, the engine's 160 ms would be 640 runs where the device may hold 161.
    public static let queueReach = TimeSpan.milliseconds(40)
    /// From this minor version a device has room for every run that starts within its own lookahead.
    public static let lookaheadRoomMinor: UInt8 = 1

    /// The channels a device may have: one byte names a channel, a 16-bit mask could hold their states.
    public static let channelRange = 1...16
    /// The longest period a run may have (a 0.3 Hz microcurrent pulse is 3.3 s apart).
    public static let maximumPeriod = TimeSpan.seconds(60)
    /// The most pulses one run entry may hold.
    public static let maximumCount = 65_535
    /// Device ids are UTF-8 of at most this many bytes.
    public static let maximumDeviceIDBytes = 32
    /// Fault texts are UTF-8 of at most this many bytes.
    public static let maximumFaultTextBytes = 160
}
