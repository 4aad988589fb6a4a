import Glibc
import Synchronization

/// SIGINT, SIGTERM and SIGHUP while the screen is up. The handler only records the signal,
/// since almost nothing is safe inside one; the UI loop on the main thread wakes every few tens
/// of milliseconds, sees the record and shuts down the normal way, output off and terminal
/// restored. A second signal before that means the loop is stuck: the handler then puts the
/// terminal back itself and lets the signal end the process as it would have without a handler.
struct TerminationSignals {
    /// SIGHUP too: a closed terminal window should end the session as cleanly as Ctrl-C does.
    static let handled: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// The number of the first signal received since installation, or 0.
    private static let received = Atomic<Int32>(0)

    private var previous: [(signal: Int32, action: sigaction)] = []

    /// The first signal received since installation, if any.
    static var requested: Int32? {
        let signal = received.load(ordering: .acquiring)
        return signal == 0 ? nil : signal
    }

    /// Install before ncurses starts: where no handler is set yet, ncurses installs its own for
    /// SIGINT and SIGTERM, which exit from inside the handler.
    static func install() -> TerminationSignals {
        // Statics are initialised lazily, under a once-lock; a handler must not be the first to
        // touch them.
        received.store(0, ordering: .releasing)
        _ = EmergencyRestore.isPrepared
        var installed = TerminationSignals()
        for signal in handled {
            var old = sigaction()
            sigaction(signal, nil, &old)
            // Whoever started the console chose to have this signal ignored (a background job,
            // nohup); catching it would undo that choice.
            guard unsafeBitCast(old.__sigaction_handler.sa_handler, to: Int.self) != unsafeBitCast(SIG_IGN, to: Int.self)
            else { continue }
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { signal in TerminationSignals.handle(signal) }
            sigemptyset(&action.sa_mask)
            // Restarting keeps other threads' reads and writes from failing with EINTR; the UI
            // loop's own wait times out within tens of milliseconds anyway.
            action.sa_flags = SA_RESTART
            if sigaction(signal, &action, nil) == 0 { installed.previous.append((signal, old)) }
        }
        return installed
    }

    /// Puts back whatever handled these signals before, so that once the terminal is restored
    /// another signal has its usual effect.
    func uninstall() {
        for (signal, action) in previous {
            var old = action
            sigaction(signal, &old, nil)
        }
    }

    private static func handle(_ signal: Int32) {
        let earlier = received.exchange(signal, ordering: .acquiringAndReleasing)
        guard earlier != 0 else { return }
        EmergencyRestore.perform()
        var action = sigaction()
        action.__sigaction_handler.sa_handler = SIG_DFL
        sigemptyset(&action.sa_mask)
        sigaction(signal, &action, nil)
        // Blocked until this handler returns; then the default action ends the process.
        raise(signal)
    }
}
