import StimulationCore
import StimulationEngine
import Transports

/// A whole session without a terminal, through the session host: in real time (times a speed factor) on the
/// engine thread, or, at `--speed max`, stepped one engine tick at a time as fast as the machine can go.
struct HeadlessRunner {
    enum Outcome {
        case finished, stopped, aborted
    }

    var therapyProtocol: TherapyProtocol
    var makeTransport: () -> any Transport
    var speed: RunSpeed
    var amplitudes: [(Int, Current)]
    var autoAcknowledge: TimeSpan?
    var sinks: [any SessionSink]

    func run() -> Outcome {
        let pacing: SessionHost.Pacing
        switch speed {
        case .factor(let factor): pacing = .realTime(speed: factor)
        case .max: pacing = .stepped
        }
        let host = SessionHost(engine: Engine(therapyProtocol: therapyProtocol, transport: makeTransport()), pacing: pacing,
                               sinks: sinks, sessionOperator: HeadlessOperator(autoAcknowledge: autoAcknowledge))
        InterruptSignals.install()
        // Queued before the handshake, applied as soon as the device is connected, in this order.
        host.begin(screening: Contraindication.noneApply, amplitudes: amplitudes.map { ($0.0, $0.1) }, start: true)
        host.start()
        switch pacing {
        case .stepped:
            while !host.isOver { host.advance(by: EngineTiming.tick) }
        case .realTime:
            // The operator stand-in stops the session on a signal; this only waits for the end.
            while !host.waitUntilOver(seconds: 3600) {}
        }
        let state = host.state
        host.shutDown()
        switch state {
        case .finished: return .finished
        case .aborted: return .aborted
        default: return .stopped
        }
    }
}
