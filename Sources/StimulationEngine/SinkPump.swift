import Foundation
import Synchronization

/// One sink's queue and thread. The session posts without ever waiting; a sink that falls behind fills only
/// its own queue, and what could not be queued is counted and handed to the sink, never dropped unsaid.
final class SinkPump: Sendable {
    static let capacity = 1 << 15

    let sink: any SessionSink
    private let queue: BoundedQueue<SessionOutput>
    private let wake = DispatchSemaphore(value: 0)
    private let closing = Atomic<Bool>(false)
    private let done = DispatchSemaphore(value: 0)
    private let finals = Mutex<[SessionOutput]>([])
    /// Slices a sink that may be abandoned has taken: while it keeps taking them, however slowly, it is not stuck.
    private let progress = Atomic<Int>(0)

    /// How long a sink that may be abandoned may take nothing before shutdown stops waiting for it.
    private let abandonAfter: Double

    init(_ sink: any SessionSink, capacity: Int, abandonAfter: Double, trouble: @escaping @Sendable (String?) -> Void) {
        self.sink = sink
        self.abandonAfter = abandonAfter
        queue = BoundedQueue(capacity: capacity)
        sink.begin(trouble: trouble)
        let thread = Thread { [self] in run() }
        thread.name = "galvani-sink"
        thread.start()
    }

    /// How long the sink's thread sleeps when nothing urgent wakes it: snapshots wait at most this long.
    static let pollInterval = 0.1

    /// False when the sink's queue is full: the output is counted as lost for it. Only urgent outputs wake the sink's
    /// thread; a periodic snapshot waits for its next poll, so the engine does not pay a thread wake-up for each.
    @discardableResult
    func post(_ output: SessionOutput, urgent: Bool) -> Bool {
        let taken = queue.push(output)
        if urgent { wake.signal() }
        return taken
    }

    /// Asks the sink to take what is queued, then `finals` (which no full queue can refuse), and close.
    func beginClosing(with finals: [SessionOutput]) {
        let taken = sink.takesSnapshots ? finals : finals.filter { !$0.isSnapshot }
        self.finals.withLock { $0 = taken }
        closing.store(true, ordering: .releasing)
        wake.signal()
    }

    /// Returns once the sink has closed. A sink that may be abandoned (its output is nobody's record) is let go only
    /// once it has taken nothing for a few seconds: a pipe nobody reads, not a reader on a busy machine that is slow.
    func waitUntilClosed() {
        guard sink.mayBeAbandoned else {
            done.wait()
            return
        }
        var seen = progress.load(ordering: .acquiring)
        while done.wait(timeout: .now() + abandonAfter) == .timedOut {
            let now = progress.load(ordering: .acquiring)
            if now == seen { return }
            seen = now
        }
    }

    static let abandonAfter = 5.0
    /// How many outputs a sink that may be abandoned takes at a time, so its progress can be seen.
    static let slice = 64

    private func run() {
        while true {
            let last = closing.load(ordering: .acquiring)
            var (items, lost) = queue.drain()
            if last { items += finals.withLock { $0 } }
            if !items.isEmpty || lost > 0 { deliver(items, lost: lost) }
            if last { break }
            // Every output such a sink is handed is urgent and wakes it: it need not poll.
            if sink.takesSnapshots { _ = wake.wait(timeout: .now() + Self.pollInterval) } else { wake.wait() }
        }
        sink.close()
        done.signal()
    }

    private func deliver(_ items: [SessionOutput], lost: Int) {
        guard sink.mayBeAbandoned, items.count > Self.slice else {
            sink.receive(items, lost: lost)
            progress.add(1, ordering: .releasing)
            return
        }
        var start = 0
        while start < items.count {
            let end = min(start + Self.slice, items.count)
            sink.receive(Array(items[start..<end]), lost: start == 0 ? lost : 0)
            progress.add(1, ordering: .releasing)
            start = end
        }
    }
}
