import StimulationCore
import Synchronization
@testable import Transports

/// Lines as a chip would hold them, with every change kept in order and stamped with the test's clock.
final class RecordedLines: LineOutput {
    private let state = Mutex<(value: UInt64, changes: [(at: Int64, bits: UInt64, mask: UInt64)])>((0, []))
    let failing = Atomic<Bool>(false)
    let clock: SteppedClock

    init(clock: SteppedClock) { self.clock = clock }

    func set(_ bits: UInt64, mask: UInt64) throws(GPIOError) {
        if failing.load(ordering: .relaxed) { throw GPIOError(code: 5, message: "cannot set lines of /dev/gpiochip9: Input/output error") }
        let now = clock.now()
        state.withLock { s in
            s.value = (s.value & ~mask) | (bits & mask)
            s.changes.append((now, bits, mask))
        }
    }

    var value: UInt64 { state.withLock { $0.value } }
    var changes: [(at: Int64, bits: UInt64, mask: UInt64)] { state.withLock { $0.changes } }
}

/// A clock the test moves: each reading returns the time set, plus a delay the test asks for on the next readings.
final class SteppedClock: EdgeClock {
    private let time = Mutex<Int64>(0)

    func now() -> Int64 { time.withLock { $0 } }
    /// A dead-time wait passes the time it waits, as the real spin would.
    func wait(until deadline: Int64) { time.withLock { $0 = max($0, deadline) } }
    func set(_ t: Int64) { time.withLock { $0 = t } }
    func advance(by ns: Int64) { time.withLock { $0 += ns } }
}
