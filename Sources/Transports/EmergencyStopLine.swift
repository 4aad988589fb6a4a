import Glibc
import Synchronization

/// Output off from any thread, at once: what the operator's STOP uses before the engine thread has even woken.
///
/// A serial device obeys a lone STOP byte whenever it arrives, even inside a frame (wire protocol §5), so the
/// key's own thread may write it while the engine thread is asleep or busy. The line is armed with the port's
/// descriptor while the port is open and disarmed before the descriptor is closed, so a late press can never
/// write into a descriptor the process has since reused for something else.
public final class EmergencyStopLine: Sendable {
    private let descriptor = Mutex<Int32?>(nil)

    public init() {}

    public func arm(_ fd: Int32) { descriptor.withLock { $0 = fd } }

    /// Returns once no write can be under way, so the caller may close the descriptor.
    public func disarm() { descriptor.withLock { $0 = nil } }

    public var isArmed: Bool { descriptor.withLock { $0 != nil } }

    /// Drops whatever waits in the line's buffer (it would play before the stop) and sends the STOP byte.
    /// Does nothing when no line is open; never blocks beyond one write.
    public func pull() {
        descriptor.withLock { fd in
            guard let fd else { return }
            tcflush(fd, TCOFLUSH)
            var stop = WireProtocol.stop
            _ = Glibc.write(fd, &stop, 1)
        }
    }
}
