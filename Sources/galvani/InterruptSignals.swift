import Glibc
import Synchronization

/// Ctrl-C, SIGTERM and SIGHUP for commands without a console: the handler only records the signal,
/// and the command's loop sees it and ends the normal way, with output off.
enum InterruptSignals {
    private static let received = Atomic<Int32>(0)

    static func install() {
        received.store(0, ordering: .releasing)
        for signal in [SIGINT, SIGTERM, SIGHUP] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { signal in InterruptSignals.received.store(signal, ordering: .releasing) }
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART
            sigaction(signal, &action, nil)
        }
    }

    /// The signal received since installation, if any.
    static var requested: Int32? {
        let signal = received.load(ordering: .acquiring)
        return signal == 0 ? nil : signal
    }
}
