import Foundation
import Glibc
import SerialWorkload
import StimulationCore
import StimulationEngine
import Synchronization
import Transports

/// One session in real time: the engine on its own thread, over SerialTransport, to the emulator
/// behind a pseudo-terminal, with the link's counters sampled every `sampleInterval`.
struct LinkSession {
    var label: String
    var therapyProtocol: TherapyProtocol
    /// Stop after this much running time; nil runs every programme to the end.
    var limit: TimeSpan?
    /// The protocol minor version the emulator speaks: 0 sends no ramp entries.
    var deviceMinor: UInt8

    static let sampleInterval: Int64 = 100_000_000

    struct Result {
        var samples: [LinkSample]
        /// Alarms the engine raised and what the emulator refused or faulted on: anything here means
        /// the link did not carry the session cleanly.
        var problems: [String]
        var emulatorDroppedBytes: Int
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    func run() throws -> Result {
        let complaints = Mutex<[String]>([])
        let device = try PseudoTerminalDevice(DeviceEmulator.Configuration(channels: max(4, therapyProtocol.channels), minor: deviceMinor),
                                              log: { line in
            if line.contains("refused") || line.contains("FAULT") || line.contains("lost") {
                complaints.withLock { $0.append("emulator: " + line) }
            }
        })
        device.start()
        defer { device.stop() }
        let counters = LinkCounters()
        let transport = CountingTransport(SerialTransport(path: device.path), counters: counters)
        let engine = Engine(therapyProtocol: therapyProtocol, transport: transport)
        let alarms = AlarmCollector()
        let thread = SessionHost(engine: engine, pacing: .realTime(speed: 1), sinks: [alarms])
        thread.start()
        defer { thread.shutDown() }

        var problems: [String] = []
        func collect() {
            problems += alarms.take().map { "alarm: " + $0 }
        }
        func wait(for what: String, _ condition: (EngineSnapshot) -> Bool) throws {
            let deadline = MonotonicTime.nanoseconds() + 5_000_000_000
            while !(thread.snapshot.map(condition) ?? false) {
                guard MonotonicTime.nanoseconds() < deadline else {
                    collect()
                    throw Failure(description: "\(label): no \(what) within 5 s; \(problems.joined(separator: "; "))")
                }
                usleep(1_000)
            }
        }

        try wait(for: "handshake") { $0.linkUp }
        thread.begin(screening: Contraindication.noneApply, start: true)
        try wait(for: "start") { $0.state == .running }

        let origin = MonotonicTime.nanoseconds()
        var samples: [LinkSample] = []
        func sample() -> LinkSample {
            LinkSample(time: MonotonicTime.nanoseconds() - origin,
                       bytesWritten: counters.bytesWritten.load(ordering: .relaxed),
                       bytesRead: counters.bytesRead.load(ordering: .relaxed),
                       framesWritten: counters.framesWritten.load(ordering: .relaxed),
                       framesRead: counters.framesRead.load(ordering: .relaxed),
                       programmeIndex: thread.snapshot?.programmeIndex ?? 0)
        }
        samples.append(sample())
        var due = origin
        var stoppedAtLimit = false
        while true {
            due += Self.sampleInterval
            var ts = timespec(tv_sec: Int(due / 1_000_000_000), tv_nsec: Int(due % 1_000_000_000))
            while clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, nil) == EINTR {}
            samples.append(sample())
            collect()
            if thread.snapshot?.state != .running { break }
            if let limit, samples.last!.time >= limit.nanoseconds {
                thread.send(.stop)
                stoppedAtLimit = true
                break
            }
        }
        if !stoppedAtLimit, let snapshot = thread.snapshot, snapshot.state != .finished {
            problems.append("the session ended \(snapshot.state.rawValue): \(snapshot.stateReason)")
        }
        collect()
        problems += complaints.withLock { $0 }
        return Result(samples: samples, problems: problems,
                      emulatorDroppedBytes: device.droppedBytes.load(ordering: .relaxed))
    }
}
