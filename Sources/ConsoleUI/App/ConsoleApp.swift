import Foundation
import StimulationCore
import StimulationEngine
import Transports

/// The console's main loop, on the main thread: keys in, commands to the engine thread,
/// the latest snapshot drawn at a steady rate. The engine never waits for any of it.
public final class ConsoleApp {
    public struct Options {
        public var theme: Theme
        public var speed: Int64
        /// The demo answers the screening itself and starts at once: there is no patient.
        public var demo: Bool
        /// Where the session's events go besides the screen (the treatment records).
        public var sinks: [any SessionSink]

        public init(theme: Theme, speed: Int64 = 1, demo: Bool = false, sinks: [any SessionSink] = []) {
            self.theme = theme
            self.speed = speed
            self.demo = demo
            self.sinks = sinks
        }
    }


    private let options: Options
    private let makeTransport: (TherapyProtocol) -> any Transport
    private var stage: ConsoleStage
    private var therapyProtocol: TherapyProtocol?
    private var transportName = ""

    /// `choices` are offered in a picker when no protocol is given.
    public init(therapyProtocol: TherapyProtocol?, choices: [TherapyProtocol], options: Options,
                makeTransport: @escaping (TherapyProtocol) -> any Transport) {
        self.options = options
        self.makeTransport = makeTransport
        self.therapyProtocol = therapyProtocol
        if let therapyProtocol {
            stage = options.demo ? .session : .screening(ScreeningForm(emphasised: therapyProtocol.contraindications))
        } else {
            stage = .picking(ProtocolPicker(protocols: choices))
        }
    }

    /// Runs until the operator quits; the terminal is restored on every way out.
    public func run() throws {
        try TerminalCheck.verify()
        // NO_COLOR asks for monochrome; otherwise the screen takes the richest depth the terminal offers.
        let noColour = ColourDepth(terminalColours: 256, environment: ProcessInfo.processInfo.environment) == .monochrome
        let screen = try TerminalScreen(theme: options.theme, depth: noColour ? .monochrome : nil,
                                        keyTimeoutMilliseconds: Int32(FramePacing.steadyMilliseconds))
        defer { screen.restore() }
        var host: SessionHost?
        var model: ConsoleModel?
        var tour = DemoAcknowledger()
        defer { host?.shutDown() }
        let started = MonotonicClock()

        // Each pass draws first and then waits for a key, so the first frame is not held back by the wait.
        var key: Key?
        while !screen.terminationRequested {
            let (rows, columns) = screen.size
            switch stage {
            case .picking(var picker):
                if let key { picker.handle(key) }
                if picker.cancelled { return }
                if let chosen = picker.chosen {
                    therapyProtocol = chosen
                    stage = .screening(ScreeningForm(emphasised: chosen.contraindications))
                } else {
                    stage = .picking(picker)
                    var buffer = ScreenBuffer(width: columns, height: rows)
                    picker.draw(into: &buffer, Rect(x: 0, y: 0, width: columns, height: rows))
                    screen.draw(buffer)
                }
            case .screening(var form):
                if let key { form.handle(key) }
                switch form.outcome {
                case .cancelled: return
                case .done(let answers, let reason):
                    host = startSession(screening: (answers, reason))
                    stage = .placement
                case .editing:
                    stage = .screening(form)
                    var buffer = ScreenBuffer(width: columns, height: rows)
                    form.draw(into: &buffer, Rect(x: 0, y: 0, width: columns, height: rows),
                              protocolTitle: therapyProtocol?.title ?? "")
                    screen.draw(buffer)
                }
            case .placement:
                if key == .escape { return }
                if key == .enter { stage = .session }
                var buffer = ScreenBuffer(width: columns, height: rows)
                if let therapyProtocol {
                    PlacementNotes.draw(into: &buffer, Rect(x: 0, y: 0, width: columns, height: rows), therapyProtocol)
                }
                screen.draw(buffer)
            case .session:
                if host == nil {
                    host = startSession(screening: (Contraindication.noneApply, nil))
                    if options.demo { host?.send(.start) }
                }
                guard let host, let therapyProtocol else { return }
                guard let snapshot = host.snapshot else {
                    // The handshake runs off this thread: q leaves, and STOP is sent the moment a device is there.
                    if key == .character("q") || key == .function(10) { return }
                    if let key, KeyMap.isStop(key) { host.send(.stopAll) }
                    screen.draw(ConnectingScreen.render(transport: transportName, width: columns, height: rows))
                    break
                }
                if model == nil {
                    model = ConsoleModel(therapyProtocol: therapyProtocol, snapshot: snapshot,
                                         history: AmplitudeHistory(channels: therapyProtocol.channels))
                }
                model!.snapshot = snapshot
                model!.wallMilliseconds = started.now().nanoseconds / 1_000_000
                model!.history.record(EngineSnapshotView(delivered: snapshot.channels.map(\.delivered)), at: snapshot.time)
                if options.demo, tour.shouldAcknowledge(snapshot, atWallMilliseconds: model!.wallMilliseconds) {
                    model!.tourAcknowledgedAt = model!.wallMilliseconds
                    host.send(.acknowledge)
                }
                if let key {
                    for action in KeyMap.action(for: key, model!) {
                        switch action {
                        case .command(let command): host.send(command)
                        case .select(let channel): model!.selectedChannel = channel
                        case .show(let overlay): model!.overlay = overlay
                        case .quit: return
                        case .none: break
                        }
                    }
                }
                screen.draw(ConsoleView.render(model!, width: columns, height: rows))
            }
            key = try screen.readKey(waitingAtMost: FramePacing.wait(model))
        }
    }

    /// The session starts connecting while the operator reads the placement notes; screening answers are applied
    /// as soon as the device is there.
    private func startSession(screening: ([Contraindication: Bool], String?)) -> SessionHost? {
        guard let therapyProtocol else { return nil }
        let transport = makeTransport(therapyProtocol)
        transportName = transport.name
        let host = SessionHost(engine: Engine(therapyProtocol: therapyProtocol, transport: transport),
                               pacing: .realTime(speed: options.speed), sinks: options.sinks)
        host.send(.beginScreening)
        host.send(.recordScreening(answers: screening.0, overrideReason: screening.1))
        host.start()
        return host
    }
}
