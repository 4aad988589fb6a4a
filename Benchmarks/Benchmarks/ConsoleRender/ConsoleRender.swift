import Benchmark
import ConsoleUI
import PulseWorkload
import StimulationCore
import StimulationEngine
import Transports

// One full frame of the main screen, laid out into the screen buffer, at 120×40 and 160×50,
// for the four-channel IFC protocol 20 s into its session with a minute of graph history.
// This is the work of every frame before the ncurses backend copies the changed cells out.

func model(_ directory: String) -> ConsoleModel {
    let therapyProtocol: TherapyProtocol
    do {
        therapyProtocol = try ProtocolLoader.load(path: directory + "/ifc-4-pole-sweep.toml").therapyProtocol
    } catch {
        fatalError("ConsoleRender: \(error)")
    }
    let engine = Engine(therapyProtocol: therapyProtocol,
                        transport: SimulatorTransport(channels: therapyProtocol.channels, maximumAmplitude: .milliamps(300)))
    engine.connect(at: .zero)
    engine.handle(.recordScreening(answers: Contraindication.noneApply,
                                   overrideReason: nil), at: .zero)
    engine.handle(.start, at: .zero)
    var history = AmplitudeHistory(channels: therapyProtocol.channels)
    var now = TimeSpan.zero
    while now < .seconds(60) {
        now += EngineTiming.tick
        engine.tick(at: now)
        history.record(EngineSnapshotView(delivered: engine.snapshot.channels.map(\.delivered)), at: now)
    }
    return ConsoleModel(therapyProtocol: therapyProtocol, snapshot: engine.snapshot, history: history)
}

let benchmarks: @Sendable () -> Void = {
    let directory: String
    do {
        directory = try ProtocolSurvey.locateProtocols()
    } catch {
        fatalError("ConsoleRender: \(error)")
    }
    let configuration = Benchmark.Configuration(metrics: [.wallClock, .mallocCountTotal], timeUnits: .microseconds,
                                                warmupIterations: 10, maxDuration: .seconds(3), maxIterations: 5_000)
    let frame = model(directory)
    for (width, height) in [(120, 40), (160, 50)] {
        Benchmark("render main screen \(width)x\(height)", configuration: configuration) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(ConsoleView.render(frame, width: width, height: height))
            }
        }
    }
}
