import CNCursesW
import Glibc
import Synchronization

/// Puts the terminal back without ncurses, for the moments when ncurses cannot be called: inside
/// a signal handler, or at exit after the screen was never closed. Everything it needs (the
/// terminal modes from before the screen started, and the terminfo strings that leave it) is
/// prepared in advance, because a signal handler may not allocate, lock or call into ncurses.
enum EmergencyRestore {
    private struct Record {
        var descriptor: Int32
        var modes: termios
        var hasModes: Bool
        var sequence: UnsafeMutablePointer<UInt8>
        var count: Int
    }

    /// The record's address, 0 for none. Taken with an exchange, so exactly one of perform and
    /// discard owns a record. An integer, because an atomic pointer would not be Sendable.
    private static let current = Atomic<Int>(0)
    private static let exitHookInstalled = Atomic<Bool>(false)

    /// `modes` are the terminal's modes from before ncurses changed them. Call once ncurses has
    /// set the terminal up, so that its terminfo entry is loaded.
    static func prepare(descriptor: Int32, modes: termios?) {
        let bytes = leavingSequence()
        let sequence = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, bytes.count))
        sequence.initialize(from: bytes, count: bytes.count)
        let record = UnsafeMutablePointer<Record>.allocate(capacity: 1)
        record.initialize(to: Record(descriptor: descriptor, modes: modes ?? termios(), hasModes: modes != nil,
                                     sequence: sequence, count: bytes.count))
        release(current.exchange(Int(bitPattern: record), ordering: .acquiringAndReleasing))
        if !exitHookInstalled.exchange(true, ordering: .relaxed) {
            // Covers exit() from anywhere while the screen is up; a no-op once it is closed.
            atexit { EmergencyRestore.perform() }
        }
    }

    /// True between prepare and the restore or discard that follows it.
    static var isPrepared: Bool { current.load(ordering: .acquiring) != 0 }

    /// The screen was closed the normal way; nothing is left to do in an emergency.
    static func discard() {
        release(current.exchange(0, ordering: .acquiringAndReleasing))
    }

    /// Async-signal-safe: one atomic exchange, write(2) and tcsetattr(3). The record is left
    /// allocated, because the process is about to end.
    static func perform() {
        guard let record = UnsafeMutablePointer<Record>(bitPattern: current.exchange(0, ordering: .acquiringAndReleasing))
        else { return }
        _ = write(record.pointee.descriptor, record.pointee.sequence, record.pointee.count)
        if record.pointee.hasModes {
            _ = tcsetattr(record.pointee.descriptor, TCSADRAIN, &record.pointee.modes)
        }
    }

    private static func release(_ address: Int) {
        guard let record = UnsafeMutablePointer<Record>(bitPattern: address) else { return }
        record.pointee.sequence.deallocate()
        record.deinitialize(count: 1)
        record.deallocate()
    }

    /// Attributes off, cursor on, keypad transmit off, main screen back: what endwin sends.
    private static func leavingSequence() -> [UInt8] {
        ["sgr0", "cnorm", "rmkx", "rmcup"].flatMap(terminfoString)
    }

    /// The capability without its padding delays (`$<5>`), which only ncurses interprets.
    private static func terminfoString(_ name: String) -> [UInt8] {
        guard let raw = tigetstr(name), Int(bitPattern: raw) != -1 else { return [] }
        let text = Array(UnsafeRawBufferPointer(start: raw, count: strlen(raw)))
        var bytes: [UInt8] = []
        var i = 0
        while i < text.count {
            if text[i] == UInt8(ascii: "$"), i + 1 < text.count, text[i + 1] == UInt8(ascii: "<"),
               let end = text[(i + 2)...].firstIndex(of: UInt8(ascii: ">")) {
                i = end + 1
            } else {
                bytes.append(text[i])
                i += 1
            }
        }
        return bytes
    }
}
