import Glibc

/// Reads a text file Galvani loads (a protocol, theme or fault script), refusing what is not one
/// with the reason in words: a directory, a FIFO or device (which could block or never end), a
/// file above `largest` bytes (read no further than that), or the operating system's own error.
public enum SourceFile {
    public static func read(path: String, largest: Int, document: String) -> Result<[UInt8], Diagnostic> {
        func fail(_ message: String) -> Result<[UInt8], Diagnostic> {
            .failure(Diagnostic(file: path, location: SourceLocation(line: 1, column: 1), severity: .error, message: message))
        }
        // O_NONBLOCK: opening a FIFO with no writer must not wait; fstat below refuses it anyway.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return fail("cannot read the file: \(reason(errno))") }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return fail("cannot read the file: \(reason(errno))") }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: return fail("is a directory; give \(document)")
        case S_IFIFO: return fail("is a FIFO, not a file; give \(document)")
        case S_IFCHR, S_IFBLK: return fail("is a device, not a file; give \(document)")
        default: return fail("is not a regular file; give \(document)")
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while bytes.count <= largest {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return fail("cannot read the file: \(reason(errno))")
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        guard bytes.count <= largest else {
            return fail("the file is larger than \(largest) bytes; \(document) may be at most \(largest) bytes")
        }
        return .success(bytes)
    }

    private static func reason(_ code: Int32) -> String {
        switch code {
        case ENOENT: "no such file"
        case EACCES, EPERM: "permission denied (check the file's owner and mode)"
        case EISDIR: "is a directory"
        default: String(cString: strerror(code)).lowercased()
        }
    }
}
