import Glibc

/// Writes all of a buffer to a file descriptor, or says it could not: a full disk, a file-size limit or a closed
/// pipe comes back as false, never as a trap (Foundation's FileHandle.write traps on any of them).
public enum FileOutput {
    @discardableResult
    public static func write(_ bytes: some Collection<UInt8>, to fd: Int32) -> Bool {
        let buffer = Array(bytes)
        return buffer.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0, errno == EINTR { continue }
                guard n > 0 else { return false }
                offset += n
            }
            return true
        }
    }
}
