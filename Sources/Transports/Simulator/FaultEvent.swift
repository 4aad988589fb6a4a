import StimulationCore

/// One scripted failure at a moment of session time.
public struct FaultEvent: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// `lift` of the pad has come away from the skin; what touches still carries the current.
        case padLift(channel: Int, lift: Ratio)
        case leadBreak(channel: Int)
        /// The channel's two leads touch.
        case short(channel: Int)
        /// The pad is pressed back on and the lead and short repaired; any drift stays.
        case contactRestored(channel: Int)
        /// The impedance multiplier moves in a straight line from its present value to `to` over `over`.
        case impedanceDrift(channel: Int, to: Ratio, over: TimeSpan)
        /// The device stops its output and reports `message`.
        case deviceFault(message: String)
        /// The link to the device is lost.
        case disconnect

        /// The names fault scripts use, in the order the format lists them.
        public static let names = ["pad-lift", "lead-break", "short", "contact-restored", "impedance-drift",
                                   "device-fault", "disconnect"]

        /// The channel the fault touches; nil for faults of the whole device.
        public var channel: Int? {
            switch self {
            case .padLift(let channel, _), .leadBreak(let channel), .short(let channel),
                 .contactRestored(let channel), .impedanceDrift(let channel, _, _): channel
            case .deviceFault, .disconnect: nil
            }
        }
    }

    public var time: TimeSpan
    public var kind: Kind

    public init(time: TimeSpan, kind: Kind) {
        self.time = time
        self.kind = kind
    }
}
