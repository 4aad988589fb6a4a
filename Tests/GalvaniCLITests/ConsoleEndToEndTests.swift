import Foundation
import Testing

/// `galvani demo` driven the way a person would, in tmux, serialised because each test owns a tmux server.
@Suite(.serialized) struct ConsoleEndToEndTests {
    /// At speed 5 session time runs five times faster, so the demo's pad lift comes 5 s after start.
    func demo(speed: Int = 5, width: Int = 100, height: Int = 30) throws -> TmuxSession {
        let session = try TmuxSession(arguments: ["demo", "--speed", String(speed)], width: width, height: height)
        #expect(session.waitFor("CH4"), "\(session.screen)")
        return session
    }

    @Test func theDemoShowsChannelsProgressAndElectrodes() throws {
        // In real time the pad lift (25 s) and programme 2 (60 s) come long after this test has looked.
        let session = try demo(speed: 1)
        let expected = ["RUNNING", "Demo tour (simulator)", "CH1", "CH2", "CH3", "CH4", "Contact OK", "kΩ",
                        "Programme 1/2", "▶ 1 Conventional TENS", "F1Help"]
        // All on one screen: the first running frame can come before the device's first contact report.
        var screen = ""
        let shown = session.waitFor { current in
            screen = current
            return expected.allSatisfy { current.contains($0) }
        }
        #expect(shown, "no one screen showed it all")
        for text in expected {
            #expect(screen.contains(text), "missing \(text)\n\(screen)")
        }
    }

    @Test func raisingTheSelectedChannelMovesItsTargetAndBar() throws {
        let session = try demo()
        #expect(session.waitFor("Target 18.0 mA"))
        try session.send("Up", "Up")
        #expect(session.waitFor("Target 19.0 mA"), "\(session.screen)")
        try session.send("2", "Down")
        #expect(session.waitFor("Target 17.5 mA"), "\(session.screen)")
    }

    @Test func aPadLiftAlarmAppearsAndClearsAfterAcknowledgement() throws {
        let session = try demo()
        #expect(session.waitFor("*** channel 2: poor contact", seconds: 60), "\(session.screen)")
        #expect(session.screen.contains("Contact POOR"))
        try session.send("a")
        #expect(session.waitFor(seconds: 60) { !$0.contains("poor contact") && $0.contains("RUNNING") }, "\(session.screen)")
    }

    @Test func theTourRunsHandsOffPastItsPadLift() throws {
        let session = try TmuxSession(arguments: ["demo", "--speed", "20"], width: 100, height: 30)
        #expect(session.waitFor("demo tour; press a", seconds: 90), "\(session.screen)")
        #expect(session.waitFor("▶ 2 Modulated TENS", seconds: 90), "\(session.screen)")
    }

    @Test func spaceStopsEveryChannelAndSaysSo() throws {
        let session = try demo()
        #expect(session.waitFor("Now 1"))
        try session.send("Space")
        #expect(session.waitFor("EMERGENCY STOP"), "\(session.screen)")
        #expect(session.waitFor { $0.components(separatedBy: "Now 0.0 mA").count - 1 == 4 }, "\(session.screen)")
        try session.send("a")
        #expect(session.waitFor("emergency stop"), "the paused state still says why\n\(session.screen)")
    }

    @Test func resizingTo80x24AndBackKeepsASaneScreen() throws {
        let session = try demo()
        try session.resize(width: 80, height: 24)
        #expect(session.waitFor { $0.contains("CH4") && $0.contains("F1Help") && $0.split(separator: "\n").count <= 24 },
                "\(session.screen)")
        try session.resize(width: 120, height: 40)
        #expect(session.waitFor { $0.contains("CH4") && $0.contains("Programme 1/2") }, "\(session.screen)")
    }

    @Test func aTooSmallTerminalShowsTheMinimumSize() throws {
        let session = try demo()
        try session.resize(width: 60, height: 20)
        #expect(session.waitFor("Terminal too small: 60×20"), "\(session.screen)")
        try session.resize(width: 100, height: 30)
        #expect(session.waitFor("CH4"))
    }

    @Test func quitAsksFirstWhileOutputIsOnAndRestoresTheTerminal() throws {
        let session = try demo()
        #expect(session.waitFor("RUNNING"))
        try session.send("q")
        #expect(session.waitFor("Quit?"), "\(session.screen)")
        try session.send("y")
        // The cursor and terminal modes are checked on a pty in TerminalScreenTests.
        #expect(session.waitFor { _ in session.exitStatus != nil }, "\(session.screen)")
        #expect(session.exitStatus == 0)
        #expect(session.format("#{alternate_on}") == "0", "the terminal left the console's screen")
    }

    @Test func withoutATerminalTheConsoleExplainsAndPointsToHeadless() throws {
        let outcome = try CLITests().run(["demo"])
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("--headless"), "\(outcome.stderr)")
    }
}
