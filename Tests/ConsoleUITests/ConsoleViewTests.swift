import Foundation
import StimulationCore
import StimulationEngine
import Testing
import Transports
@testable import ConsoleUI

/// The main screen, asserted on the buffer as lines of text, with no terminal.
@Suite struct ConsoleViewTests {
    static let protocols = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("protocols").path

    /// A real engine on the simulator, run on a manual timeline to the given session time.
    static func model(_ id: String, runFor span: TimeSpan = .seconds(15), faults: [FaultEvent] = [],
                      overlay: ConsoleModel.Overlay? = nil) throws -> ConsoleModel {
        let therapyProtocol = try ProtocolLoader.load(path: protocols + "/\(id).toml").therapyProtocol
        let device = SimulatorTransport(channels: therapyProtocol.channels, maximumAmplitude: .milliamps(100),
                                        faults: FaultScript(faults))
        let host = SessionHost(engine: Engine(therapyProtocol: therapyProtocol, transport: device), pacing: .stepped)
        host.begin(screening: Contraindication.noneApply, start: true)
        host.start()
        var history = AmplitudeHistory(channels: therapyProtocol.channels)
        while host.now < span, host.phase == .live {
            host.advance(by: EngineTiming.tick)
            history.record(EngineSnapshotView(delivered: host.snapshot!.channels.map(\.delivered)), at: host.now)
        }
        return ConsoleModel(therapyProtocol: therapyProtocol, snapshot: host.snapshot!, history: history, overlay: overlay)
    }

    func text(_ buffer: ScreenBuffer) -> String { buffer.lines.joined(separator: "\n") }

    @Test(arguments: [(80, 24), (100, 30), (120, 40), (160, 50)])
    func theMainScreenShowsChannelsProgressAndElectrodesAtEverySize(width: Int, height: Int) throws {
        let model = try Self.model("tens-conventional")
        let screen = text(ConsoleView.render(model, width: width, height: height))
        #expect(screen.contains(width > 80 ? "TENS conventional — pain relief" : "TENS conventional"))
        #expect(screen.contains("RUNNING"))
        #expect(screen.contains("▶ CH1 TENS conventional"))
        #expect(screen.contains("CH2 TENS conventional"))
        #expect(screen.contains("Target 20.0 mA"))
        #expect(screen.contains("Contact OK"))
        #expect(screen.contains("kΩ"))
        #expect(screen.contains("100 Hz · 200 µs"))
        #expect(screen.contains("▶ 1 Conventional 100 Hz"))
        #expect(screen.contains("Programme 1/1"))
        #expect(screen.contains("00:15 / 20:00"))
        #expect(screen.contains("F1Help"))
        #expect(screen.contains("█"))
        let lines = ConsoleView.render(model, width: width, height: height).lines
        #expect(lines.count == height && lines.allSatisfy { $0.count == width })
    }

    @Test func aDensityAboveTheIECAttentionLevelIsShownBesideTheContact() throws {
        // 100 Hz, 200 µs biphasic on 25 cm²: the rms is a fifth of the amplitude, so 300 mA is 2.4 mA/cm² and 200 mA 1.6.
        var model = try Self.model("tens-conventional")
        model.snapshot.channels[0].commanded = .milliamps(300)
        #expect(text(ConsoleView.render(model, width: 120, height: 40)).contains("density 2.4 mA/cm² > 2"))
        model.snapshot.channels[0].commanded = .milliamps(200)
        #expect(!text(ConsoleView.render(model, width: 120, height: 40)).contains("density"))
    }

    @Test func fourChannelsFitAt80x24() throws {
        let model = try Self.model("ifc-4-pole-sweep")
        let screen = text(ConsoleView.render(model, width: 80, height: 24))
        for channel in 1...model.snapshot.channels.count { #expect(screen.contains("CH\(channel) IFC 4-pole")) }
    }

    @Test(arguments: [(79, 24), (80, 23), (40, 10)])
    func belowTheMinimumTheScreenSaysSoInsteadOfGarbling(width: Int, height: Int) throws {
        let screen = text(ConsoleView.render(try Self.model("tens-conventional"), width: width, height: height))
        #expect(screen.contains("Terminal too small: \(width)×\(height)."))
        #expect(!screen.contains("CH1"))
    }

    @Test func aLiftedPadShowsInWordsAndTheAlarmBannerFlashes() throws {
        var model = try Self.model("tens-conventional", runFor: .seconds(13),
                                   faults: [FaultEvent(time: .seconds(12), kind: .padLift(channel: 1, lift: .percent(70)))])
        let lit = text(ConsoleView.render(model, width: 100, height: 30))
        #expect(lit.contains("*** channel 1: poor contact"))
        #expect(lit.contains("[a] acknowledge"))
        #expect(lit.contains("Contact POOR"))
        #expect(lit.contains("OUTPUT OFF"))
        #expect(lit.contains("PAUSED"))
        // The banner's colour role alternates at the high-priority rate; its words stay.
        model.wallMilliseconds = 0
        let on = ConsoleView.render(model, width: 100, height: 30)[2, 1].role
        model.wallMilliseconds = 300
        let off = ConsoleView.render(model, width: 100, height: 30)[2, 1].role
        #expect(on == .alarmHigh && off == .normal)
        #expect(text(ConsoleView.render(model, width: 100, height: 30)).contains("poor contact"))
    }

    @Test func alarmsFlashAtTheirIECRates() {
        func hertz(_ priority: AlarmPriority) -> Double? { AlarmFlash.periodMilliseconds(priority).map { 1000 / Double($0) } }
        #expect((1.4...2.8).contains(hertz(.high)!))
        #expect((0.4...0.8).contains(hertz(.medium)!))
        #expect(hertz(.low) == nil)
        #expect(AlarmFlash.lit(.low, atMilliseconds: 12_345))
    }

    @Test func theHelpScreenListsTheKeys() throws {
        let screen = text(ConsoleView.render(try Self.model("tens-conventional", overlay: .help), width: 100, height: 30))
        #expect(screen.contains("STOP-ALL"))
        #expect(screen.contains("acknowledge alarms"))
    }

    @Test func keysMapToCommands() throws {
        let model = try Self.model("tens-conventional")
        #expect(KeyMap.action(for: .character(" "), model) == [.command(.stopAll)])
        #expect(KeyMap.action(for: .escape, model) == [.command(.stopAll)])
        #expect(KeyMap.action(for: .up, model) == [.command(.amplitudeUp(channel: 1))])
        #expect(KeyMap.action(for: .character("-"), model) == [.command(.amplitudeDown(channel: 1))])
        #expect(KeyMap.action(for: .pageUp, model).count == KeyMap.coarseSteps)
        #expect(KeyMap.action(for: .tab, model) == [.select(channel: 2)])
        #expect(KeyMap.action(for: .character("2"), model) == [.select(channel: 2)])
        #expect(KeyMap.action(for: .character("9"), model) == [.none])
        #expect(KeyMap.action(for: .character("p"), model) == [.command(.pause)])
        #expect(KeyMap.action(for: .character("a"), model) == [.command(.acknowledge)])
        #expect(KeyMap.action(for: .character("n"), model) == [.show(.confirmSkip)])
        #expect(KeyMap.action(for: .character("q"), model) == [.show(.confirmQuit)], "output is on: ask first")
        #expect(KeyMap.action(for: .function(1), model) == [.show(.help)])
        var asking = model
        asking.overlay = .confirmQuit
        #expect(KeyMap.action(for: .character("y"), asking) == [.quit])
        #expect(KeyMap.action(for: .character("x"), asking) == [.show(nil)])
        #expect(KeyMap.action(for: .character(" "), asking) == [.command(.stopAll)], "STOP-ALL works in every dialog")
    }
}
