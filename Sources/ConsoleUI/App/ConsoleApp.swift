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

        public init(theme: Theme, speed: Int64 = 1, demo: Bool = false) {
            self.theme = theme
            self.speed = speed
            self.demo = demo
        }
    }


    private let options: Options
    private let makeTransport: (TherapyProtocol) -> any Transport
    private var stage: ConsoleStage
    private var therapyProtocol: TherapyProtocol?

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
        var engineThread: EngineThread?
        var model: ConsoleModel?
        var tour = DemoAcknowledger()
        defer { engineThread?.shutDown() }
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
                    engineThread = startEngine(screening: (answers, reason))
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
                if engineThread == nil {
                    engineThread = startEngine(screening: (Contraindication.noneApply, nil))
                    if options.demo { engineThread?.send(.start) }
                }
                guard let thread = engineThread, let therapyProtocol else { return }
                // The engine publishes its first snapshot within a tick of starting.
                while thread.snapshot == nil { usleep(1_000) }
                let snapshot = thread.snapshot!
                _ = thread.takeEvents()
                if model == nil {
                    model = ConsoleModel(therapyProtocol: therapyProtocol, snapshot: snapshot,
                                         history: AmplitudeHistory(channels: therapyProtocol.channels))
                }
                model!.snapshot = snapshot
                model!.wallMilliseconds = started.now().nanoseconds / 1_000_000
                model!.history.record(EngineSnapshotView(delivered: snapshot.channels.map(\.delivered)), at: snapshot.time)
                if options.demo, tour.shouldAcknowledge(snapshot, atWallMilliseconds: model!.wallMilliseconds) {
                    model!.tourAcknowledgedAt = model!.wallMilliseconds
                    thread.send(.acknowledge)
                }
                if let key {
                    for action in KeyMap.action(for: key, model!) {
                        switch action {
                        case .command(let command): thread.send(command)
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

    private func startEngine(screening: ([Contraindication: Bool], String?)) -> EngineThread? {
        guard let therapyProtocol else { return nil }
        let engine = Engine(therapyProtocol: therapyProtocol, transport: makeTransport(therapyProtocol))
        let thread = EngineThread(engine: engine, clock: MonotonicClock(speed: options.speed))
        thread.start()
        thread.send(.beginScreening)
        thread.send(.recordScreening(answers: screening.0, overrideReason: screening.1))
        return thread
    }
}
