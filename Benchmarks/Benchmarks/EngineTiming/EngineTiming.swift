import Benchmark
import Foundation
import PulseWorkload
import StimulationCore
import StimulationEngine
import Synchronization
import Transports

// The engine's own costs, on the simulator:
//   engine tick       one 5 ms tick in steady state (telemetry in, timer, lookahead refill, governor,
//                     simulator playing the pulses), per protocol
//   stop, direct      Engine.handle(.stopAll) until the transport's stopAll is entered
//   stop, thread      SessionHost.send(.stopAll) on another thread until the transport's stopAll is
//                     entered on the engine thread: what an operator's key press waits for
// Latencies are custom metrics in nanoseconds, one sample per stop.

enum EngineMetric {
    static let stopLatency = BenchmarkMetric.custom("stop latency ns", polarity: .prefersSmaller, useScalingFactor: false)
}

/// Notes the monotonic time at which stopAll is entered; read from the benchmark's thread.
final class StopProbe: Sendable {
    let enteredAt = Atomic<Int64>(0)
}

/// The simulator, with stopAll timestamped before it does anything else.
final class ProbedTransport: Transport {
    let inner: SimulatorTransport
    let probe: StopProbe
    var name: String { inner.name }
    var nextSend: TimeSpan? { inner.nextSend }
    var emergencyStop: EmergencyStopLine? { inner.emergencyStop }
    var lineBytesPerSecond: Int? { inner.lineBytesPerSecond }

    init(channels: Int, probe: StopProbe) {
        inner = SimulatorTransport(channels: channels, maximumAmplitude: .milliamps(300))
        self.probe = probe
    }

    func open(at now: TimeSpan) throws(TransportError) -> DeviceCapabilities { try inner.open(at: now) }
    func submit(_ runs: [PulseRun], at now: TimeSpan) throws(TransportError) { try inner.submit(runs, at: now) }
    func stopAll(at now: TimeSpan) {
        probe.enteredAt.store(MonotonicTime.nanoseconds(), ordering: .releasing)
        inner.stopAll(at: now)
    }
    func stop(channel: Int, at now: TimeSpan) throws(TransportError) { try inner.stop(channel: channel, at: now) }
    func keepAlive(at now: TimeSpan) throws(TransportError) { try inner.keepAlive(at: now) }
    func poll(until now: TimeSpan) -> [TransportEvent] { inner.poll(until: now) }
    func close() { inner.close() }
}


let clearScreening = Contraindication.noneApply

/// An engine on a manual timeline, started and run for a few seconds so ramps and queues are in steady state.
func runningEngine(_ therapyProtocol: TherapyProtocol, probe: StopProbe) -> (Engine, TimeSpan) {
    let engine = Engine(therapyProtocol: therapyProtocol, transport: ProbedTransport(channels: therapyProtocol.channels, probe: probe))
    var now = TimeSpan.zero
    engine.connect(at: now)
    engine.handle(.recordScreening(answers: clearScreening, overrideReason: nil), at: now)
    engine.handle(.start, at: now)
    while now < .seconds(15) {
        now += EngineTiming.tick
        engine.tick(at: now)
        _ = engine.drainEvents()
    }
    return (engine, now)
}

let benchmarks: @Sendable () -> Void = {
    let directory: String
    do {
        directory = try ProtocolSurvey.locateProtocols()
    } catch {
        fatalError("EngineTiming: \(error)")
    }
    func load(_ id: String) -> TherapyProtocol {
        do {
            return try ProtocolLoader.load(path: directory + "/" + id + ".toml").therapyProtocol
        } catch {
            fatalError("EngineTiming: \(error)")
        }
    }

    let tickConfiguration = Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .mallocCountTotal], timeUnits: .microseconds,
        warmupIterations: 1, scalingFactor: .kilo, maxDuration: .seconds(5), maxIterations: 200)

    for id in ["tens-conventional", "ifc-4-pole-sweep", "ifc-premodulated", "microcurrent-pain-recovery"] {
        let therapyProtocol = load(id)
        Benchmark("engine tick: \(id)", configuration: tickConfiguration) { benchmark in
            var (engine, now) = runningEngine(therapyProtocol, probe: StopProbe())
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                now += EngineTiming.tick
                engine.tick(at: now)
                blackHole(engine.drainEvents())
            }
            benchmark.stopMeasurement()
        }
    }

    let latencyConfiguration = Benchmark.Configuration(
        metrics: [EngineMetric.stopLatency], units: [EngineMetric.stopLatency: .count],
        warmupIterations: 1, scalingFactor: .one, maxDuration: .seconds(10), maxIterations: 40)
    let conventional = load("tens-conventional")

    Benchmark("stop, direct: handle(.stopAll) to transport", configuration: latencyConfiguration) { benchmark in
        let probe = StopProbe()
        var (engine, now) = runningEngine(conventional, probe: probe)
        for _ in 0..<50 {
            let sent = MonotonicTime.nanoseconds()
            engine.handle(.stopAll, at: now)
            benchmark.measurement(EngineMetric.stopLatency, Int(probe.enteredAt.load(ordering: .acquiring) - sent))
            engine.handle(.acknowledge, at: now)
            engine.handle(.resume, at: now)
            for _ in 0..<20 {
                now += EngineTiming.tick
                engine.tick(at: now)
            }
            _ = engine.drainEvents()
        }
    }

    Benchmark("stop, thread: send(.stopAll) to transport", configuration: latencyConfiguration) { benchmark in
        let probe = StopProbe()
        let engine = Engine(therapyProtocol: conventional,
                            transport: ProbedTransport(channels: conventional.channels, probe: probe))
        let thread = SessionHost(engine: engine, pacing: .realTime(speed: 1))
        thread.start()
        func waitFor(_ condition: (EngineSnapshot) -> Bool) {
            while !(thread.snapshot.map(condition) ?? false) { usleep(200) }
        }
        waitFor { $0.linkUp }
        thread.send(.recordScreening(answers: clearScreening, overrideReason: nil))
        thread.send(.start)
        for _ in 0..<30 {
            waitFor { $0.state == .running && $0.channels[0].commanded > .zero }
            // Land the command at a random point between ticks, as a key press would.
            usleep(UInt32.random(in: 0...5_000))
            let before = probe.enteredAt.load(ordering: .acquiring)
            let sent = MonotonicTime.nanoseconds()
            thread.send(.stopAll)
            while probe.enteredAt.load(ordering: .acquiring) == before { sched_yield() }
            benchmark.measurement(EngineMetric.stopLatency, Int(probe.enteredAt.load(ordering: .acquiring) - sent))
            thread.send(.acknowledge)
            thread.send(.resume)
        }
        thread.shutDown()
    }
}
