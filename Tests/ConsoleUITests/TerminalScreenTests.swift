import CNCursesW
import Glibc
import Testing
@testable import ConsoleUI

/// The ncurses backend on a real pseudo-terminal inside the test process. ncurses is one
/// global state, hence serialized.
@Suite(.serialized) struct TerminalScreenTests {
    init() {
        // What TerminalCheck.verify does in the console: ncursesw draws µ as "M-B5" in the C locale.
        setlocale(LC_ALL, "C.UTF-8")
    }

    static func frame(width: Int = 20, height: Int = 6) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: width, height: height)
        buffer.write("┌────────┐", x: 0, y: 0, role: .border)
        buffer.write("│µA ≤ 5 █│", x: 0, y: 1, role: .value)
        buffer.write("└────────┘", x: 0, y: 2, role: .border)
        buffer.write("ALARM", x: 0, y: 3, role: .alarmHigh)
        buffer.write("Title", x: 6, y: 3, role: .title)
        return buffer
    }

    /// Reads until a key comes, or gives up after a second.
    static func nextKey(_ screen: TerminalScreen) throws -> Key? {
        let deadline = ContinuousClock.now + .seconds(1)
        while ContinuousClock.now < deadline {
            if let key = try screen.readKey() { return key }
        }
        return nil
    }

    static func expectKey(_ key: Key?, _ expected: Key?, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(key == expected, sourceLocation: sourceLocation)
    }

    @Test func unicodeAndBoxCharactersReachTheTerminalAsWritten() throws {
        let pty = TerminalTestPty()
        try pty.withScreen { screen in
            screen.draw(Self.frame())
            #expect(TerminalTestPty.row(0).hasPrefix("┌────────┐"))
            #expect(TerminalTestPty.row(1).hasPrefix("│µA ≤ 5 █│"))
            #expect(TerminalTestPty.row(2).hasPrefix("└────────┘"))
            #expect(TerminalTestPty.row(3).hasPrefix("ALARM Title"))
        }
    }

    @Test func aSecondIdenticalFrameWritesNoCellsAndAChangeWritesOnlyItself() throws {
        let pty = TerminalTestPty()
        try pty.withScreen { screen in
            var buffer = Self.frame()
            screen.draw(buffer)
            #expect(screen.cellsWrittenByLastDraw == 20 * 6)
            screen.draw(buffer)
            #expect(screen.cellsWrittenByLastDraw == 0)
            buffer.write("4", x: 6, y: 1, role: .value)
            screen.draw(buffer)
            #expect(screen.cellsWrittenByLastDraw == 1)
            #expect(TerminalTestPty.row(1).hasPrefix("│µA ≤ 4 █│"))
        }
    }

    @Test func aCharacterWiderThanOneColumnDoesNotShiftTheRowButACombiningMarkStays() throws {
        let pty = TerminalTestPty()
        try pty.withScreen { screen in
            var buffer = ScreenBuffer(width: 10, height: 1)
            buffer.write("a漢b\u{7}ce\u{301}|", x: 0, y: 0)
            screen.draw(buffer)
            #expect(TerminalTestPty.row(0).unicodeScalars.starts(with: "a?b?ce\u{301}|".unicodeScalars))
        }
    }

    @Test func rolesTurnIntoAttributesAndSharedColourPairs() throws {
        let pty = TerminalTestPty()
        try pty.withScreen(depth: .colour256) { screen in
            #expect(screen.depth == .colour256)
            screen.draw(Self.frame())
            let border = TerminalTestPty.appearance(y: 0, x: 0)
            let value = TerminalTestPty.appearance(y: 1, x: 1)
            let alarm = TerminalTestPty.appearance(y: 3, x: 0)
            let title = TerminalTestPty.appearance(y: 3, x: 6)
            #expect(value.pair == 0 && value.attributes & galvani_a_bold() == 0)
            #expect(border.pair != 0 && border.pair == title.pair)
            #expect(alarm.pair != 0 && alarm.pair != title.pair)
            #expect(title.attributes & galvani_a_bold() != 0)
            #expect(alarm.attributes & galvani_a_reverse() != 0)
            var foreground: Int16 = 0
            var background: Int16 = 0
            pair_content(alarm.pair, &foreground, &background)
            #expect(Int(foreground) == TerminalTestTheme.white && Int(background) == TerminalTestTheme.red)
            pair_content(title.pair, &foreground, &background)
            #expect(Int(foreground) == TerminalTestTheme.red && background == -1)
        }
    }

    @Test func monochromeUsesAttributesAlone() throws {
        let pty = TerminalTestPty()
        try pty.withScreen(depth: .monochrome) { screen in
            #expect(screen.depth == .monochrome)
            var buffer = Self.frame()
            buffer.write("dim", x: 0, y: 4, role: .dim)
            buffer.write("label", x: 4, y: 4, role: .label)
            screen.draw(buffer)
            #expect(TerminalTestPty.appearance(y: 3, x: 6).pair == 0)
            #expect(TerminalTestPty.appearance(y: 3, x: 6).attributes & galvani_a_bold() != 0)
            #expect(TerminalTestPty.appearance(y: 3, x: 0).attributes & galvani_a_reverse() != 0)
            #expect(TerminalTestPty.appearance(y: 4, x: 0).attributes & galvani_a_dim() != 0)
            #expect(TerminalTestPty.appearance(y: 4, x: 4).attributes & galvani_a_underline() != 0)
        }
    }

    @Test func aResizeReportsTheNewSizeAndRedrawsEveryCell() throws {
        let pty = TerminalTestPty(rows: 24, columns: 80)
        try pty.withScreen { screen in
            #expect(screen.size == (24, 80))
            let buffer = Self.frame(width: 80, height: 24)
            screen.draw(buffer)
            pty.resize(rows: 30, columns: 100)
            try Self.expectKey(Self.nextKey(screen), .resize)
            #expect(screen.size == (30, 100))
            screen.draw(buffer)
            #expect(screen.cellsWrittenByLastDraw == 80 * 24)
            let larger = Self.frame(width: 100, height: 30)
            screen.draw(larger)
            #expect(screen.cellsWrittenByLastDraw == 100 * 30)
            #expect(TerminalTestPty.row(1).hasPrefix("│µA ≤ 5 █│"))
        }
    }

    @Test func aFrameLargerThanTheScreenIsClipped() throws {
        let pty = TerminalTestPty(rows: 5, columns: 8)
        try pty.withScreen { screen in
            screen.draw(Self.frame(width: 20, height: 6))
            #expect(screen.cellsWrittenByLastDraw == 8 * 5)
            #expect(TerminalTestPty.row(1) == "│µA ≤ 5 ")
        }
    }

    @Test(arguments: [
        ("kcuu1", Key.up), ("kcud1", .down), ("kcub1", .left), ("kcuf1", .right),
        ("kpp", .pageUp), ("knp", .pageDown), ("kf1", .function(1)), ("kf10", .function(10)),
        ("kcbt", .backTab), ("kent", .enter),
    ])
    func escapeSequencesFromTheTerminfoEntryArriveAsKeys(capability: String, key: Key) throws {
        let pty = TerminalTestPty()
        try pty.withScreen { screen in
            let sequence = try #require(tigetstr(capability))
            pty.type(String(cString: sequence))
            try Self.expectKey(Self.nextKey(screen), key)
        }
    }

    @Test(arguments: [
        ("\u{1b}[A", Key.up), ("\u{1b}OB", .down), ("\u{1b}[D", .left), ("\u{1b}[11~", .function(1)),
        ("\u{1b}OS", .function(4)), ("\t", .tab), ("\r", .enter), ("\n", .enter),
        ("\u{7f}", .backspace), ("\u{8}", .backspace), ("q", .character("q")), (" ", .character(" ")),
        ("µ", .character("µ")), ("≤", .character("≤")),
    ])
    func typedBytesArriveAsKeys(typed: String, key: Key) throws {
        let pty = TerminalTestPty()
        try pty.withScreen { screen in
            pty.type(typed)
            try Self.expectKey(Self.nextKey(screen), key)
        }
    }

    @Test func escapeAloneArrivesPromptly() throws {
        let pty = TerminalTestPty()
        try pty.withScreen { screen in
            let started = ContinuousClock.now
            pty.type("\u{1b}")
            try Self.expectKey(Self.nextKey(screen), .escape)
            // ncurses' default would hold Esc back for a second, waiting for the rest of a sequence.
            #expect(ContinuousClock.now - started < .milliseconds(400))
        }
    }

    @Test func readingWithNoKeyWaitsForTheTimeoutAndReturnsNil() throws {
        let pty = TerminalTestPty()
        try pty.withScreen(keyTimeoutMilliseconds: 60) { screen in
            for _ in 0..<5 {
                let started = ContinuousClock.now
                try Self.expectKey(screen.readKey(), nil)
                #expect(ContinuousClock.now - started >= .milliseconds(40))
            }
        }
    }

    @Test func aHungUpTerminalEndsReadingInsteadOfSpinning() throws {
        let pty = TerminalTestPty()
        let keyboard = TerminalTestPty()
        // The keyboard's terminal hangs up: its slave side reads end of file from then on.
        let screen = try TerminalScreen(theme: TerminalTestTheme.theme, depth: nil, keyTimeoutMilliseconds: 50,
                                        input: keyboard.input, output: pty.output, terminalType: "xterm-256color")
        defer { screen.restore() }
        keyboard.hangUp()
        let started = ContinuousClock.now
        #expect(throws: TerminalError.inputClosed) {
            for _ in 0..<1000 { _ = try screen.readKey() }
        }
        #expect(ContinuousClock.now - started < .seconds(1))
        withExtendedLifetime((pty, keyboard)) {}
    }

    @Test func inputAtEndOfFileEndsReadingInsteadOfSpinning() throws {
        let pty = TerminalTestPty()
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        close(ends[1])
        let input = try #require(fdopen(ends[0], "r"))
        defer { fclose(input) }
        let screen = try TerminalScreen(theme: TerminalTestTheme.theme, depth: nil, keyTimeoutMilliseconds: 50,
                                        input: input, output: pty.output, terminalType: "xterm-256color")
        defer { screen.restore() }
        #expect(throws: TerminalError.inputClosed) {
            for _ in 0..<1000 { _ = try screen.readKey() }
        }
        withExtendedLifetime(pty) {}
    }

    @Test(arguments: [SIGINT, SIGTERM, SIGHUP])
    func aTerminationSignalIsRecordedForTheLoopAndHandlersGoAwayWithTheScreen(signal: Int32) throws {
        let pty = TerminalTestPty()
        try pty.withScreen { screen in
            #expect(!screen.terminationRequested)
            #expect(EmergencyRestore.isPrepared)
            TerminalTestSignal.deliver(signal)
            #expect(screen.terminationRequested)
            #expect(screen.terminationSignal == signal)
            screen.restore()
            #expect(!EmergencyRestore.isPrepared)
        }
        for signal in TerminationSignals.handled {
            var current = sigaction()
            sigaction(signal, nil, &current)
            #expect(current.__sigaction_handler.sa_handler == nil, "signal \(signal) is back to its default")
        }
    }

    @Test func restoreGivesBackTheTerminalModesAndMainScreen() throws {
        let pty = TerminalTestPty()
        try pty.withScreen { screen in
            screen.draw(Self.frame())
            #expect(pty.modes.c_lflag & tcflag_t(ICANON | ECHO) == 0)
            screen.restore()
            #expect(pty.modes.c_lflag & tcflag_t(ICANON | ECHO) == tcflag_t(ICANON | ECHO))
            #expect(pty.received("\u{1b}[?1049l"))
        }
    }

    @Test func theEmergencyRestoreNeedsNoNcursesToGiveTheTerminalBack() throws {
        let pty = TerminalTestPty()
        try pty.withScreen { screen in
            screen.draw(Self.frame())
            #expect(pty.modes.c_lflag & tcflag_t(ICANON | ECHO) == 0)
            // What a stuck UI loop's second Ctrl-C does before the signal ends the process.
            EmergencyRestore.perform()
            #expect(pty.modes.c_lflag & tcflag_t(ICANON | ECHO) == tcflag_t(ICANON | ECHO))
            #expect(pty.received("\u{1b}[?25h"))
            #expect(pty.received("\u{1b}[?1049l"))
            #expect(!EmergencyRestore.isPrepared)
        }
    }

    @Test func restoreCanBeCalledAgainAndTheScreenIsInertAfterwards() throws {
        let pty = TerminalTestPty()
        try pty.withScreen { screen in
            screen.draw(Self.frame())
            screen.restore()
            screen.restore()
            screen.draw(Self.frame())
            try Self.expectKey(screen.readKey(), nil)
        }
    }

    @Test func anUnknownTerminalTypeIsNamedInTheError() throws {
        let pty = TerminalTestPty()
        #expect(throws: TerminalError.unusableTerminalType("no-such-terminal")) {
            _ = try TerminalScreen(theme: TerminalTestTheme.theme, depth: nil, keyTimeoutMilliseconds: 50,
                                   input: pty.input, output: pty.output, terminalType: "no-such-terminal")
        }
        #expect(TerminalError.unusableTerminalType("no-such-terminal").description
            .hasPrefix("the terminal type TERM=no-such-terminal is unknown to terminfo"))
        var current = sigaction()
        sigaction(SIGINT, nil, &current)
        #expect(current.__sigaction_handler.sa_handler == nil)
        #expect(!EmergencyRestore.isPrepared)
    }

    @Test func aSignalIgnoredWhenTheScreenStartsStaysIgnored() throws {
        let pty = TerminalTestPty()
        var ignore = sigaction()
        ignore.__sigaction_handler.sa_handler = SIG_IGN
        var original = sigaction()
        sigaction(SIGHUP, &ignore, &original)
        defer { sigaction(SIGHUP, &original, nil) }
        try pty.withScreen { screen in
            TerminalTestSignal.deliver(SIGHUP)
            #expect(!screen.terminationRequested)
        }
        var current = sigaction()
        sigaction(SIGHUP, nil, &current)
        #expect(unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self))
    }
}

/// The checks made before the screen starts, with pipes standing in for a redirected console.
@Suite struct TerminalCheckTests {
    @Test func inputThatIsNotATerminalIsRefusedWithWhatToDo() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer { ends.forEach { close($0) } }
        let error = #expect(throws: TerminalError.self) { try TerminalCheck.verify(input: ends[0], output: ends[1]) }
        #expect(error == .inputNotTerminal)
        #expect(error?.description == "standard input is not a terminal: run the console in a terminal, "
            + "or use `galvani run PROTOCOL --headless` for a session without one")
    }

    @Test func outputThatIsNotATerminalIsRefusedWithWhatToDo() throws {
        let pty = TerminalTestPty()
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer { ends.forEach { close($0) } }
        let error = #expect(throws: TerminalError.self) { try TerminalCheck.verify(input: fileno(pty.input), output: ends[1]) }
        #expect(error == .outputNotTerminal)
        #expect(error?.description.hasPrefix("standard output is not a terminal: run the console in a terminal") == true)
        #expect(error?.description.contains("--headless") == true)
    }

    @Test func aUTF8CodesetPasses() {
        #expect(TerminalCheck.localeProblem(codeset: "UTF-8", accepted: true, environment: ["LANG": "C.UTF-8"]) == nil)
        #expect(TerminalCheck.localeProblem(codeset: "utf8", accepted: true, environment: [:]) == nil)
    }

    @Test func anASCIILocaleNamesTheVariableThatChoseIt() {
        let fromLang = TerminalCheck.localeProblem(codeset: "ANSI_X3.4-1968", accepted: true, environment: ["LANG": "C"])
        #expect(fromLang?.description
            == "the locale is not UTF-8 (LANG=C, character set ANSI_X3.4-1968): set LANG=C.UTF-8 so µ, ≤ and █ show correctly")
        let overridden = TerminalCheck.localeProblem(codeset: "ANSI_X3.4-1968", accepted: true,
                                                     environment: ["LANG": "C.UTF-8", "LC_ALL": "POSIX"])
        #expect(overridden == .localeNotUTF8(codeset: "ANSI_X3.4-1968", setting: "LC_ALL=POSIX"))
        #expect(overridden?.description.contains("set LC_ALL=C.UTF-8") == true)
        let unset = TerminalCheck.localeProblem(codeset: "ANSI_X3.4-1968", accepted: true, environment: ["LC_ALL": ""])
        #expect(unset?.description.hasPrefix("the locale is not UTF-8 (LANG is not set") == true)
        #expect(unset?.description.contains("set LANG=C.UTF-8") == true)
    }

    @Test func aLocaleThatIsNotInstalledIsSaidToBeMissing() {
        let missing = TerminalCheck.localeProblem(codeset: "ANSI_X3.4-1968", accepted: false,
                                                  environment: ["LANG": "en_GB.UTF-8"])
        #expect(missing == .localeMissing(setting: "LANG=en_GB.UTF-8"))
        #expect(missing?.description
            == "the locale LANG=en_GB.UTF-8 is not installed: set LANG=C.UTF-8, or install that locale, so µ, ≤ and █ show correctly")
    }
}
