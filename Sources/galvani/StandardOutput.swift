import Glibc

/// Buffered standard output: a schedule can be millions of lines.
struct StandardOutput {
    private var buffer: [UInt8] = []

    mutating func line(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        buffer.append(0x0A)
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        buffer.withUnsafeBufferPointer { pointer in
            var offset = 0
            while offset < pointer.count {
                let written = Glibc.write(1, pointer.baseAddress! + offset, pointer.count - offset)
                // A closed pipe (`| head`) ends the output quietly; nothing else is waiting for it.
                if written <= 0 { return }
                offset += written
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
