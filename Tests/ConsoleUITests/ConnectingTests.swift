import Testing
@testable import ConsoleUI

/// While the device's handshake runs (a serial device may take a second) the console says what it waits for, and
/// q and STOP still work.
@Suite struct ConnectingTests {
    func text(_ buffer: ScreenBuffer) -> String { buffer.lines.joined(separator: "\n") }

    @Test(arguments: [(80, 24), (120, 40)])
    func theScreenSaysWhatItWaitsForAndWhichKeysWork(width: Int, height: Int) {
        let screen = text(ConnectingScreen.render(transport: "serial /dev/ttyUSB0", width: width, height: height))
        #expect(screen.contains("Connecting to serial /dev/ttyUSB0…"))
        #expect(screen.contains("q leaves · Space stops output as soon as the device answers"))
    }

    @Test func leavingSaysWhyItWaitsAndThatNothingStarted() {
        let screen = text(ConnectingScreen.render(transport: "serial /dev/ttyUSB0", leaving: true, width: 80, height: 24))
        #expect(screen.contains("Leaving: waiting for serial /dev/ttyUSB0 to answer, to tell it goodbye…"))
        #expect(screen.contains("Nothing more will be started."))
        #expect(!screen.contains("Connecting"))
    }

    @Test func qAndF10LeaveSpaceAndEscapeStopAndNothingElseActs() {
        #expect(KeyMap.whileConnecting(.character("q")) == .quit)
        #expect(KeyMap.whileConnecting(.function(10)) == .quit)
        #expect(KeyMap.whileConnecting(.character(" ")) == .command(.stopAll))
        #expect(KeyMap.whileConnecting(.escape) == .command(.stopAll))
        for key in [Key.character("s"), .up, .enter, .character("a"), .character("p"), .tab] {
            #expect(KeyMap.whileConnecting(key) == .none, "\(key) acts before there is a session")
        }
    }
}
