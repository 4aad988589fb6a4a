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

    init(_ sink: any SessionSink, capacity: Int, trouble: @escaping @Sendable (String?) -> Void) {
        self.sink = sink
        queue = BoundedQueue(capacity: capacity)
        sink.begin(trouble: trouble)
        let thread = Thread { [self] in run() }
        thread.name = "galvani-sink"
        thread.start()
    }

    /// False when the sink's queue is full: the output is counted as lost for it.
    @discardableResult
    func post(_ output: SessionOutput) -> Bool {
        let taken = queue.push(output)
        wake.signal()
        return taken
    }

    /// Hands over everything still queued, closes the sink and returns once it has.
    func close() {
        closing.store(true, ordering: .releasing)
        wake.signal()
        done.wait()
    }

    private func run() {
        while true {
            let last = closing.load(ordering: .acquiring)
            let (items, lost) = queue.drain()
            if !items.isEmpty || lost > 0 { sink.receive(items, lost: lost) }
            if last { break }
            wake.wait()
        }
        sink.close()
        done.signal()
    }
}
