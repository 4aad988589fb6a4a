import StimulationCore
import StimulationEngine
import Testing
import Transports
@testable import ConsoleUI

/// The demo tour acknowledges an alarm nobody answered, and says so; it never does so early.
@Suite struct DemoAcknowledgerTests {
    static func withLiftedPad() throws -> ConsoleModel {
        try ConsoleViewTests.model("tens-conventional", runFor: .seconds(13),
                                   faults: [FaultEvent(time: .seconds(12), kind: .padLift(channel: 1, lift: .percent(70)))])
    }

    @Test func anUnansweredAlarmIsAcknowledgedAfterSixSecondsOfWallTime() throws {
        let snapshot = try Self.withLiftedPad().snapshot
        var tour = DemoAcknowledger()
        let answers = [1_000, 6_999, 7_000].map { tour.shouldAcknowledge(snapshot, atWallMilliseconds: $0) }
        #expect(answers == [false, false, true])
    }

    @Test func anAcknowledgedAlarmIsLeftAlone() throws {
        var snapshot = try Self.withLiftedPad().snapshot
        snapshot.alarms = snapshot.alarms.map { var alarm = $0; alarm.acknowledged = true; return alarm }
        var tour = DemoAcknowledger()
        let answers = [0, 60_000].map { tour.shouldAcknowledge(snapshot, atWallMilliseconds: $0) }
        #expect(answers == [false, false])
    }

    @Test func theBannerSaysTheTourAcknowledged() throws {
        var model = try Self.withLiftedPad()
        model.snapshot.alarms = model.snapshot.alarms.map { var alarm = $0; alarm.acknowledged = true; return alarm }
        model.tourAcknowledgedAt = model.wallMilliseconds
        let screen = ConsoleView.render(model, width: 120, height: 30).lines.joined(separator: "\n")
        #expect(screen.contains("acknowledged by the demo tour; press a to do it yourself"))
        // Once the alarm has gone the banner still says so for a few seconds, then returns to the state.
        model.snapshot.alarms = []
        model.wallMilliseconds += 4_999
        #expect(ConsoleView.render(model, width: 120, height: 30).lines[1].contains("Alarm acknowledged by the demo tour"))
        model.wallMilliseconds += 1
        #expect(!ConsoleView.render(model, width: 120, height: 30).lines[1].contains("demo tour"))
    }
}
