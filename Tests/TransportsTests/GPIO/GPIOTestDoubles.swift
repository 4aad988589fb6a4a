import StimulationCore
import Synchronization
@testable import Transports

/// Lines as a chip would hold them, with every change kept in order.
final class RecordedLines: LineOutput {
    private let state = Mutex<(value: UInt64, changes: [(bits: UInt64, mask: UInt64)])>((0, []))
    let failing = Atomic<Bool>(false)

    func set(_ bits: UInt64, mask: UInt64) throws(GPIOError) {
        if failing.load(ordering: .relaxed) { throw GPIOError(code: 5, message: "cannot set lines of /dev/gpiochip9: Input/output error") }
        state.withLock { s in
            s.value = (s.value & ~mask) | (bits & mask)
            s.changes.append((bits, mask))
        }
    }

    var value: UInt64 { state.withLock { $0.value } }
    var changes: [(bits: UInt64, mask: UInt64)] { state.withLock { $0.changes } }
}

/// A clock the test moves: each reading returns the time set, plus a delay the test asks for on the next readings.
final class SteppedClock: EdgeClock {
    private let time = Mutex<Int64>(0)

    func now() -> Int64 { time.withLock { $0 } }
    func set(_ t: Int64) { time.withLock { $0 = t } }
    func advance(by ns: Int64) { time.withLock { $0 += ns } }
}
