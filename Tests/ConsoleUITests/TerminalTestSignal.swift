import Glibc

/// Delivers a signal to the calling thread, at once. The test runner's threads block signals,
/// so a signal sent to the process could wait forever, or reach a thread after the test ended.
enum TerminalTestSignal {
    static func deliver(_ signal: Int32) {
        var only = sigset_t()
        sigemptyset(&only)
        sigaddset(&only, signal)
        var previous = sigset_t()
        pthread_sigmask(SIG_UNBLOCK, &only, &previous)
        // A signal raised and unblocked on this thread is handled before raise returns.
        raise(signal)
        pthread_sigmask(SIG_SETMASK, &previous, nil)
    }
}
