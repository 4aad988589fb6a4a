import Glibc

/// A closed pipe (SIGPIPE) or a file-size limit (SIGXFSZ) would end the process by default, in mid-session with the
/// device still holding its queued pulses. Ignored, they come back as a failed write: the output and the records
/// handle that in words, and the session ends the ordinary way.
enum WriteFailureSignals {
    static func ignore() {
        signal(SIGPIPE, SIG_IGN)
        signal(SIGXFSZ, SIG_IGN)
    }
}
