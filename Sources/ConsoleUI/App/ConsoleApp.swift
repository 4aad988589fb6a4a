import Foundation
import StimulationCore
import StimulationEngine
import Transports
import TreatmentRecords

/// The console's main loop, on the main thread: keys in, commands to the engine thread,
/// the latest snapshot drawn at a steady rate. The engine never waits for any of it.
public final class ConsoleApp {
    public struct Options {
        public var theme: Theme
        public var speed: Int64
        /// The demo answers the screening itself and starts at once: there is no patient.
        public var demo: Bool
        /// Where sessions are recorded; nil when nothing is kept (`recordsOff` says why, on screen).
        public var records: ConsoleRecords?
        public var recordsOff: String
        /// A home unit's session: the patient's screen, the prescription's limits, no clinic questions.
        public var home: HomeConsole?

        public init(theme: Theme, speed: Int64 = 1, demo: Bool = false, records: ConsoleRecords? = nil,
                    recordsOff: String = "not recorded", home: HomeConsole? = nil) {
            self.home = home
            self.theme = theme
            self.speed = speed
            self.demo = demo
            self.records = records
            self.recordsOff = recordsOff
        }
    }


    private let options: Options
    private let makeTransport: (TherapyProtocol) -> any Transport
    private var stage: ConsoleStage
    private var therapyProtocol: TherapyProtocol?
    private let choices: [TherapyProtocol]
    private var transportName = ""
    private var operatorName: String?
    private var patient: String?
    private var writer: RecordsWriter?
    private let consoleEvents = ConsoleEvents()

    /// `choices` are offered in a picker when no protocol is given.
    public init(therapyProtocol: TherapyProtocol?, choices: [TherapyProtocol], options: Options,
                makeTransport: @escaping (TherapyProtocol) -> any Transport) {
        self.options = options
        self.makeTransport = makeTransport
        self.therapyProtocol = therapyProtocol
        self.choices = choices
        operatorName = options.records?.operatorName
        patient = options.records?.patient
        stage = .placement
        stage = nextBeforeSession()
    }

    /// The next question before a session: operator and patient when records are kept, then the protocol.
    private func nextBeforeSession() -> ConsoleStage {
        if let records = options.records {
            if operatorName == nil { return .operatorName(OperatorPrompt()) }
            if patient == nil {
                var chooser = PatientChooser(patients: (try? records.store.patients()) ?? [])
                chooser.history = history(of: chooser.highlighted)
                return .patient(chooser)
            }
        }
        if let therapyProtocol {
            // On a home unit the clinician screened the patient when prescribing: the placement reminder comes first.
            if options.home != nil { return .placement }
            return options.demo ? .session : .screening(ScreeningForm(emphasised: therapyProtocol.contraindications))
        }
        return .picking(ProtocolPicker(protocols: choices))
    }

    private func history(of patient: PatientRecord?) -> [SessionListing] {
        guard let patient, let store = options.records?.store else { return [] }
        return (try? store.sessions(patient: patient.clinicID, limit: 5)) ?? []
    }

    /// Runs until the operator quits; the terminal is restored on every way out.
    public func run() throws {
        try TerminalCheck.verify()
        // NO_COLOR asks for monochrome; otherwise the screen takes the richest depth the terminal offers.
        let noColour = ColourDepth(terminalColours: 256, environment: ProcessInfo.processInfo.environment) == .monochrome
        // Runs last, once the terminal is the shell's again: a record no file took is printed where it can be read.
        defer { writer?.printStranded() }
        let screen = try TerminalScreen(theme: options.theme, depth: noColour ? .monochrome : nil,
                                        keyTimeoutMilliseconds: Int32(FramePacing.steadyMilliseconds))
        defer { screen.restore() }
        var host: SessionHost?
        var model: ConsoleModel?
        var tour = DemoAcknowledger()
        defer { host?.shutDown() }
        let started = MonotonicClock()
        var ranAtAll = false

        // Each pass draws first and then waits for a key, so the first frame is not held back by the wait.
        var key: Key?
        frames: while !screen.terminationRequested {
            let (rows, columns) = screen.size
            let whole = Rect(x: 0, y: 0, width: columns, height: rows)
            // Every screen before and after the session fills the terminal.
            func drawWhole(_ draw: (inout ScreenBuffer) -> Void) {
                var buffer = ScreenBuffer(width: columns, height: rows)
                draw(&buffer)
                screen.draw(buffer)
            }
            switch stage {
            case .operatorName(var prompt):
                if let key { prompt.handle(key) }
                if prompt.cancelled { return }
                if let name = prompt.name {
                    operatorName = name
                    stage = nextBeforeSession()
                    key = nil
                    continue frames
                }
                stage = .operatorName(prompt)
                drawWhole { prompt.draw(into: &$0, whole) }
            case .patient(var chooser):
                if let key {
                    let before = chooser.highlighted
                    chooser.handle(key)
                    if chooser.highlighted != before { chooser.history = history(of: chooser.highlighted) }
                }
                switch chooser.outcome {
                case .cancelled: return
                case .chose(let chosen):
                    patient = chosen.clinicID
                    stage = nextBeforeSession()
                    key = nil
                    continue frames
                case .add(let id, let name, let born):
                    do {
                        chooser.added(try options.records!.store.addPatient(clinicID: id, name: name, birthYear: born))
                    } catch {
                        chooser.refused(error.description)
                    }
                    stage = .patient(chooser)
                    key = nil
                    continue frames
                case .choosing:
                    stage = .patient(chooser)
                    drawWhole { chooser.draw(into: &$0, whole) }
                }
            case .documenting(var form):
                if let key { form.handle(key) }
                switch form.outcome {
                case .skipped: return
                case .save(let entry):
                    var payload = entry.mapValues(\.json)
                    payload["operator"] = operatorName
                    // On the session's own chain, where its record is kept (the database or its fallback file).
                    if writer?.appendAfterSession(kind: "documentation", payload: payload) ?? false { return }
                    form.failed("Not saved: the records cannot be written anywhere; it is printed when the console closes")
                    stage = .documenting(form)
                case .editing:
                    stage = .documenting(form)
                    drawWhole { form.draw(into: &$0, whole) }
                }
            case .notice(let text):
                if key != nil { return }
                drawWhole { buffer in
                    BoxFrame.draw(into: &buffer, whole, title: "Galvani")
                    for (row, line) in TextWrap.lines(text, width: columns - 4).enumerated() {
                        buffer.write(line, x: 2, y: 2 + row, role: .alarmMedium, limit: columns - 4)
                    }
                    buffer.write("Press any key to leave.", x: 2, y: rows - 2, role: .dim, limit: columns - 4)
                }
            case .picking(var picker):
                if let key { picker.handle(key) }
                if picker.cancelled { return }
                if let chosen = picker.chosen {
                    therapyProtocol = chosen
                    stage = nextBeforeSession()
                } else {
                    stage = .picking(picker)
                    drawWhole { picker.draw(into: &$0, whole) }
                }
            case .screening(var form):
                if let key { form.handle(key) }
                switch form.outcome {
                case .cancelled: return
                case .done(let answers, let reason):
                    do {
                        host = try startSession(screening: (answers, reason))
                        stage = .placement
                    } catch {
                        stage = .notice("The session cannot start: \(error)")
                        key = nil
                        continue frames
                    }
                case .editing:
                    stage = .screening(form)
                    drawWhole { form.draw(into: &$0, whole, protocolTitle: therapyProtocol?.title ?? "") }
                }
            case .placement:
                if key == .escape { return }
                if key == .enter { stage = .session }
                drawWhole { buffer in
                    if let therapyProtocol { PlacementNotes.draw(into: &buffer, whole, therapyProtocol) }
                }
            case .session:
                if host == nil {
                    do {
                        host = try startSession(screening: (Contraindication.noneApply, nil))
                    } catch {
                        stage = .notice("The session cannot start: \(error)")
                        key = nil
                        continue frames
                    }
                }
                guard let host, let therapyProtocol else { return }
                guard let snapshot = host.snapshot else {
                    // The handshake runs off this thread, so keys still work.
                    switch key.map(KeyMap.whileConnecting) {
                    case .quit:
                        screen.draw(ConnectingScreen.render(transport: transportName, leaving: true, width: columns, height: rows))
                        return
                    case .command(let command): host.send(command)
                    default: break
                    }
                    screen.draw(ConnectingScreen.render(transport: transportName, width: columns, height: rows))
                    break
                }
                if model == nil {
                    model = ConsoleModel(therapyProtocol: therapyProtocol, snapshot: snapshot,
                                         history: AmplitudeHistory(channels: therapyProtocol.channels))
                    model!.recording = writer == nil ? options.recordsOff : "rec"
                    model!.home = options.home
                }
                model!.snapshot = snapshot
                if snapshot.state == .running { ranAtAll = true }
                model!.wallMilliseconds = started.now().nanoseconds / 1_000_000
                if let notice = consoleEvents.take() {
                    model!.notice = notice
                    model!.noticeAt = model!.wallMilliseconds
                }
                model!.history.record(EngineSnapshotView(delivered: snapshot.channels.map(\.delivered)), at: snapshot.time)
                if options.demo, tour.shouldAcknowledge(snapshot, atWallMilliseconds: model!.wallMilliseconds) {
                    model!.tourAcknowledgedAt = model!.wallMilliseconds
                    host.send(.acknowledge)
                }
                if let pressed = key {
                    for action in KeyMap.action(for: pressed, model!) {
                        switch action {
                        case .command(let command): host.send(command)
                        case .select(let channel): model!.selectedChannel = channel
                        case .toggleAttendance:
                            model!.attendance.toggle(at: snapshot.time)
                            host.note(model!.attendance.present == true ? "therapist present" : "therapist away")
                        case .show(let overlay): model!.overlay = overlay
                        case .quit:
                            host.shutDown()
                            guard writer != nil, options.home == nil, ranAtAll || (host.snapshot?.treatmentTime ?? .zero) > .zero else { return }
                            let minutes = Int(((host.snapshot?.time.nanoseconds ?? 0) + 59_999_999_999) / 60_000_000_000)
                            let end = host.snapshot?.time ?? snapshot.time
                            stage = .documenting(DocumentationForm(sessionMinutes: max(1, minutes),
                                                                   attended: model!.attendance.minutes(until: end)))
                            key = nil
                            continue frames
                        case .none: break
                        }
                    }
                }
                if let home = options.home {
                    screen.draw(HomeView.render(model!, home, width: columns, height: rows))
                } else {
                    screen.draw(ConsoleView.render(model!, width: columns, height: rows))
                }
            }
            key = try screen.readKey(waitingAtMost: FramePacing.wait(model))
        }
    }

    /// The session starts connecting while the operator reads the placement notes; screening answers are applied
    /// as soon as the device is there.
    private func startSession(screening: ([Contraindication: Bool], String?)) throws -> SessionHost? {
        guard let therapyProtocol else { return nil }
        // A home unit runs nothing its prescription does not name, and asks its allowance again: a console may have
        // stood open while the day's sessions were used elsewhere or the prescription ran out.
        let prescribed = options.home?.prescribed[therapyProtocol.id]
        if let home = options.home {
            guard prescribed != nil else { throw SessionRefused(text: "\(therapyProtocol.id) is not prescribed on this unit") }
            if let refusal = home.mayStart() { throw SessionRefused(text: refusal) }
        }
        let transport = makeTransport(therapyProtocol)
        transportName = transport.name
        if let records = options.records {
            writer = try RecordsWriter(store: records.store, header: SessionHeader(
                patient: patient, operatorName: operatorName, protocolID: therapyProtocol.id,
                protocolText: records.protocolTexts[therapyProtocol.id] ?? "", transport: transport.name))
        }
        if let problem = options.home?.started() {
            throw SessionRefused(text: "this unit cannot count the session (\(problem)); tell your clinician")
        }
        let engine = Engine(therapyProtocol: therapyProtocol, transport: transport, prescription: prescribed?.maxima ?? [:],
                            policy: prescribed?.policy ?? .clinic, targets: prescribed?.starts ?? [:])
        let host = SessionHost(engine: engine, pacing: .realTime(speed: options.speed),
                               sinks: [consoleEvents] + (writer.map { [$0] } ?? []))
        host.begin(screening: screening.0, overrideReason: screening.1, start: options.demo)
        if let home = options.home {
            host.note("home session; screened by \(home.clinician) when prescribing: \(home.screening)")
        }
        host.start()
        return host
    }
}

/// Why a session was not opened, in the words shown on the notice screen.
private struct SessionRefused: Error, CustomStringConvertible {
    var text: String
    var description: String { text }
}
