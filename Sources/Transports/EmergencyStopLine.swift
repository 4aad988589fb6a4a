import Glibc
import Synchronization

/// Output off from any thread, at once: what the operator's STOP uses before the engine thread has even woken.
///
/// A serial device obeys a lone STOP byte whenever it arrives, even inside a frame (wire protocol §5), so the
/// key's own thread may write it while the engine thread is asleep or busy; GPIO lines are switched off by the
/// key's thread directly. The line is armed while the device is open and disarmed before its descriptor is
/// closed, so a late press can never write into a descriptor the process has since reused for something else.
public final class EmergencyStopLine: Sendable {
    private enum Armed {
        /// A serial port: whatever waits in its buffer is dropped and the STOP byte sent.
        case serial(Int32)
        /// Anything else: an action that turns output off without waiting for another thread.
        case action(@Sendable () -> Void)
    }

    private let armed = Mutex<Armed?>(nil)

    public init() {}

    public func arm(_ fd: Int32) { armed.withLock { $0 = .serial(fd) } }

    public func arm(action: @escaping @Sendable () -> Void) { armed.withLock { $0 = .action(action) } }

    /// Returns once no pull can be under way, so the caller may close the descriptor.
    public func disarm() { armed.withLock { $0 = nil } }

    public var isArmed: Bool { armed.withLock { $0 != nil } }

    /// Turns output off. Does nothing when no device is open; never blocks beyond one write or one line change.
    public func pull() {
        armed.withLock { armed in
            switch armed {
            case .serial(let fd):
                tcflush(fd, TCOFLUSH)
                var stop = WireProtocol.stop
                _ = Glibc.write(fd, &stop, 1)
            case .action(let cut):
                cut()
            case nil:
                break
            }
        }
    }
}
