import Foundation
import Glibc
import StimulationCore
import Synchronization

/// A device emulator behind a pseudo-terminal: a host opens `path` (or the symlink) as it would a USB serial port.
///
/// One thread serves the line: it waits at most a millisecond for bytes, so a STOP byte turns output
/// off within about a millisecond of arriving, and the device's own timeline (pulses, watchdog,
/// telemetry) moves on even while the host is silent.
public final class PseudoTerminalDevice: Sendable {
    /// The terminal device a host opens.
    public let path: String
    /// A symlink to `path`, when one was asked for.
    public let link: String?
    private let terminal: PseudoTerminal
    private let origin: Int64
    private let emulator: Mutex<DeviceEmulator>
    private let relay: LogRelay
    private let stopRequested = Atomic<Bool>(false)
    private let finished = Atomic<Bool>(false)
    /// Bytes the host did not read in time and that were dropped, as a UART's full buffer would.
    public let droppedBytes = Atomic<Int>(0)

    private static let pollMilliseconds: Int32 = 1

    public init(_ configuration: DeviceEmulator.Configuration, link: String? = nil,
                log: @escaping @Sendable (String) -> Void) throws(TransportError) {
        let terminal = try PseudoTerminal()
        do {
            if let link { try Self.makeLink(link, to: terminal.path) }
        } catch {
            terminal.close()
            throw error
        }
        path = terminal.path
        self.link = link
        self.terminal = terminal
        origin = MonotonicTime.nanoseconds()
        let relay = LogRelay(log)
        self.relay = relay
        emulator = Mutex(DeviceEmulator(configuration, at: .zero, log: relay.post))
    }

    /// Device time: since the emulator started.
    public var now: TimeSpan { TimeSpan(nanoseconds: MonotonicTime.nanoseconds() - origin) }

    /// Serves the line on a thread of its own until `stop()`.
    public func start() {
        let thread = Thread { [self] in run() }
        thread.name = "galvani-emulator"
        thread.qualityOfService = .userInteractive
        thread.start()
    }

    /// Serves the line on the calling thread until `stop()` is called from elsewhere.
    public func run() {
        defer { finished.store(true, ordering: .releasing) }
        // A device keeps its own time; a busy host machine must not make it look late. Refused, it runs as it is.
        _ = RealtimeScheduling.raiseCurrentThread()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !stopRequested.load(ordering: .acquiring) {
            var entry = pollfd(fd: terminal.master, events: Int16(POLLIN), revents: 0)
            let ready = poll(&entry, 1, Self.pollMilliseconds)
            var received = ArraySlice<UInt8>()
            if ready > 0 {
                let n = buffer.withUnsafeMutableBytes { Glibc.read(terminal.master, $0.baseAddress!, $0.count) }
                if n > 0 { received = buffer[0..<n] }
            }
            let time = now
            let output = emulator.withLock { emulator in
                if received.isEmpty { emulator.advance(to: time) } else { emulator.receive(received, at: time) }
                return emulator.takeOutput()
            }
            if !output.isEmpty { send(output) }
        }
    }

    /// Pulses the device played, and pulses it skipped because they arrived after their time.
    public var pulseCounts: (delivered: Int, skipped: Int) {
        emulator.withLock { ($0.deliveredPulseCount, $0.skippedPulses) }
    }

    /// What the device's decoder dropped.
    public var decoderCounters: FrameDecoder.Counters { emulator.withLock { $0.decoderCounters } }

    /// Stops serving and closes the pseudo-terminal: a host reading it sees the line close. Returns once every
    /// log line has been handed to the log.
    public func stop() {
        stopRequested.store(true, ordering: .releasing)
        while !finished.load(ordering: .acquiring) { usleep(500) }
        if let link { unlink(link) }
        terminal.close()
        relay.close()
    }

    private func send(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(terminal.master, $0.baseAddress! + offset, $0.count - offset) }
            if n > 0 {
                offset += n
            } else if n < 0, errno == EINTR {
                continue
            } else {
                droppedBytes.add(bytes.count - offset, ordering: .relaxed)
                return
            }
        }
    }

    /// Replaces an old symlink, never a real file.
    private static func makeLink(_ link: String, to path: String) throws(TransportError) {
        var info = stat()
        if lstat(link, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFLNK else {
                throw TransportError("\(link) exists and is not a symlink; not replacing it")
            }
            unlink(link)
        }
        guard symlink(path, link) == 0 else {
            throw TransportError("cannot make \(link) point to \(path): \(String(cString: strerror(errno)))")
        }
    }
}
