import StimulationCore
import StimulationEngine
import Testing
import Transports
@testable import ConsoleUI

/// The console sleeps 250 ms between frames unless an alarm's flash edge comes sooner.
@Suite struct FramePacingTests {
    @Test func withoutAnAlarmAFrameIsDueEvery250Milliseconds() throws {
        let model = try ConsoleViewTests.model("tens-conventional", runFor: .seconds(1))
        #expect(FramePacing.wait(model) == 250)
        #expect(FramePacing.wait(nil) == 250)
    }

    @Test func aHighPriorityFlashIsDrawnAtEachOfItsEdges() throws {
        var model = try DemoAcknowledgerTests.withLiftedPad()
        #expect(model.snapshot.alarms.first?.priority == .high)
        // 2 Hz: lit for 250 ms, dark for 250 ms. The frame falls on the edge, and the edge shows the change.
        for (now, wait) in [(0, 250), (100, 150), (249, 1), (250, 250), (400, 100)] as [(Int64, Int32)] {
            model.wallMilliseconds = now
            #expect(FramePacing.wait(model) == wait, "at \(now) ms")
        }
        model.wallMilliseconds = 400
        let before = AlarmFlash.lit(.high, atMilliseconds: 400)
        #expect(AlarmFlash.lit(.high, atMilliseconds: 400 + Int64(FramePacing.wait(model))) != before)
    }
}
