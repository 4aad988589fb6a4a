import Benchmark
import Foundation
import PulseWorkload
import SerialWorkload
import StimulationCore
import StimulationEngine
import Transports

// The serial link: how fast a STOP leaves the host and takes effect, and what the wire codec costs.
//
//   stop, direct      SerialTransport.stopAll(at:) until the STOP byte is read at the device end
//                     of the pseudo-terminal, which the benchmark plays itself (PlayedDevice)
//   stop, thread      SessionHost.send(.stopAll) on another thread, during a session, until the
//                     STOP byte is read at the device end
//   stop, emulator    SessionHost.send(.stopAll), during a session on the device emulator, until the
//                     emulator logs the STOP byte and every channel's "output off (STOP byte)"
//   encode / decode   RUNS frames for 10 s of a programme, cut as SerialTransport sends them; the
//                     streams a host and a device send, decoded into frames and messages
//
// Sessions run the four-channel variant of tens-modulated (SerialWorkload). Latencies are custom
// metrics in nanoseconds, one sample per stop, all on CLOCK_MONOTONIC. Bytes per second on the
// link over whole sessions are printed by the serial-bandwidth executable, which runs in real time.

enum SerialMetric {
    static let toDevice = BenchmarkMetric.custom("to STOP byte read ns", polarity: .prefersSmaller, useScalingFactor: false)
    static let call = BenchmarkMetric.custom("stopAll call ns", polarity: .prefersSmaller, useScalingFactor: false)
    static let toEmulator = BenchmarkMetric.custom("to emulator STOP ns", polarity: .prefersSmaller, useScalingFactor: false)
    static let toOutputOff = BenchmarkMetric.custom("to output off ns", polarity: .prefersSmaller, useScalingFactor: false)
    static let bytesPerSecond = BenchmarkMetric.custom("bytes/s", polarity: .prefersLarger, useScalingFactor: false)
    static let framesPerSecond = BenchmarkMetric.custom("frames/s", polarity: .prefersLarger, useScalingFactor: false)
}

func abandon(_ why: String) -> Never { fatalError("SerialLink: \(why)") }

/// Waits for `done`; a stop that never arrives ends the run.
func waitUntil(_ what: String, within seconds: Int64 = 2, _ done: () -> Bool) {
    guard arrives(within: seconds, done) else { abandon("no \(what) within \(seconds) s") }
}

/// A session host running a session of `therapyProtocol` over SerialTransport to `path`.
func runningSession(_ therapyProtocol: TherapyProtocol, devicePath: String) -> SessionHost {
    let engine = Engine(therapyProtocol: therapyProtocol, transport: SerialTransport(path: devicePath))
    let thread = SessionHost(engine: engine, pacing: .realTime(speed: 1))
    thread.start()
    let deadline = MonotonicTime.nanoseconds() + 5_000_000_000
    while !(thread.snapshot.map { $0.linkUp } ?? false) {
        guard MonotonicTime.nanoseconds() < deadline else { abandon("no handshake with \(devicePath) within 5 s") }
        usleep(1_000)
    }
    thread.begin(screening: Contraindication.noneApply, start: true)
    return thread
}

/// After a stop the session is paused with the stop latched: acknowledging and resuming starts output
/// again, from zero, as an operator would.
func rearm(_ thread: SessionHost) {
    guard let snapshot = thread.snapshot, snapshot.linkUp, !snapshot.state.isOver else {
        abandon("the session ended: \(thread.snapshot?.stateReason ?? "no snapshot")")
    }
    thread.send(.acknowledge)
    thread.send(.resume)
}

let benchmarks: @Sendable () -> Void = {
    let directory: String
    let session: TherapyProtocol
    do {
        directory = try ProtocolSurvey.locateProtocols()
        session = try FourChannelModulatedTENS.make(protocolsDirectory: directory)
    } catch {
        abandon("\(error)")
    }
    let channels = session.channels
    let allOn = UInt32(1) << UInt32(channels) - 1

    let latencyConfiguration = Benchmark.Configuration(
        metrics: [SerialMetric.toDevice, SerialMetric.call],
        units: [SerialMetric.toDevice: .count, SerialMetric.call: .count],
        warmupIterations: 1, scalingFactor: .one, maxDuration: .seconds(10), maxIterations: 30)

    // A session's first 15 ms on every channel, moved to whatever time it is sent at.
    let firstBatch: [PulseRun] = {
        let workload = Workload(protocolID: FourChannelModulatedTENS.id, path: "", programmeIndex: 0, therapyProtocol: session)
        var runs: [PulseRun] = []
        workload.forEachRun(over: WireTraffic.batchSpan) { runs.append($0) }
        return runs
    }()

    Benchmark("stop, direct: stopAll(at:) to STOP byte at the device end", configuration: latencyConfiguration) { benchmark in
        let device: PlayedDevice
        do { device = try PlayedDevice(channels: channels) } catch { abandon("\(error)") }
        device.start()
        defer { device.stop() }
        let transport = SerialTransport(path: device.path)
        let clock = MonotonicClock()
        do { _ = try transport.open(at: clock.now()) } catch { abandon("\(error)") }
        defer { transport.close() }
        for _ in 0..<50 {
            // Pulses in flight when the stop comes, as in a session: frames on the line and ACKs coming back.
            let now = clock.now()
            let shift = now + .milliseconds(5)
            do {
                try transport.submit(firstBatch.map { run in
                    var moved = run
                    moved.start = run.start + shift
                    return moved
                }, at: now)
            } catch {
                abandon("\(error)")
            }
            usleep(UInt32.random(in: 0...2_000))
            _ = transport.poll(until: clock.now())
            let before = device.stops.load(ordering: .acquiring)
            let at = clock.now()
            let sent = MonotonicTime.nanoseconds()
            transport.stopAll(at: at)
            let returned = MonotonicTime.nanoseconds()
            waitUntil("STOP byte at the device end") { device.stops.load(ordering: .acquiring) != before }
            benchmark.measurement(SerialMetric.toDevice, Int(device.lastStopAt.load(ordering: .relaxed) - sent))
            benchmark.measurement(SerialMetric.call, Int(returned - sent))
            usleep(1_000)
            for event in transport.poll(until: clock.now()) { abandon("the link failed: \(event)") }
        }
    }

    // The played device sends no telemetry; the engine needs none to run, and the STOP path is the same.
    Benchmark("stop, thread: send(.stopAll) to STOP byte at the device end",
              configuration: .init(metrics: [SerialMetric.toDevice], units: [SerialMetric.toDevice: .count],
                                   warmupIterations: 1, scalingFactor: .one, maxDuration: .seconds(10), maxIterations: 30)) { benchmark in
        let device: PlayedDevice
        do { device = try PlayedDevice(channels: channels) } catch { abandon("\(error)") }
        device.start()
        defer { device.stop() }
        let thread = runningSession(session, devicePath: device.path)
        defer { thread.shutDown() }
        for _ in 0..<30 {
            waitUntil("running session", within: 5) {
                thread.snapshot.map { $0.state == .running && $0.channels.allSatisfy { $0.commanded > .zero } } ?? false
            }
            // Land the command at a random point between ticks, as a key press would.
            usleep(UInt32.random(in: 0...5_000))
            let before = device.stops.load(ordering: .acquiring)
            let sent = MonotonicTime.nanoseconds()
            thread.send(.stopAll)
            waitUntil("STOP byte at the device end") { device.stops.load(ordering: .acquiring) != before }
            benchmark.measurement(SerialMetric.toDevice, Int(device.lastStopAt.load(ordering: .relaxed) - sent))
            rearm(thread)
        }
    }

    Benchmark("stop, emulator: send(.stopAll) to output off",
              configuration: .init(metrics: [SerialMetric.toEmulator, SerialMetric.toOutputOff],
                                   units: [SerialMetric.toEmulator: .count, SerialMetric.toOutputOff: .count],
                                   warmupIterations: 1, scalingFactor: .one, maxDuration: .seconds(10), maxIterations: 30)) { benchmark in
        let watch = EmulatorWatch()
        let emulator: PseudoTerminalDevice
        do {
            emulator = try PseudoTerminalDevice(DeviceEmulator.Configuration(channels: channels), log: { watch.observe($0) })
        } catch {
            abandon("\(error)")
        }
        emulator.start()
        defer { emulator.stop() }
        let thread = runningSession(session, devicePath: emulator.path)
        defer { thread.shutDown() }
        for _ in 0..<20 {
            waitUntil("output on every channel", within: 5) { watch.outputOn.load(ordering: .acquiring) == allOn }
            usleep(UInt32.random(in: 0...5_000))
            watch.arm()
            let sent = MonotonicTime.nanoseconds()
            thread.send(.stopAll)
            waitUntil("output off on every channel") { watch.outputsOff.load(ordering: .acquiring) >= channels }
            benchmark.measurement(SerialMetric.toEmulator, Int(watch.stopByteAt.load(ordering: .relaxed) - sent))
            benchmark.measurement(SerialMetric.toOutputOff, Int(watch.outputOffAt.load(ordering: .relaxed) - sent))
            rearm(thread)
        }
    }

    let codecConfiguration = Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .mallocCountTotal, SerialMetric.bytesPerSecond, SerialMetric.framesPerSecond],
        timeUnits: .microseconds,
        units: [.mallocCountTotal: .count, SerialMetric.bytesPerSecond: .mega, SerialMetric.framesPerSecond: .kilo],
        warmupIterations: 3, scalingFactor: .one, maxDuration: .seconds(3), maxIterations: 2_000)

    func record(_ benchmark: Benchmark, bytes: Int, frames: Int, since start: ContinuousClock.Instant) {
        let nanoseconds = Double((ContinuousClock.now - start) / .nanoseconds(1))
        guard nanoseconds > 0 else { return }
        benchmark.measurement(SerialMetric.bytesPerSecond, Int(Double(bytes) / nanoseconds * 1e9))
        benchmark.measurement(SerialMetric.framesPerSecond, Int(Double(frames) / nanoseconds * 1e9))
    }

    let heaviest: TherapyProtocol
    do {
        heaviest = try ProtocolLoader.load(path: directory + "/ifc-4-pole-sweep.toml").therapyProtocol
    } catch {
        abandon("\(error)")
    }
    let traffics = [
        WireTraffic(Workload(protocolID: FourChannelModulatedTENS.id, path: "", programmeIndex: 0, therapyProtocol: session),
                    span: Workload.standardWindow),
        WireTraffic(Workload(protocolID: heaviest.id, path: "", programmeIndex: 0, therapyProtocol: heaviest),
                    span: Workload.standardWindow),
    ]
    for traffic in traffics {
        var sample: [UInt8] = []
        let frames = traffic.encode(into: &sample)
        FileHandle.standardError.write(Data("""
            SerialLink, \(traffic.label): \(traffic.span) as \(frames) RUNS frames, \(sample.count) bytes \
            (\(String(format: "%.0f", Double(sample.count) / traffic.span.seconds)) bytes/s in real time)

            """.utf8))
        Benchmark("encode RUNS: \(traffic.label)", configuration: codecConfiguration) { benchmark in
            var out: [UInt8] = []
            out.reserveCapacity(sample.count)
            for _ in benchmark.scaledIterations {
                out.removeAll(keepingCapacity: true)
                let start = ContinuousClock.now
                let count = traffic.encode(into: &out)
                record(benchmark, bytes: out.count, frames: count, since: start)
                blackHole(out)
            }
        }
    }

    let host = traffics[0].hostStream()
    let device = traffics[0].deviceStream(acknowledging: host.frames)
    let heavyHost = traffics[1].hostStream()
    FileHandle.standardError.write(Data("""
        SerialLink, streams to decode: host \(traffics[0].label) \(host.bytes.count) bytes in \(host.frames) frames, \
        device \(traffics[0].label) \(device.bytes.count) bytes in \(device.frames) frames, \
        host \(traffics[1].label) \(heavyHost.bytes.count) bytes in \(heavyHost.frames) frames

        """.utf8))
    for (name, stream) in [("decode host stream: \(traffics[0].label)", host), ("decode host stream: \(traffics[1].label)", heavyHost)] {
        Benchmark(name, configuration: codecConfiguration) { benchmark in
            for _ in benchmark.scaledIterations {
                let start = ContinuousClock.now
                var decoder = FrameDecoder()
                var frames = 0
                decoder.decode(stream.bytes) { output in
                    guard case .frame(let frame) = output, let message = try? HostMessage(frame) else { return }
                    blackHole(message)
                    frames += 1
                }
                record(benchmark, bytes: stream.bytes.count, frames: frames, since: start)
                precondition(frames == stream.frames && decoder.counters.damaged == 0, "the host stream did not decode whole")
            }
        }
    }
    Benchmark("decode device stream: \(traffics[0].label)", configuration: codecConfiguration) { benchmark in
        for _ in benchmark.scaledIterations {
            let start = ContinuousClock.now
            var decoder = FrameDecoder()
            var frames = 0
            decoder.decode(device.bytes) { output in
                guard case .frame(let frame) = output, let message = try? DeviceMessage(frame) else { return }
                blackHole(message)
                frames += 1
            }
            record(benchmark, bytes: device.bytes.count, frames: frames, since: start)
            precondition(frames == device.frames && decoder.counters.damaged == 0, "the device stream did not decode whole")
        }
    }
}
