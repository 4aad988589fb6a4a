import Foundation
import Glibc
import StimulationCore
import Synchronization

/// Reads a serial line on its own thread and hands over decoded device messages.
///
/// It only decodes; what a message means is decided by the transport on the engine's thread.
final class SerialReader: Sendable {
    enum Incoming: Sendable {
        /// A message, with the CLOCK_MONOTONIC time (ns) it was read.
        case message(DeviceMessage, sequence: UInt8, at: Int64)
        /// A frame that arrived damaged, at this CLOCK_MONOTONIC time (ns).
        case damaged(at: Int64)
        /// A frame with a good CRC that is not a valid device message.
        case unexpected(String)
        case closed(String)
    }

    private let descriptor: Int32
    private let path: String
    private let inbox = Mutex<[Incoming]>([])
    private let stopRequested = Atomic<Bool>(false)
    private let finished = Atomic<Bool>(false)
    /// Signalled on every arrival, for the handshake, which waits for one reply.
    let arrival = DispatchSemaphore(value: 0)
    let bytesRead = Atomic<Int>(0)
    /// CLOCK_MONOTONIC (ns) before which everything that arrived on the line is already in the inbox. On a busy
    /// host this thread may not run for a while; silence from the device counts only up to here.
    let heardUntil = Atomic<Int64>(MonotonicTime.nanoseconds())
    let counters = Mutex(FrameDecoder.Counters())

    /// How long one poll waits before checking whether to stop.
    private static let pollMilliseconds: Int32 = 20

    init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "galvani-serial-reader"
        thread.qualityOfService = .userInteractive
        thread.start()
    }

    func take() -> [Incoming] {
        inbox.withLock { items in
            defer { items.removeAll(keepingCapacity: true) }
            return items
        }
    }

    /// Returns once the thread has left its loop, so the descriptor can be closed safely.
    func stop() {
        stopRequested.store(true, ordering: .releasing)
        while !finished.load(ordering: .acquiring) { usleep(500) }
    }

    private func push(_ item: Incoming) {
        inbox.withLock { $0.append(item) }
        arrival.signal()
    }

    private func run() {
        // A refusal is the engine thread's to report: both have the same cause.
        _ = RealtimeScheduling.raiseCurrentThread()
        defer { finished.store(true, ordering: .releasing) }
        var decoder = FrameDecoder()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !stopRequested.load(ordering: .acquiring) {
            let looked = MonotonicTime.nanoseconds()
            var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&entry, 1, Self.pollMilliseconds)
            if ready < 0 {
                if errno == EINTR { continue }
                return push(.closed("waiting on \(path) failed: \(String(cString: strerror(errno)))"))
            }
            guard ready > 0 else {
                heardUntil.store(looked, ordering: .releasing)
                continue
            }
            let n = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress!, $0.count) }
            if n > 0 {
                bytesRead.add(n, ordering: .relaxed)
                let before = decoder.counters.damaged
                decoder.decode(buffer[0..<n]) { output in deliver(output) }
                let after = decoder.counters
                counters.withLock { $0 = after }
                if after.damaged > before {
                    let now = MonotonicTime.nanoseconds()
                    for _ in before..<after.damaged { push(.damaged(at: now)) }
                }
                // A full buffer may have left bytes behind: only a read that took everything covers `looked`.
                if n < buffer.count { heardUntil.store(looked, ordering: .releasing) }
                continue
            }
            if n < 0, errno == EAGAIN || errno == EINTR { continue }
            if n == 0 || errno == EIO {
                return push(.closed("the serial line \(path) closed: the cable may have been pulled or the device switched off"))
            }
            return push(.closed("reading \(path) failed: \(String(cString: strerror(errno)))"))
        }
    }

    private func deliver(_ output: FrameDecoder.Output) {
        switch output {
        case .stop:
            push(.unexpected("the device sent a STOP byte, which only a host may send"))
        case .frame(let frame):
            do {
                guard let message = try DeviceMessage(frame) else {
                    return push(.unexpected(String(format: "the device sent a message of unknown type 0x%02X", frame.type)))
                }
                push(.message(message, sequence: frame.sequence, at: MonotonicTime.nanoseconds()))
            } catch {
                push(.unexpected("the device sent a malformed \(DeviceMessage.Kind(rawValue: frame.type)!): \(error.message)"))
            }
        }
    }
}
