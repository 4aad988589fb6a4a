import Foundation
import PropertyBased
import StimulationCore
@testable import StimulationEngine
import Testing
import Transports
@testable import ConsoleUI
@testable import HomeUnit

/// The patient's console: keys through the real key map into a real engine on a manual clock, limits from a
/// real prescription's home policy.
@Suite struct HomeConsoleTests {
    static func load(_ id: String) throws -> TherapyProtocol {
        try ProtocolLoader.load(path: ConsoleViewTests.protocols + "/\(id).toml").therapyProtocol
    }

    /// A home session as `galvani home` builds one: per-channel maxima and starts, and the home policy.
    struct Session {
        let host: SessionHost
        var model: ConsoleModel

        init(_ therapyProtocol: TherapyProtocol, maxima: [Int: Current], starts: [Int: Current]) throws {
            let allowed = Prescription.Allowed(id: therapyProtocol.id, sha256: "", channels: maxima.keys.sorted().map {
                Prescription.Channel(number: $0, start: starts[$0]!, maximum: maxima[$0]!)
            })
            let device = PeakWatchingTransport(SimulatorTransport(channels: therapyProtocol.channels, maximumAmplitude: .milliamps(200),
                                                              faults: FaultScript([])))
            host = SessionHost(engine: Engine(therapyProtocol: therapyProtocol, transport: device, prescription: HomePolicy.maxima(allowed),
                                              policy: try HomePolicy.make(allowed, for: therapyProtocol),
                                              targets: HomePolicy.starts(allowed)), pacing: .stepped)
            host.begin(screening: Contraindication.noneApply, start: false)
            host.start()
            model = ConsoleModel(therapyProtocol: therapyProtocol, snapshot: host.snapshot!,
                                 history: AmplitudeHistory(channels: therapyProtocol.channels))
            model.home = HomeConsole(clinician: "Dr A", contact: "01234", screening: "screened", prescribed: [:],
                                     mayStart: { nil }, started: { nil })
        }

        /// The most each channel was ever sent, as the device saw it.
        var highest: [Int: Current] { host.inspect { ($0.transport as! PeakWatchingTransport).highest } }

        /// One key as the console handles it; false once the patient has left.
        mutating func press(_ key: Key) -> Bool {
            model.snapshot = host.snapshot!
            for action in KeyMap.action(for: key, model) {
                switch action {
                case .command(let command): host.send(command)
                case .select(let channel): model.selectedChannel = channel
                case .show(let overlay): model.overlay = overlay
                case .quit:
                    host.shutDown()
                    return false
                case .toggleAttendance:
                    Issue.record("the therapist's presence key reached a home session")
                case .none: break
                }
            }
            return true
        }

        mutating func run(for span: TimeSpan) {
            let end = host.now + span
            while host.now < end, host.phase == .live { host.advance(by: EngineTiming.tick) }
            model.snapshot = host.snapshot!
        }
    }

    static let keys: [Key] = [.up, .up, .up, .pageUp, .down, .pageDown, .tab, .backTab, .character("1"), .character("2"),
                              .character("+"), .character("-"), .character("s"), .enter, .character("p"), .character("a"),
                              .character(" "), .escape, .character("n"), .character("t"), .character("?"), .character("q"),
                              .character("y")]

    /// A thousand random key sequences, held keys included: no channel is ever sent more than the prescription's
    /// maximum for it, nor holds a target above it.
    @Test func noKeySequenceCommandsAboveThePrescription() async throws {
        let protocols = try ["tens-conventional", "ems-strengthening", "microcurrent-pain-recovery", "electroacupuncture-dense-disperse"]
            .map(Self.load)
        let fractions = Gen.int(in: 1...100).array(of: 2)
        let presses = Gen.int(in: 0..<Self.keys.count).array(of: 1...60)
        let pauses = Gen.int(in: 1...40).array(of: 8)
        await propertyCheck(count: 1_000, input: Gen.int(in: 0..<protocols.count), fractions, presses, pauses) { index, fractions, presses, pauses in
            let therapyProtocol = protocols[index]
            let top = therapyProtocol.programmes.map(\.amplitude.maximum).min()!
            var maxima: [Int: Current] = [:], starts: [Int: Current] = [:]
            for channel in 1...therapyProtocol.channels {
                maxima[channel] = .microamps(max(1, top.microamps * Int64(fractions[(channel - 1) % 2]) / 100))
                starts[channel] = .microamps(maxima[channel]!.microamps / 2)
            }
            var session = try! Session(therapyProtocol, maxima: maxima, starts: starts)
            for (i, press) in presses.enumerated() {
                guard session.press(Self.keys[press]) else { break }
                session.run(for: .milliseconds(Int64(pauses[i % pauses.count]) * 25))
            }
            for (channel, maximum) in maxima {
                #expect((session.highest[channel] ?? .zero) <= maximum,
                        "\(therapyProtocol.id) channel \(channel): sent \(session.highest[channel] ?? .zero), prescribed \(maximum)")
                #expect(session.host.snapshot!.channels[channel - 1].target <= maximum)
            }
        }
    }

    @Test func holdingUpStopsAtThePrescribedMaximumAndSaysSo() throws {
        var session = try Session(try Self.load("tens-conventional"), maxima: [1: .milliamps(12), 2: .milliamps(15)],
                                  starts: [1: .milliamps(10), 2: .milliamps(8)])
        _ = session.press(.character("s"))
        for _ in 0..<200 {
            _ = session.press(.up)
            session.run(for: .milliseconds(30))
        }
        session.run(for: .seconds(10))
        #expect(session.model.snapshot.channels[0].commanded == .milliamps(12))
        #expect(session.model.snapshot.channels[1].commanded == .milliamps(8), "only the selected channel rises")
        let screen = HomeView.render(session.model, session.model.home!, width: 100, height: 30).lines.joined(separator: "\n")
        #expect(screen.contains("Channel 1  strength 12.0 mA   up to 12.0 mA"), "\(screen)")
        #expect(screen.contains("This is the highest your clinician allows"), "\(screen)")
        #expect(screen.contains("channel 1: 12 mA is the highest your clinician allows"), "\(screen)")
        #expect(screen.components(separatedBy: "This is the highest").count == 2, "channel 2 is below its top: \(screen)")
    }

    @Test func thePatientsScreenSpellsOutTheKeysAndTheTimeLeft() throws {
        var session = try Session(try Self.load("tens-conventional"), maxima: [1: .milliamps(12), 2: .milliamps(15)],
                                  starts: [1: .milliamps(10), 2: .milliamps(8)])
        _ = session.press(.enter)
        session.run(for: .seconds(65))
        for (width, height) in [(80, 24), (120, 40)] {
            let screen = HomeView.render(session.model, session.model.home!, width: width, height: height).lines.joined(separator: "\n")
            #expect(screen.contains("Space  STOP now"))
            #expect(screen.contains("q  End the session"), "\(screen)")
            #expect(screen.contains("left of your session"))
            #expect(screen.contains("Questions about your treatment: Dr A, 01234"))
            // 18:55 left of 20:00, in the big digits: the top row of "1" and "8".
            #expect(screen.contains(BigClock.lines("18:55")[0]), "\(screen)")
        }
    }

    @Test func theClinicsSkipAndPresenceKeysDoNothingAtHome() throws {
        var session = try Session(try Self.load("tens-conventional"), maxima: [1: .milliamps(12), 2: .milliamps(15)],
                                  starts: [1: .milliamps(10), 2: .milliamps(8)])
        for key: Key in [.character("n"), .character("t"), .character("?"), .function(1)] {
            #expect(KeyMap.action(for: key, session.model) == [.none])
        }
        _ = session.press(.character("s"))
        #expect(KeyMap.action(for: .character(" "), session.model) == [.command(.stopAll)])
    }
}
