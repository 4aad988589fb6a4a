import StimulationCore

/// Something a device reported, stamped with session time.
public struct TransportEvent: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// Per-channel telemetry: the current that actually flowed (peak of the last pulse),
        /// the impedance it met (nil when there is no current path), and the contact judgement.
        /// Sent on change.
        case telemetry(channel: Int, delivered: Current, impedance: Resistance?, contact: ContactState)
        /// The device reports a fault of its own; its output is off.
        case deviceFault(String)
        /// The link is gone; the device's output state is unknown.
        case disconnected(String)
    }

    public var time: TimeSpan
    public var kind: Kind

    public init(time: TimeSpan, kind: Kind) {
        self.time = time
        self.kind = kind
    }
}
