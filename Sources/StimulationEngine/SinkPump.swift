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

    init(_ sink: any SessionSink, capacity: Int, trouble: @escaping @Sendable (String?) -> Void) {
        self.sink = sink
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
        self.finals.withLock { $0 = finals }
        closing.store(true, ordering: .releasing)
        wake.signal()
    }

    /// Returns once the sink has closed; a sink that may be abandoned (its output is nobody's record) gets a few seconds.
    func waitUntilClosed() {
        if sink.mayBeAbandoned {
            _ = done.wait(timeout: .now() + Self.abandonAfter)
        } else {
            done.wait()
        }
    }

    static let abandonAfter = 5.0

    private func run() {
        while true {
            let last = closing.load(ordering: .acquiring)
            var (items, lost) = queue.drain()
            if last { items += finals.withLock { $0 } }
            if !items.isEmpty || lost > 0 { sink.receive(items, lost: lost) }
            if last { break }
            _ = wake.wait(timeout: .now() + Self.pollInterval)
        }
        sink.close()
        done.signal()
    }
}
