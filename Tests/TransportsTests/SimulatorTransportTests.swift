import Testing
import StimulationCore
@testable import Transports

@Suite struct SimulatorTransportTests {
    static func pulse(_ amplitude: Current = .milliamps(20)) -> Pulse {
        PulseShape.symmetricBiphasic.pulse(amplitude: amplitude, width: .microseconds(200), period: .milliseconds(1))
    }

    func run(_ channel: Int = 1, at start: TimeSpan, count: Int = 40, every period: TimeSpan = .milliseconds(1),
             amplitude: Current = .milliamps(20)) -> PulseRun {
        PulseRun(channel: channel, start: start, period: period, count: count, pulse: Self.pulse(amplitude), alternates: false)
    }

    func simulator(channels: Int = 2, faults: [FaultEvent] = []) throws -> SimulatorTransport {
        let simulator = SimulatorTransport(channels: channels, maximumAmplitude: .milliamps(100),
                                           lookahead: .milliseconds(50), faults: FaultScript(faults), recordsPulses: true)
        _ = try simulator.open(at: .zero)
        return simulator
    }

    func times(_ simulator: SimulatorTransport, channel: Int) -> [TimeSpan] {
        simulator.deliveredPulses.filter { $0.channel == channel }.map(\.time)
    }

    func ms(_ values: ClosedRange<Int64>) -> [TimeSpan] { values.map { .milliseconds($0) } }

    func telemetry(_ events: [TransportEvent], channel: Int) -> [(time: TimeSpan, delivered: Current, contact: ContactState)] {
        events.compactMap {
            guard case .telemetry(channel, let delivered, _, let contact) = $0.kind else { return nil }
            return ($0.time, delivered, contact)
        }
    }

    // MARK: - Handshake and refusals

    @Test func theHandshakeReportsWhatTheDeviceCanDo() throws {
        let simulator = SimulatorTransport(channels: 4, maximumAmplitude: .milliamps(80), lookahead: .milliseconds(50))
        #expect(simulator.name == "simulator")
        let capabilities = try simulator.open(at: .seconds(3))
        #expect(capabilities == DeviceCapabilities(deviceID: "galvani-simulator", channels: 4,
                                                   maximumAmplitude: .milliamps(80), shapes: Set(PulseShape.names),
                                                   lookahead: .milliseconds(50)))
        #expect(throws: TransportError.self) { try simulator.open(at: .seconds(4)) }
        simulator.close()
        #expect(try simulator.open(at: .seconds(5)) == capabilities)
    }

    @Test func nothingIsAcceptedBeforeOpen() {
        let simulator = SimulatorTransport(channels: 2, maximumAmplitude: .milliamps(100))
        #expect(throws: TransportError("the simulator is not open")) { try simulator.submit([run(at: .zero)], at: .zero) }
        #expect(throws: TransportError.self) { try simulator.keepAlive(at: .zero) }
        #expect(throws: TransportError.self) { try simulator.stop(channel: 1, at: .zero) }
        #expect(simulator.poll(until: .seconds(1)).isEmpty)
    }

    @Test func aRunBeyondTheLookaheadIsRefused() throws {
        let simulator = try simulator()
        let error = #expect(throws: TransportError.self) {
            try simulator.submit([run(at: .milliseconds(61))], at: .milliseconds(10))
        }
        #expect(error?.message.contains("at most 50 ms ahead") == true)
        try simulator.submit([run(at: .milliseconds(60))], at: .milliseconds(10))
    }

    @Test func aRunAboveTheMaximumAmplitudeIsRefused() throws {
        let simulator = try simulator()
        let error = #expect(throws: TransportError.self) {
            try simulator.submit([run(at: .zero, amplitude: .microamps(100_001))], at: .zero)
        }
        #expect(error?.message.contains("the device's maximum is 100 mA") == true)
        try simulator.submit([run(at: .zero, amplitude: .milliamps(100))], at: .zero)
    }

    @Test func aRunOnAChannelThatDoesNotExistIsRefused() throws {
        let simulator = try simulator()
        for channel in [0, 3, -1] {
            let error = #expect(throws: TransportError.self) { try simulator.submit([run(channel, at: .zero)], at: .zero) }
            #expect(error?.message.contains("channels 1 to 2") == true)
        }
        #expect(throws: TransportError.self) { try simulator.stop(channel: 3, at: .zero) }
    }

    @Test func malformedAndOverlappingRunsAreRefused() throws {
        let simulator = try simulator()
        #expect(throws: TransportError.self) { try simulator.submit([run(at: .zero, count: 0)], at: .zero) }
        #expect(throws: TransportError.self) { try simulator.submit([run(at: .zero, every: .zero)], at: .zero) }
        try simulator.submit([run(at: .zero, count: 10)], at: .zero)
        let error = #expect(throws: TransportError.self) { try simulator.submit([run(at: .milliseconds(9))], at: .zero) }
        #expect(error?.message.contains("time order") == true)
        try simulator.submit([run(at: .milliseconds(10))], at: .zero)
    }

    @Test func aBatchWithOneBadRunQueuesNothing() throws {
        let simulator = try simulator()
        #expect(throws: TransportError.self) {
            try simulator.submit([run(1, at: .zero), run(2, at: .zero), run(2, at: .seconds(1))], at: .zero)
        }
        _ = simulator.poll(until: .milliseconds(100))
        #expect(simulator.deliveredPulses.isEmpty)
    }

    // MARK: - Playing and telemetry

    @Test func queuedPulsesPlayOnlyAsTimeReachesThem() throws {
        let simulator = try simulator()
        try simulator.submit([run(1, at: .zero), run(2, at: .milliseconds(5), count: 3, every: .milliseconds(10))], at: .zero)
        _ = simulator.poll(until: .milliseconds(9))
        #expect(times(simulator, channel: 1) == ms(0...9))
        #expect(times(simulator, channel: 2) == [.milliseconds(5)])
        _ = simulator.poll(until: .milliseconds(100))
        #expect(times(simulator, channel: 1) == ms(0...39))
        #expect(times(simulator, channel: 2) == [.milliseconds(5), .milliseconds(15), .milliseconds(25)])
        #expect(simulator.deliveredPulses.allSatisfy { $0.delivered == .milliamps(20) })
        #expect(simulator.deliveredPulseCount == 43)
    }

    @Test func telemetryIsSentOnChangeAndStampedWithThePulseTime() throws {
        let simulator = try simulator()
        try simulator.submit([run(at: .milliseconds(3), count: 10)], at: .zero)
        let first = simulator.poll(until: .milliseconds(20))
        #expect(first.count == 1)
        #expect(first.first?.time == .milliseconds(3))
        guard case .telemetry(1, .milliamps(20), let impedance?, .ok)? = first.first?.kind else {
            Issue.record("expected ok telemetry, got \(first)")
            return
        }
        #expect(impedance > .ohms(300) && impedance < .kiloohms(1))
        // 1.5 % is within the 2 % band: nothing new to say.
        try simulator.submit([run(at: .milliseconds(20), count: 10, amplitude: .microamps(20_300))], at: .milliseconds(20))
        #expect(simulator.poll(until: .milliseconds(40)).isEmpty)
        try simulator.submit([run(at: .milliseconds(40), count: 10, amplitude: .milliamps(21))], at: .milliseconds(40))
        let changed = simulator.poll(until: .milliseconds(60))
        #expect(changed.map(\.time) == [.milliseconds(40)])
        #expect(telemetry(changed, channel: 1).map(\.delivered) == [.milliamps(21)])
    }

    // MARK: - Device-side protection

    @Test(arguments: [(TimeSpan.microseconds(20_500), TimeSpan.milliseconds(20)), (.milliseconds(20), .milliseconds(19))])
    func aPadLiftStopsThatChannelFromTheFirstPulseAtOrAfterIt(fault: TimeSpan, lastDelivered: TimeSpan) throws {
        let simulator = try simulator(faults: [FaultEvent(time: fault, kind: .padLift(channel: 1, lift: .percent(60)))])
        try simulator.submit([run(1, at: .zero), run(2, at: .zero)], at: .zero)
        let events = simulator.poll(until: .milliseconds(45))
        #expect(times(simulator, channel: 1).last == lastDelivered)
        #expect(times(simulator, channel: 1).count == Int(lastDelivered.nanoseconds / 1_000_000) + 1)
        #expect(times(simulator, channel: 2) == ms(0...39), "the other channel goes on")
        let firstAfter = lastDelivered + .milliseconds(1)
        #expect(telemetry(events, channel: 1).map(\.time) == [.zero, firstAfter])
        #expect(telemetry(events, channel: 1).last?.delivered == .zero)
        #expect(telemetry(events, channel: 1).last?.contact == .poor)
        #expect(telemetry(events, channel: 2).count == 1)
    }

    @Test func aLatchedChannelStaysOffUntilStoppedAndLatchesAgainWhileContactIsBad() throws {
        let simulator = try simulator(faults: [
            FaultEvent(time: .milliseconds(5), kind: .leadBreak(channel: 1)),
            FaultEvent(time: .milliseconds(100), kind: .contactRestored(channel: 1)),
        ])
        try simulator.submit([run(at: .zero)], at: .zero)
        var events = simulator.poll(until: .milliseconds(30))
        #expect(times(simulator, channel: 1) == ms(0...4))
        // Further runs are taken but dropped: the latch holds without the host doing anything.
        try simulator.submit([run(at: .milliseconds(40))], at: .milliseconds(30))
        events += simulator.poll(until: .milliseconds(60))
        #expect(times(simulator, channel: 1) == ms(0...4))
        #expect(telemetry(events, channel: 1).map(\.contact) == [.ok, .open])

        // Stopping clears the latch; the lead is still broken, so the next pulse latches again.
        try simulator.stop(channel: 1, at: .milliseconds(60))
        try simulator.submit([run(at: .milliseconds(60), count: 30)], at: .milliseconds(60))
        _ = simulator.poll(until: .milliseconds(95))
        #expect(times(simulator, channel: 1) == ms(0...4))

        // Good contact alone does not lift the latch: the host must stop the channel first.
        try simulator.submit([run(at: .milliseconds(100), count: 10)], at: .milliseconds(100))
        _ = simulator.poll(until: .milliseconds(110))
        #expect(times(simulator, channel: 1) == ms(0...4))
        try simulator.stop(channel: 1, at: .milliseconds(110))
        try simulator.submit([run(at: .milliseconds(110), count: 10)], at: .milliseconds(110))
        events = simulator.poll(until: .milliseconds(130))
        #expect(times(simulator, channel: 1) == ms(0...4) + ms(110...119))
        #expect(telemetry(events, channel: 1).map(\.contact) == [.ok])
    }

    @Test func aShortLatchesTheChannelAndReportsIt() throws {
        let simulator = try simulator(faults: [FaultEvent(time: .milliseconds(10), kind: .short(channel: 2))])
        try simulator.submit([run(2, at: .zero)], at: .zero)
        let events = simulator.poll(until: .milliseconds(45))
        #expect(times(simulator, channel: 2) == ms(0...9))
        #expect(telemetry(events, channel: 2).map(\.contact) == [.ok, .short])
    }

    @Test func stopAllDiscardsQueuedRunsAtOnce() throws {
        let simulator = try simulator()
        try simulator.submit([run(1, at: .zero), run(2, at: .zero)], at: .zero)
        _ = simulator.poll(until: .milliseconds(5))
        simulator.stopAll(at: .milliseconds(10))
        _ = simulator.poll(until: .milliseconds(100))
        #expect(times(simulator, channel: 1) == ms(0...10))
        #expect(times(simulator, channel: 2) == ms(0...10))
        try simulator.submit([run(1, at: .milliseconds(100), count: 5)], at: .milliseconds(100))
        _ = simulator.poll(until: .milliseconds(200))
        #expect(times(simulator, channel: 1) == ms(0...10) + ms(100...104))
    }

    @Test func stoppingOneChannelLeavesTheOthers() throws {
        let simulator = try simulator()
        try simulator.submit([run(1, at: .zero), run(2, at: .zero)], at: .zero)
        try simulator.stop(channel: 1, at: .milliseconds(10))
        _ = simulator.poll(until: .milliseconds(100))
        #expect(times(simulator, channel: 1) == ms(0...10))
        #expect(times(simulator, channel: 2) == ms(0...39))
    }

    // MARK: - Watchdog, device faults, disconnection

    @Test func withoutKeepAlivesTheWatchdogTurnsOutputOff() throws {
        let simulator = try simulator()
        var feeder = RunFeeder([(1, .milliseconds(1), Self.pulse())])
        feeder.keepsAlive = false
        let error = #expect(throws: TransportError.self) {
            try feeder.run(simulator, from: .zero, until: .seconds(1))
        }
        #expect(error?.message.contains("close and reopen") == true)
        #expect(times(simulator, channel: 1).last == .milliseconds(250))
        let faults = simulator.poll(until: .seconds(1)).filter { if case .deviceFault = $0.kind { true } else { false } }
        #expect(faults.count <= 1)
        let reported = feeder.events.filter { if case .deviceFault = $0.kind { true } else { false } } + faults
        #expect(reported.count == 1)
        #expect(reported.first?.time == .milliseconds(250))
        guard case .deviceFault(let message)? = reported.first?.kind else { return }
        #expect(message.hasPrefix("watchdog: no keep-alive for more than 250 ms"))
    }

    @Test func keepAlivesHoldTheWatchdogOff() throws {
        let simulator = try simulator()
        var feeder = RunFeeder([(1, .milliseconds(1), Self.pulse())])
        feeder.tick = .milliseconds(50)
        try feeder.run(simulator, from: .zero, until: .seconds(2))
        #expect(!feeder.events.contains { if case .deviceFault = $0.kind { true } else { false } })
        #expect(simulator.deliveredPulseCount == feeder.feeds[0].submitted)
        // The last keep-alive was at 1.95 s. Exactly one interval of silence is still allowed; a moment more is not.
        let last = TimeSpan.milliseconds(1950)
        try simulator.keepAlive(at: last + SimulatorTransport.watchdogInterval)
        #expect(simulator.poll(until: last + .milliseconds(500)).isEmpty)
        let late = simulator.poll(until: last + .milliseconds(500) + .nanoseconds(1))
        #expect(late == [TransportEvent(time: last + .milliseconds(500),
                                        kind: .deviceFault("watchdog: no keep-alive for more than 250 ms; output off"))])
    }

    @Test func aSpedUpSessionsWatchdogAllowsTheSameWallClockSilence() throws {
        let simulator = SimulatorTransport(channels: 1, maximumAmplitude: .milliamps(100), speed: 20)
        _ = try simulator.open(at: .zero)
        // 250 ms of wall clock at 20 times: 5 s of session time.
        #expect(simulator.poll(until: .seconds(5)).isEmpty)
        let late = simulator.poll(until: .seconds(5) + .nanoseconds(1))
        #expect(late == [TransportEvent(time: .seconds(5),
                                        kind: .deviceFault("watchdog: no keep-alive for more than 250 ms; output off"))])
    }

    @Test func aDeviceFaultTurnsOutputOffUntilReopened() throws {
        let simulator = try simulator(faults: [FaultEvent(time: .milliseconds(30), kind: .deviceFault(message: "over temperature"))])
        try simulator.submit([run(1, at: .zero), run(2, at: .zero)], at: .zero)
        let events = simulator.poll(until: .milliseconds(50))
        #expect(times(simulator, channel: 1) == ms(0...29))
        #expect(times(simulator, channel: 2) == ms(0...29))
        #expect(events.last == TransportEvent(time: .milliseconds(30), kind: .deviceFault("over temperature")))
        let error = #expect(throws: TransportError.self) { try simulator.submit([run(at: .milliseconds(50))], at: .milliseconds(50)) }
        #expect(error?.message.contains("over temperature") == true)
        try simulator.keepAlive(at: .milliseconds(50))
        simulator.stopAll(at: .milliseconds(50))
        simulator.close()
        _ = try simulator.open(at: .milliseconds(60))
        try simulator.submit([run(at: .milliseconds(60), count: 5)], at: .milliseconds(60))
        _ = simulator.poll(until: .milliseconds(70))
        #expect(times(simulator, channel: 1) == ms(0...29) + ms(60...64))
    }

    @Test func afterADisconnectEveryCallThrowsAndPollReportsItOnce() throws {
        let simulator = try simulator(faults: [FaultEvent(time: .milliseconds(30), kind: .disconnect)])
        try simulator.submit([run(at: .zero)], at: .zero)
        let events = simulator.poll(until: .milliseconds(50))
        #expect(times(simulator, channel: 1) == ms(0...29))
        #expect(events.count == 2)
        guard case .disconnected? = events.last?.kind else {
            Issue.record("expected a disconnection, got \(events)")
            return
        }
        #expect(events.last?.time == .milliseconds(30))
        #expect(throws: TransportError.self) { try simulator.submit([run(at: .milliseconds(50))], at: .milliseconds(50)) }
        #expect(throws: TransportError.self) { try simulator.keepAlive(at: .milliseconds(50)) }
        #expect(throws: TransportError.self) { try simulator.stop(channel: 1, at: .milliseconds(50)) }
        #expect(throws: TransportError.self) { try simulator.open(at: .milliseconds(50)) }
        simulator.stopAll(at: .milliseconds(50))
        #expect(simulator.poll(until: .seconds(1)).isEmpty)
        simulator.close()
        _ = try simulator.open(at: .seconds(1))
    }

    // MARK: - Drift and a long session

    @Test func aDriftIsReportedInStepsAndLatchesWhenItReachesHalfAgain() throws {
        let simulator = try simulator(faults: [
            FaultEvent(time: .milliseconds(100), kind: .impedanceDrift(channel: 1, to: .percent(200), over: .seconds(1))),
        ])
        var feeder = RunFeeder([(1, .milliseconds(5), Self.pulse())])
        try feeder.run(simulator, from: .zero, until: .milliseconds(1500))
        let reports = feeder.events.compactMap { event -> (TimeSpan, Resistance?, ContactState)? in
            guard case .telemetry(1, _, let impedance, let contact) = event.kind else { return nil }
            return (event.time, impedance, contact)
        }
        let impedances = reports.compactMap(\.1).map(\.ohms)
        #expect(reports.count > 5, "each 5 % of drift is reported")
        #expect(zip(impedances, impedances.dropFirst()).allSatisfy { $0 < $1 })
        // ×1.5 is reached halfway through the drift, at 600 ms; the 10 ms steps may land one step late.
        let poor = try #require(reports.last)
        #expect(poor.2 == .poor)
        #expect(poor.0 >= .milliseconds(600) && poor.0 <= .milliseconds(615))
        #expect(times(simulator, channel: 1).last! < poor.0)
        #expect(times(simulator, channel: 1).last! >= poor.0 - .milliseconds(5))
    }

    /// IFC: 4000 and 4100 pulses per second on two channels for 15 minutes, fed as the engine would. The limit
    /// only catches a hang: one run of the whole suite beside stress-ng took over two minutes for this test.
    @Test(.timeLimit(.minutes(10))) func aFifteenMinuteInterferentialSessionIsJudgedPerRunNotPerPulse() throws {
        let simulator = SimulatorTransport(channels: 2, maximumAmplitude: .milliamps(100), faults: FaultScript([
            FaultEvent(time: .minutes(10), kind: .padLift(channel: 2, lift: .percent(70))),
        ]))
        _ = try simulator.open(at: .zero)
        let carrier = { (hertz: Int64) in
            (Frequency.hertz(hertz).period,
             PulseShape.sineCarrier.pulse(amplitude: .milliamps(30), width: .zero, period: Frequency.hertz(hertz).period))
        }
        let (p1, pulse1) = carrier(4000), (p2, pulse2) = carrier(4100)
        var feeder = RunFeeder([(1, p1, pulse1), (2, p2, pulse2)])
        feeder.tick = .milliseconds(20)
        try feeder.run(simulator, from: .zero, until: .minutes(15))
        _ = simulator.poll(until: .minutes(15) + .milliseconds(100))
        events: do {
            let channel2 = feeder.events.compactMap { e -> ContactState? in
                guard case .telemetry(2, _, _, let contact) = e.kind else { return nil }
                return contact
            }
            #expect(channel2 == [.ok, .poor])
            #expect(feeder.events.count == 3)
        }
        let channel1 = feeder.feeds[0].submitted
        let channel2BeforeLift = Int((TimeSpan.minutes(10).nanoseconds + p2.nanoseconds - 1) / p2.nanoseconds)
        // The last tick, 20 ms before the end, queues 40 ms ahead: 20 ms of pulses past the end.
        #expect(channel1 == 4000 * 900 + 80)
        #expect(simulator.deliveredPulseCount == channel1 + channel2BeforeLift)
    }
}
