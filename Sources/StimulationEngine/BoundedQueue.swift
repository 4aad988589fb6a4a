import Synchronization

/// A fixed-capacity FIFO shared between threads. A full queue refuses rather than blocks,
/// so neither side can ever stall the other.
public final class BoundedQueue<Element: Sendable>: Sendable {
    private struct Storage: ~Copyable {
        var items: [Element] = []
        var dropped = 0
    }

    public let capacity: Int
    private let storage = Mutex(Storage())

    public init(capacity: Int) {
        precondition(capacity > 0)
        self.capacity = capacity
    }

    /// False when the queue is full; the element is not added.
    @discardableResult
    public func push(_ element: Element) -> Bool {
        storage.withLock { s in
            guard s.items.count < capacity else {
                s.dropped += 1
                return false
            }
            s.items.append(element)
            return true
        }
    }

    /// Everything queued, oldest first, and how many pushes were refused since the last drain.
    public func drain() -> (items: [Element], dropped: Int) {
        storage.withLock { s in
            // The engine drains on every wake and the queue is nearly always empty: an empty drain allocates nothing.
            let items = s.items
            if !items.isEmpty { s.items = [] }
            let dropped = s.dropped
            s.dropped = 0
            return (items, dropped)
        }
    }
}
