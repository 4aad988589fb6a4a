import Foundation
import GRDB
import StimulationCore
import StimulationEngine
import Synchronization

/// The treatment records' sink: every event, a 1 Hz trace per channel and the summary, chained and committed
/// from a thread of its own at least twice a second, so a killed process loses under a second and the engine
/// never waits for the disk. When the database cannot be written mid-session, the operator gets an alarm and the
/// record goes on into a JSON-lines file beside it (imported at the next start); nothing recorded is dropped.
public final class RecordsWriter: SessionSink {
    public let name = "treatment records"
    public static let commitInterval = 0.5

    public let sessionID: String
    public let store: RecordsStore
    private struct State: ~Copyable {
        var chain: RecordChain
        var pending: [RecordEntry] = []
        var lastTracedSecond: Int64 = -1
        var closing = false
        var fallback: FallbackFile?
        /// The next fallback place to try when the current one fails (beside the database, then the temporary folder).
        var nextFallback = 0
        var failure: String?
        /// Session time of the last entry chained, for entries made after the session.
        var lastTime: Int64 = 0
    }

    private let state: Mutex<State>
    private let trouble = Mutex<(@Sendable (String?) -> Void)?>(nil)
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    /// Opens the session's record now, so a locked, read-only, full or damaged file is said before the session starts.
    public init(store: RecordsStore, header: SessionHeader, id: UUID = UUID()) throws(RecordsError) {
        self.store = store
        let chain = try store.openSession(id: id, header)
        sessionID = chain.sessionID
        state = Mutex(State(chain: chain))
        let thread = Thread { [self] in run() }
        thread.name = "galvani-records"
        thread.start()
    }

    public func begin(trouble report: @escaping @Sendable (String?) -> Void) {
        trouble.withLock { $0 = report }
    }

    public func receive(_ outputs: [SessionOutput], lost: Int) {
        state.withLock { state in
            if lost > 0 {
                // Where the loss happened: after the last thing kept, even if the writer has already committed it.
                let time = state.pending.last?.time ?? state.lastTime
                state.pending.append(state.chain.append(time: time, kind: "lost", payload: RecordPayload.text(["count": lost])))
            }
            for output in outputs {
                switch output {
                case .event(let event):
                    state.pending.append(state.chain.append(time: event.time.nanoseconds, kind: "event",
                                                            payload: RecordPayload.text(SessionJSON.event(event))))
                case .snapshot(let snapshot):
                    let second = snapshot.time.nanoseconds / 1_000_000_000
                    guard second > state.lastTracedSecond else { continue }
                    state.lastTracedSecond = second
                    state.pending.append(state.chain.append(time: snapshot.time.nanoseconds, kind: "trace",
                                                            payload: RecordPayload.text(Self.trace(snapshot))))
                case .note(let text, let time):
                    state.pending.append(state.chain.append(time: time.nanoseconds, kind: "note",
                                                            payload: RecordPayload.text(["message": text])))
                case .ended(let summary, let time):
                    state.pending.append(state.chain.append(time: time.nanoseconds, kind: "ended",
                                                            payload: RecordPayload.text(SessionJSON.summary(summary, at: time))))
                }
            }
            state.lastTime = state.pending.last?.time ?? state.lastTime
        }
    }

    public func close() {
        state.withLock { $0.closing = true }
        wake.signal()
        finished.wait()
    }

    /// Appends an entry after the session, on the session's own chain and in the place it is being kept (the
    /// database, or the fallback file it went on in), after everything the session handed over: documentation.
    /// False when no place took it; it is then held with the rest, for `printStranded`.
    @discardableResult
    public func appendAfterSession(kind: String, payload: [String: Any]) -> Bool {
        // After anything still held in memory, so the chain stays whole wherever it lands.
        let batch = state.withLock { state in
            state.pending.append(state.chain.append(time: state.lastTime, kind: kind, payload: RecordPayload.text(payload)))
            defer { state.pending.removeAll() }
            return state.pending
        }
        keep(batch)
        return state.withLock { $0.pending.isEmpty }
    }

    /// The last resort for a record no file would take: printed on standard error, rather than lost. A front end calls
    /// it once its screen is its own again (the console after restoring the terminal).
    public func printStranded() {
        let stranded = state.withLock { state in defer { state.pending.removeAll() }; return state.pending }
        if !stranded.isEmpty { FallbackFile.writeToStandardError(stranded, session: sessionID) }
    }

    /// What each channel was asked for, was sent and delivered, and its impedance: one entry per second of session time.
    static func trace(_ snapshot: EngineSnapshot) -> [String: Any] {
        ["state": snapshot.state.rawValue, "programme": snapshot.programmeIndex + 1,
         "channels": snapshot.channels.map { c -> [String: Any] in
             ["channel": c.channel, "target_uA": c.target.microamps, "commanded_uA": c.commanded.microamps,
              "delivered_uA": c.delivered.microamps, "impedance_ohm": c.impedance.map { $0.ohms.rounded() } ?? NSNull(),
              "contact": c.contact.rawValue]
         }]
    }

    private func run() {
        while true {
            _ = wake.wait(timeout: .now() + Self.commitInterval)
            let (batch, closing) = state.withLock { state in
                defer { state.pending.removeAll(keepingCapacity: true) }
                return (state.pending, state.closing)
            }
            if !batch.isEmpty { keep(batch) }
            if closing { break }
        }
        finished.signal()
    }

    /// Into the database while it takes them; after its first refusal, into the fallback file for the rest of the
    /// session (one place per stretch keeps the chain whole); if that too fails, back into memory to try again.
    private func keep(_ batch: [RecordEntry]) {
        let failed = state.withLock { $0.failure != nil }
        if !failed {
            do {
                try store.write { db in try store.commit(batch, db) }
                return
            } catch {
                let words = error.description
                state.withLock { $0.failure = words }
            }
        }
        // Each place in turn until one takes the batch; a place that failed once is not used again for this session.
        while let fallback = state.withLock({ state -> FallbackFile? in
            if state.fallback == nil, let opened = FallbackFile.open(beside: store.path, session: sessionID, from: state.nextFallback) {
                state.fallback = opened.file
                state.nextFallback = opened.index + 1
            }
            return state.fallback
        }) {
            if fallback.append(batch) {
                let failure = state.withLock { $0.failure } ?? ""
                report("records: \(failure) — the record goes on in \(fallback.path) and is brought into the records at the next start")
                return
            }
            state.withLock { $0.fallback = nil }
        }
        state.withLock { $0.pending.insert(contentsOf: batch, at: 0) }
        report("records cannot be written anywhere (\(state.withLock { $0.failure } ?? "")); the record is held in memory until it can be")
    }

    private func report(_ problem: String) {
        let report = trouble.withLock { $0 }
        report?(problem)
    }
}
