import Foundation
import PropertyBased
import StimulationCore
import Testing
import Transports
@testable import StimulationEngine

@Suite struct GovernorTests {
    static let capabilities = DeviceCapabilities(deviceID: "t", channels: 2, maximumAmplitude: .milliamps(30),
                                                 shapes: Set(PulseShape.names), lookahead: .milliseconds(50))

    func governor(_ id: String = "tens-conventional", prescription: [Int: Current] = [:]) throws -> SafetyGovernor {
        SafetyGovernor(therapyProtocol: try EngineHarness.bundled(id), capabilities: Self.capabilities, prescription: prescription)
    }

    func run(peak: Current, channel: Int = 1, shape: PulseShape = .symmetricBiphasic, width: TimeSpan = .microseconds(200),
             period: TimeSpan = .milliseconds(10), start: TimeSpan = .seconds(100)) -> PulseRun {
        PulseRun(channel: channel, start: start, period: period, count: 5,
                 pulse: shape.pulse(amplitude: peak, width: width, period: period), alternates: shape.alternates)
    }

    @Test func theLowestCeilingWinsAndIsNamed() throws {
        #expect(try governor().ceiling(programme: 0, channel: 1) == AmplitudeCeiling(amplitude: .milliamps(30), source: "device maximum"))
        #expect(try governor(prescription: [1: .milliamps(12)]).ceiling(programme: 0, channel: 1).source == "prescription")
        let protocolMax = try EngineHarness.bundled("tens-conventional").programmes[0].amplitude.maximum
        let roomy = SafetyGovernor(therapyProtocol: try EngineHarness.bundled("tens-conventional"),
                                   capabilities: DeviceCapabilities(deviceID: "t", channels: 2, maximumAmplitude: .milliamps(200),
                                                                    shapes: [], lookahead: .milliseconds(50)))
        #expect(roomy.ceiling(programme: 0, channel: 1) == AmplitudeCeiling(amplitude: protocolMax, source: "protocol maximum"))
    }

    @Test func eachRuleRefusesWhatBreaksIt() throws {
        let g = try governor()
        let steady = AmplitudeEnvelope.constant(.milliamps(30))
        #expect((try? g.admit(run(peak: .milliamps(30)), programme: 0, envelope: steady).get()) != nil)
        // Ceiling.
        #expect(throws: GovernorRefusal.self) { try g.admit(run(peak: .microamps(30_001)), programme: 0, envelope: .constant(.milliamps(40))).get() }
        // Above the operator's amplitude.
        #expect(throws: GovernorRefusal.self) { try g.admit(run(peak: .milliamps(20)), programme: 0, envelope: .constant(.milliamps(10))).get() }
        // Ramp faster than the soft-start limit: 0 → 20 mA in 1 s is 20 mA/s.
        let fast = AmplitudeEnvelope.ramp(from: .zero, to: .milliamps(20), start: .seconds(100), end: .seconds(101), step: .zero)
        #expect(throws: GovernorRefusal.self) { try g.admit(run(peak: .zero), programme: 0, envelope: fast).get() }
        // A ramp at the soft-start rate whose stairs are too tall: 0 → 20 mA in 10 s, but held for 5 s and then 10 mA at once.
        let slow = AmplitudeEnvelope.ramp(from: .zero, to: .milliamps(20), start: .seconds(100), end: .seconds(110), step: .zero)
        #expect((try? g.admit(run(peak: .zero), programme: 0, envelope: slow).get()) != nil)
        var stairs = slow
        stairs.step = .milliseconds(50)
        #expect((try? g.admit(run(peak: .zero), programme: 0, envelope: stairs).get()) != nil)
        stairs.step = .milliseconds(51)
        #expect(throws: GovernorRefusal.self) { try g.admit(run(peak: .zero), programme: 0, envelope: stairs).get() }
        // Direct current.
        #expect(throws: GovernorRefusal.self) {
            try g.admit(run(peak: .milliamps(10), shape: .monophasic(polarity: .positive)), programme: 0, envelope: steady).get()
        }
        // A pulse longer than its period, and a period faster than the programme allows.
        #expect(throws: GovernorRefusal.self) { try g.admit(run(peak: .milliamps(10), width: .milliseconds(6)), programme: 0, envelope: steady).get() }
        #expect(throws: GovernorRefusal.self) { try g.admit(run(peak: .milliamps(10), period: .milliseconds(1)), programme: 0, envelope: steady).get() }
        // Charge per phase.
        #expect(throws: GovernorRefusal.self) {
            try g.admit(run(peak: .milliamps(30), width: .microseconds(2600), period: .milliseconds(10)), programme: 0, envelope: steady).get()
        }
        // A channel the protocol does not have.
        #expect(throws: GovernorRefusal.self) { try g.admit(run(peak: .milliamps(1), channel: 3), programme: 0, envelope: steady).get() }
    }

    @Test func theFigureCeilingStopsWhereTheFirstFigureWouldFail() throws {
        let needle = try EngineHarness.bundled("electroacupuncture-dense-disperse")
        let plan = ChannelPlan(programme: needle.programmes[0], channel: 1)
        let policy = SafetyPolicy.clinic
        let ceiling = policy.figureCeiling(plan: plan, upTo: .milliamps(10))
        let at = SafetyFigures(plan: plan, amplitude: ceiling, testLoad: policy.testLoad)
        let above = SafetyFigures(plan: plan, amplitude: ceiling + .microamps(1), testLoad: policy.testLoad)
        #expect(!policy.findings(at).contains { $0.severity == .violation })
        #expect(policy.findings(above).contains { $0.limit == .shannonK })
    }

    enum Step: CaseIterable, Sendable {
        case start, pause, resume, stopAll, acknowledge, up1, up2, down1, set1High, set2High, set1Low, skip,
             lift1, restore1, wait
    }

    /// Ten thousand random command sequences: whatever the operator does, every run that reaches the
    /// transport is within ceilings this test computes itself from the published figures, rises no faster
    /// than the published soft-start rate from the last full stop, carries no direct current, keeps charge
    /// per phase and Shannon k within their published caps; and nothing is sent while output is meant to be off.
    @Test func nothingUnsafeGetsPastTheGovernor() async throws {
        let protocols = try ["tens-conventional", "microcurrent-pain-recovery", "ems-strengthening", "high-volt-pulsed-wound",
                             "electroacupuncture-dense-disperse", "tens-modulated"].map(EngineHarness.bundled)
        let steps = Gen.element(of: Step.allCases).array(of: 3...16)
        let pauses = Gen.int(in: 1...60).array(of: 16)
        await propertyCheck(count: 10_000, input: Gen.element(of: protocols.indices), steps, pauses) { index, steps, pauses in
            let therapyProtocol = protocols[index!]
            let transport = RecordingTransport()
            transport.capabilities.maximumAmplitude = .milliamps(200)
            // A home unit's prescription on every other protocol: a different maximum per channel.
            let prescription: [Int: Current] = index! % 2 == 0 ? [1: .milliamps(18), 2: .milliamps(7)] : [:]
            var h = EngineHarness(therapyProtocol, transport: transport, prescription: prescription)
            h.send(.beginScreening)
            h.send(.recordScreening(answers: EngineHarness.clearScreening, overrideReason: nil))
            for (i, step) in steps.enumerated() {
                switch step! {
                case .start: h.send(.start)
                case .pause: h.send(.pause)
                case .resume: h.send(.resume)
                case .stopAll: h.send(.stopAll)
                case .acknowledge: h.send(.acknowledge)
                case .up1: h.send(.amplitudeUp(channel: 1))
                case .up2: h.send(.amplitudeUp(channel: min(2, therapyProtocol.channels)))
                case .down1: h.send(.amplitudeDown(channel: 1))
                case .set1High: h.send(.setAmplitude(channel: 1, .milliamps(250)))
                case .set2High: h.send(.setAmplitude(channel: min(2, therapyProtocol.channels), .milliamps(60)))
                case .set1Low: h.send(.setAmplitude(channel: 1, .microamps(300)))
                case .skip: h.send(.skipProgramme)
                case .lift1: h.transport.scripted.append(FaultTests.telemetry(h.now + .milliseconds(1), channel: 1, contact: .poor))
                case .restore1: h.transport.scripted.append(FaultTests.telemetry(h.now + .milliseconds(1), channel: 1, contact: .ok))
                case .wait: break
                }
                h.run(for: .milliseconds(Int64(pauses[i % pauses.count]) * 10), step: .milliseconds(20))
            }
            verify(h, therapyProtocol, deviceMaximum: .milliamps(200), prescription: prescription)
        }
    }

    /// DOMAIN's modality ceilings, written out here rather than read from the policy under test.
    static func publishedCeiling(_ programme: Programme) -> Current {
        switch programme.modality {
        case .microcurrent: .microamps(1000)
        case .electroacupuncture: programme.electrode.kind == .needle ? .milliamps(10) : .milliamps(15)
        case .highVoltPulsed: .milliamps(300)
        case .ems, .russian: .milliamps(100)
        default: .milliamps(80)
        }
    }

    /// The published soft-start rates, µA per second.
    static func publishedRampRate(_ modality: Modality) -> Int64 {
        switch modality {
        case .microcurrent: 100
        case .electroacupuncture: 1_000
        case .highVoltPulsed: 10_000
        default: 2_000
        }
    }

    func verify(_ h: EngineHarness, _ therapyProtocol: TherapyProtocol, deviceMaximum: Current, prescription: [Int: Current]) {
        let programmes = therapyProtocol.programmes
        var ceiling = programmes.map { min(Self.publishedCeiling($0), $0.amplitude.maximum) }.max()!
        ceiling = min(ceiling, deviceMaximum)
        let fastestRamp = programmes.map { Self.publishedRampRate($0.modality) }.max()!
        let allMicrocurrent = programmes.allSatisfy { $0.modality == .microcurrent }
        let chargeCap = allMicrocurrent ? 1000.0 : 75.0          // µC per phase (DOMAIN; 75 µC unverified)
        let needleArea = programmes.first { $0.electrode.kind == .needle }?.electrode.area.squareCentimetres
        var lastStop = TimeSpan.zero
        for operation in h.transport.log {
            guard case .submit(let run) = operation else {
                if case .stopAll(let time) = operation { lastStop = time }
                continue
            }
            #expect(run.pulse.peak <= min(ceiling, prescription[run.channel] ?? ceiling), "channel \(run.channel)")
            let phases = run.pulse.phases.map { Double($0.amplitude.microamps) * Double($0.duration.nanoseconds) / 1e9 }
            let net = phases.reduce(0, +)
            #expect(run.alternates || abs(net) <= 0.001, "net charge \(net) µC per pulse")
            let charge = phases.map(abs).max() ?? 0
            #expect(charge <= chargeCap, "charge per phase \(charge) µC")
            if let area = needleArea, charge > 0 {
                // Shannon: log D = k − log Q, D in µC/cm²; the design cap is k = 1.5.
                #expect(log10(charge / area) + log10(charge) <= 1.5 + 1e-9, "Shannon k at \(charge) µC")
            }
            let sinceStop = (run.start + run.period * Int64(run.count - 1) - lastStop).nanoseconds
            #expect(run.pulse.peak.microamps <= fastestRamp * sinceStop / 1_000_000_000 + 1,
                    "\(run.pulse.peak) only \(TimeSpan(nanoseconds: sinceStop)) after output stopped")
        }
        // A session that is not running sent nothing after its last full stop.
        if h.state != .running, case .submit = h.transport.log.last {
            Issue.record("runs were sent after output was stopped in state \(h.state)")
        }
    }
}
