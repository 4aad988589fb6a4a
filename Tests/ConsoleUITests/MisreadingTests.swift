import Foundation
import StimulationCore
import StimulationEngine
import Testing
import Transports
@testable import ConsoleUI

/// What a therapist misread on the main screen when it was tried as a new user would, each now shown plainly.
@Suite struct MisreadingTests {
    func text(_ buffer: ScreenBuffer) -> String { buffer.lines.joined(separator: "\n") }

    @Test func elapsedAndLeftAlwaysAddUpToTheTotal() throws {
        var model = try ConsoleViewTests.model("tens-conventional")
        // 15.6 s into a 20-minute programme: 00:15 elapsed and 19:45 left, not 19:44.
        model.snapshot.programmeElapsed = .milliseconds(15_600)
        let screen = text(ConsoleView.render(model, width: 100, height: 30))
        #expect(screen.contains("00:15 / 20:00  left 19:45"), "\(screen)")
    }

    @Test func theHeaderShowsTreatmentTimeWhichStandsStillWhilePaused() throws {
        var model = try ConsoleViewTests.model("tens-conventional")
        model.snapshot.time = .seconds(95)
        model.snapshot.treatmentTime = .seconds(15)
        let header = ConsoleView.render(model, width: 100, height: 30).lines[0]
        #expect(header.contains("treated 00:15"))
        #expect(!header.contains("01:35"))
    }

    @Test func contactIsNotClaimedBeforeItWasMeasured() throws {
        var model = try ConsoleViewTests.model("tens-conventional")
        model.snapshot.channels[0].impedance = nil
        let screen = text(ConsoleView.render(model, width: 100, height: 30))
        #expect(screen.contains("Contact not measured yet"))
        #expect(screen.components(separatedBy: "Contact OK").count - 1 == 1, "only channel 2 was measured")
    }

    @Test(arguments: [
        (Modality.microcurrent, 123_456 as Int64, "123456 µA"),
        (.tensConventional, 11_004, "11.0 mA"),
        (.tensConventional, 18_000, "18.0 mA"),
        (.tensConventional, 1_250, "1.3 mA"),
        (.tensConventional, 1_249, "1.2 mA"),
        (.tensConventional, -40, "0.0 mA"),
        (.ems, -400, "0 mA"),
        (.ems, -1_600, "-2 mA"),
        (.ems, Int64.max, "9223372036854776 mA"),
        (.electroacupuncture, 2_302, "2.3 mA"),
        (.ems, 10_821, "11 mA"),
        (.highVoltPulsed, 100_000, "100 mA"),
    ])
    func amplitudesHaveOnePrecisionPerModality(modality: Modality, microamps: Int64, shown: String) {
        #expect(AmplitudeText.text(.microamps(microamps), modality: modality) == shown)
    }

    @Test func longTextIsCutAtAWordWithAnEllipsis() {
        #expect(FittedText.fit("Chronic pain treated with acupuncture where needles", width: 30) == "Chronic pain treated with…")
        #expect(FittedText.fit("short", width: 30) == "short")
        #expect(FittedText.fit("Supercalifragilisticexpialidocious", width: 10) == "Supercali…")
    }

    @Test(arguments: 1...4)
    func helpLeavesTheSelectedChannelAndTheAlarmLineInView(selected: Int) throws {
        var model = try ConsoleViewTests.model("microcurrent-fsm-dual", overlay: .help)
        model.selectedChannel = min(selected, model.snapshot.channels.count)
        let demo = try ConsoleViewTests.model("tens-conventional", overlay: .help)
        for var candidate in [model, demo] {
            candidate.selectedChannel = min(selected, candidate.snapshot.channels.count)
            let screen = ConsoleView.render(candidate, width: 100, height: 30)
            let lines = screen.lines
            #expect(lines.contains { $0.contains("▶ CH\(candidate.selectedChannel)") }, "\(lines.joined(separator: "\n"))")
            #expect(lines.contains { $0.contains("Keys (") })
            #expect(!lines[1].contains("─"), "the alarm line stays clear")
        }
    }

    @Test func tooSmallTheQuitQuestionIsShownNotHidden() throws {
        var model = try ConsoleViewTests.model("tens-conventional", overlay: .confirmQuit)
        var screen = text(ConsoleView.render(model, width: 60, height: 20))
        #expect(screen.contains("Quit? y brings every output to zero"))
        model.overlay = nil
        screen = text(ConsoleView.render(model, width: 60, height: 20))
        #expect(screen.contains("q quits (asks first while output is on)"))
    }
}

/// The console's own sink: what the operator should read although no alarm stands.
@Suite struct ConsoleEventsTests {
    @Test func aRefusalOrAnOutputGapIsSaidOnTheAlarmLineForAWhile() throws {
        let sink = ConsoleEvents()
        sink.receive([.event(SessionEvent(time: .seconds(3), kind: .outputGap(length: .milliseconds(140), softStart: true))),
                      .event(SessionEvent(time: .seconds(3), kind: .targetChanged(channel: 1, target: .milliamps(2))))], lost: 0)
        let notice = try #require(sink.take())
        #expect(notice == "Output paused 140 ms while the computer was busy; it came back ramping up from zero")
        #expect(sink.take() == nil)
        var model = try ConsoleViewTests.model("tens-conventional")
        model.notice = notice
        model.noticeAt = 1_000
        model.wallMilliseconds = 2_000
        #expect(ConsoleView.render(model, width: 100, height: 30).lines[1].contains("Output paused 140 ms"))
        model.wallMilliseconds = 1_000 + ConsoleEvents.showMilliseconds
        #expect(!ConsoleView.render(model, width: 100, height: 30).lines[1].contains("Output paused"))
    }
}
