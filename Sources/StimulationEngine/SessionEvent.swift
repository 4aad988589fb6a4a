import StimulationCore
import Transports

/// Everything that happens in a session, stamped with session time: for headless output and records.
public struct SessionEvent: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case connected(DeviceCapabilities)
        case stateChanged(from: SessionState, to: SessionState, reason: String)
        case screeningRecorded(answers: [Contraindication: Bool], overrideReason: String?)
        case screeningBlocked([Contraindication])
        case commandRefused(String)
        case programmeStarted(index: Int, name: String)
        case programmeCompleted(index: Int, delivered: TimeSpan)
        case targetChanged(channel: Int, target: Current)
        case amplitudeClamped(channel: Int, requested: Current, limit: Current, source: String)
        case electrodeFault(channel: Int, contact: ContactState, impedance: Resistance?)
        case contactRestored(channel: Int)
        case alarmRaised(Alarm)
        case alarmAcknowledged(Alarm)
        case alarmCleared(Alarm)
        case emergencyStop
        case outputOff(reason: String)
        /// Output ran out for `length` because the host fell behind; `softStart` when it came back from zero.
        case outputGap(length: TimeSpan, softStart: Bool)
        /// Something about the host machine an operator should know, said once (real-time scheduling refused).
        case hostNotice(String)
    }

    public var time: TimeSpan
    public var kind: Kind

    public init(time: TimeSpan, kind: Kind) {
        self.time = time
        self.kind = kind
    }
}
