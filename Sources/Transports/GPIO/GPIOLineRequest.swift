import CGPIO
import Glibc
import Synchronization

/// Lines claimed from a chip: setting them, reading them back, and releasing them exactly once.
///
/// Values are bit masks over the lines in the order they were requested. Any thread may set values (the
/// kernel serialises the ioctl); release waits for no one, and a set after release fails instead of
/// writing to a descriptor the process may have reused.
public final class GPIOLineRequest: Sendable {
    private let descriptor: Mutex<Int32?>
    public let count: Int
    let path: String

    init(descriptor: Int32, count: Int, path: String) {
        self.descriptor = Mutex(descriptor)
        self.count = count
        self.path = path
    }

    deinit { release() }

    /// Sets the lines in `mask` to the matching bits of `bits` (1 = active), in one ioctl.
    public func set(_ bits: UInt64, mask: UInt64) throws(GPIOError) {
        let result = descriptor.withLock { fd -> Int32 in
            guard let fd else { return -EBADF }
            return cgpio_set(fd, bits, mask)
        }
        guard result == 0 else { throw GPIOError.from(-result, doing: "cannot set lines of \(path)") }
    }

    public func get(mask: UInt64) throws(GPIOError) -> UInt64 {
        var bits: UInt64 = 0
        let result = descriptor.withLock { fd -> Int32 in
            guard let fd else { return -EBADF }
            return cgpio_get(fd, mask, &bits)
        }
        guard result == 0 else { throw GPIOError.from(-result, doing: "cannot read lines of \(path)") }
        return bits
    }

    /// Gives the lines back to the kernel, which leaves them to the board's pull resistors.
    public func release() {
        descriptor.withLock { fd in
            if let open = fd { close(open) }
            fd = nil
        }
    }
}
