import Glibc

/// A serial line opened with termios: raw bytes, 8 data bits, no parity, one stop bit, no flow control.
///
/// The descriptor is non-blocking: a write the line cannot take at once must not stall the engine,
/// and the reader thread waits in poll(2) rather than in read(2) so it can be told to stop.
public final class SerialPort: @unchecked Sendable {
    public let path: String
    public let baud: Int
    public let descriptor: Int32

    /// The rates termios can set, as the numbers people write.
    public static let rates: [Int: speed_t] = [
        9_600: speed_t(B9600), 19_200: speed_t(B19200), 38_400: speed_t(B38400), 57_600: speed_t(B57600),
        115_200: speed_t(B115200), 230_400: speed_t(B230400), 460_800: speed_t(B460800), 500_000: speed_t(B500000),
        921_600: speed_t(B921600), 1_000_000: speed_t(B1000000), 2_000_000: speed_t(B2000000),
        3_000_000: speed_t(B3000000), 4_000_000: speed_t(B4000000),
    ]
    public static let defaultBaud = 115_200

    /// How long a write may wait for room in the line's buffer before the line counts as stuck.
    static let writePatience: Int32 = 50

    public init(path: String, baud: Int = defaultBaud) throws(TransportError) {
        guard let speed = Self.rates[baud] else {
            throw TransportError("\(baud) baud is not a rate a serial line can be set to; "
                + "use one of \(Self.rates.keys.sorted().map(String.init).joined(separator: ", "))")
        }
        let fd = Glibc.open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            let why = errno == EACCES ? "permission denied (is the user in the dialout group?)" : String(cString: strerror(errno))
            throw TransportError("cannot open \(path): \(why)")
        }
        guard isatty(fd) == 1 else {
            Glibc.close(fd)
            throw TransportError("\(path) is not a serial line (not a terminal device)")
        }
        do {
            try Self.makeRaw(fd, speed: speed, what: path)
        } catch {
            Glibc.close(fd)
            throw error
        }
        tcflush(fd, TCIOFLUSH)
        self.path = path
        self.baud = baud
        descriptor = fd
    }

    /// Raw mode, 8N1, receiver on, modem lines ignored, reads return whatever has arrived.
    public static func makeRaw(_ fd: Int32, speed: speed_t, what: String) throws(TransportError) {
        var settings = termios()
        guard tcgetattr(fd, &settings) == 0 else {
            throw TransportError("cannot read the line settings of \(what): \(String(cString: strerror(errno)))")
        }
        cfmakeraw(&settings)
        settings.c_cflag &= ~(tcflag_t(CSTOPB) | tcflag_t(PARENB) | tcflag_t(CRTSCTS) | tcflag_t(CSIZE))
        settings.c_cflag |= tcflag_t(CS8) | tcflag_t(CLOCAL) | tcflag_t(CREAD)
        settings.c_iflag &= ~(tcflag_t(IXON) | tcflag_t(IXOFF) | tcflag_t(IXANY))
        withUnsafeMutableBytes(of: &settings.c_cc) { cc in
            cc[Int(VMIN)] = 0
            cc[Int(VTIME)] = 0
        }
        cfsetispeed(&settings, speed)
        cfsetospeed(&settings, speed)
        guard tcsetattr(fd, TCSANOW, &settings) == 0 else {
            throw TransportError("cannot set \(what) to raw 8N1: \(String(cString: strerror(errno)))")
        }
    }

    /// Writes every byte or throws: a line that takes nothing for `writePatience` ms is stuck.
    public func write(_ bytes: [UInt8]) throws(TransportError) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if n > 0 {
                offset += n
                continue
            }
            let error = errno
            if n < 0, error == EINTR { continue }
            if n < 0, error == EAGAIN {
                var entry = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
                if poll(&entry, 1, Self.writePatience) > 0, entry.revents & Int16(POLLOUT) != 0 { continue }
                throw TransportError("the serial line \(path) took no data for \(Self.writePatience) ms: "
                    + "it cannot keep up, or the device stopped reading")
            }
            throw TransportError("writing to \(path) failed: \(String(cString: strerror(error)))"
                + (error == EIO ? " (cable pulled or device switched off?)" : ""))
        }
    }

    /// Throws away what is waiting to be sent: after a STOP nothing queued before it may follow.
    public func discardPendingOutput() {
        tcflush(descriptor, TCOFLUSH)
    }

    public func close() {
        Glibc.close(descriptor)
    }
}
