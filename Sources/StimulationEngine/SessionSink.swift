/// Where a session's events go: the headless JSON lines, the console, the treatment records.
///
/// A sink runs on a thread of its own (`SinkPump`) and is handed outputs in order; it may take its time,
/// because nothing waits for it but its own queue.
public protocol SessionSink: AnyObject, Sendable {
    /// What the sink is, in words an operator reads in an alarm ("treatment records").
    var name: String { get }
    /// Called once before the first output. `trouble` raises (a message) or clears (nil) an alarm for this sink:
    /// for a sink that cannot keep up or cannot write.
    func begin(trouble: @escaping @Sendable (String?) -> Void)
    /// Outputs in order; `lost` is how many outputs before these could not be queued because the sink fell behind.
    func receive(_ outputs: [SessionOutput], lost: Int)
    /// After the last output: flush and let go of what the sink holds.
    func close()
    /// Whether the session may end without waiting for this sink to finish (a screen or a pipe, not a record).
    var mayBeAbandoned: Bool { get }
    /// Whether the sink reads the periodic snapshots. One that reads only events is never handed them, and its
    /// thread sleeps until an event comes instead of polling for snapshots.
    var takesSnapshots: Bool { get }
}

extension SessionSink {
    public func begin(trouble: @escaping @Sendable (String?) -> Void) {}
    public var mayBeAbandoned: Bool { false }
    public var takesSnapshots: Bool { true }
}
