import Foundation
import Synchronization

/// Hands the emulator's log lines to a thread of their own, so the device's thread only appends a line and goes on:
/// a log written to a busy disk or a terminal nobody reads must not stop the emulated device answering and playing,
/// as a real device's timeline never waits for its log. Lines beyond `capacity` waiting are dropped, and how many is
/// said in the log once it catches up.
final class LogRelay: Sendable {
    static let capacity = 10_000

    private struct Pending {
        var lines: [String] = []
        var dropped = 0
        var closed = false
    }

    private let pending = Mutex(Pending())
    private let ready = DispatchSemaphore(value: 0)
    private let drained = DispatchSemaphore(value: 0)
    private let log: @Sendable (String) -> Void

    init(_ log: @escaping @Sendable (String) -> Void) {
        self.log = log
        let thread = Thread { [self] in run() }
        thread.name = "galvani-emulator-log"
        thread.start()
    }

    func post(_ line: String) {
        let first = pending.withLock { pending -> Bool in
            guard pending.lines.count < Self.capacity else {
                pending.dropped += 1
                return false
            }
            pending.lines.append(line)
            return pending.lines.count == 1
        }
        if first { ready.signal() }
    }

    /// Delivers what is waiting, then ends the thread; a second call returns at once.
    func close() {
        let already = pending.withLock { pending in
            defer { pending.closed = true }
            return pending.closed
        }
        guard !already else { return }
        ready.signal()
        drained.wait()
    }

    private func run() {
        while true {
            ready.wait()
            let taken = pending.withLock { pending in
                defer { (pending.lines, pending.dropped) = ([], 0) }
                return pending
            }
            if taken.dropped > 0 { log("(\(taken.dropped) log lines dropped: the log fell behind the device)") }
            taken.lines.forEach(log)
            if taken.closed {
                drained.signal()
                return
            }
        }
    }
}
