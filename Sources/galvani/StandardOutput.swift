import TreatmentRecords
import Synchronization

/// Buffered standard output: a schedule can be millions of lines.
struct StandardOutput {
    private var buffer: [UInt8] = []
    /// Set once a write to standard output failed: nobody reads what a session says any more.
    static let closed = Atomic<Bool>(false)

    mutating func line(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        buffer.append(0x0A)
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        // A closed pipe (`| head`) ends the output quietly; a headless session sees it and stops.
        if !buffer.isEmpty, !FileOutput.write(buffer, to: 1) { StandardOutput.closed.store(true, ordering: .releasing) }
        buffer.removeAll(keepingCapacity: true)
    }
}
