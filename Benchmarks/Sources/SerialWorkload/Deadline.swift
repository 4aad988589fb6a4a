import Glibc
import StimulationCore

/// Waits for `done`, sleeping between looks; false if `seconds` pass first. The far end timestamps what it
/// sees, so how soon this notices adds nothing to a latency, and sleeping keeps a core free for the threads
/// being measured (these machines have only two).
public func arrives(within seconds: Int64, _ done: () -> Bool) -> Bool {
    let deadline = MonotonicTime.nanoseconds() + seconds * 1_000_000_000
    while !done() {
        guard MonotonicTime.nanoseconds() < deadline else { return false }
        usleep(100)
    }
    return true
}
