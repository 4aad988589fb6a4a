import Glibc
import Synchronization

/// Timing-critical threads (the engine, a serial line's reader, an emulated device) ask to run ahead of
/// ordinary work, so a compile or a browser beside Galvani cannot hold them up for tens of milliseconds.
///
/// SCHED_FIFO needs root or CAP_SYS_NICE (or an RLIMIT_RTPRIO). Refusal is not an error: the
/// session runs anyway, the engine copes with late ticks, and the refusal is said once, plainly.
public enum RealtimeScheduling {
    /// Below the kernel's own interrupt threads (50), so the machine's drivers still come first.
    public static let priority: Int32 = 20

    private static let memoryLocked = Mutex<String??>(nil)

    /// Raises the calling thread to SCHED_FIFO; nil when granted, otherwise why not, in words.
    public static func raiseCurrentThread() -> String? {
        var parameters = sched_param()
        parameters.sched_priority = priority
        let result = pthread_setschedparam(pthread_self(), Int32(SCHED_FIFO), &parameters)
        guard result != 0 else { return nil }
        return "real-time scheduling refused (\(String(cString: strerror(result)))): timing may slip while the machine is busy; "
            + "run as root or grant CAP_SYS_NICE to keep it steady"
    }

    /// Keeps the process's pages in memory, so a page fault on a busy machine cannot stall output. Pages are
    /// locked as they are touched, not all at once, so untouched stack and heap reservations stay unbacked.
    /// Done once per process; nil when granted, otherwise why not.
    public static func lockMemory() -> String? {
        memoryLocked.withLock { state in
            if let known = state { return known }
            let onFault: Int32 = 4 // MCL_ONFAULT, Linux 4.4; Glibc's module does not export it.
            let refusal: String? = mlockall(Int32(MCL_CURRENT | MCL_FUTURE) | onFault) == 0 ? nil
                : "memory could not be locked (\(String(cString: strerror(errno)))): a page fault may delay output on a busy machine"
            state = .some(refusal)
            return refusal
        }
    }
}
