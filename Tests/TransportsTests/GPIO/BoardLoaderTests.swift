import Foundation
import StimulationCore
import Testing
@testable import Transports

/// Board files: the bundled ones load, and a board that could leave the stage on, or wire one line to two jobs,
/// is refused at its line with what is allowed.
@Suite struct BoardLoaderTests {
    static let boards = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("boards").path

    static let simBoard = (try? String(contentsOfFile: boards + "/gpio-sim.toml", encoding: .utf8)) ?? ""

    /// The gpio-sim board with one text replaced; fails the test when the text is not there to replace.
    static func errors(replacing old: String, with new: String) -> String {
        #expect(simBoard.contains(old), "the test board no longer has \(old)")
        do {
            _ = try BoardLoader.load(text: simBoard.replacingOccurrences(of: old, with: new), file: "b.toml")
            return ""
        } catch {
            return error.description
        }
    }

    @Test(arguments: ["gpio-sim", "example"])
    func theBundledBoardsLoad(name: String) throws {
        let board = try BoardLoader.load(path: Self.boards + "/\(name).toml")
        #expect(!board.channels.isEmpty)
        #expect(board.lineNames.count == Set(board.lineNames).count)
    }

    @Test func theTestBoardIsWhatTheVirtualMachineSetsUp() throws {
        let board = try BoardLoader.load(path: Self.boards + "/gpio-sim.toml")
        #expect(board.lineNames == ["galvani-enable", "galvani-heartbeat", "ch1-anode", "ch1-cathode", "ch1-dac0", "ch1-dac1",
                                    "ch1-dac2", "ch1-dac3", "ch2-anode", "ch2-cathode", "ch2-dac0", "ch2-dac1", "ch2-dac2", "ch2-dac3"])
        #expect(board.deadTime == .microseconds(10))
        #expect(board.stretchTolerance == .milliseconds(50))
        #expect(board.channels[0].fullScale == .milliamps(40))
    }

    @Test func aLineUsedTwiceIsRefusedNamingBothJobs() {
        let message = Self.errors(replacing: "cathode = \"ch1-cathode\"", with: "cathode = \"ch1-anode\"")
        #expect(message.contains("b.toml:27:1: error: channel 1: `cathode` names line \"ch1-anode\", which is already the "
            + "channel 1 anode leg: one line cannot do two jobs"), "\(message)")
        let dac = Self.errors(replacing: "\"ch2-dac3\"]", with: "\"galvani-enable\"]")
        #expect(dac.contains("channel 2: `dac` item 4 names line \"galvani-enable\", which is already the ENABLE"), "\(dac)")
    }

    @Test func anEnableWithoutAPullThatHoldsItOffIsRefused() {
        let message = Self.errors(replacing: "active = \"high\"\npull = \"down\"\n\n[heartbeat]", with: "active = \"high\"\npull = \"up\"\n\n[heartbeat]")
        #expect(message.contains("[enable]: `pull` is \"up\", which does not hold ENABLE off when the lines are released"), "\(message)")
        #expect(message.contains("an active-high line needs the board's pull resistor to pull down"), "\(message)")
        let none = Self.errors(replacing: "active = \"high\"\npull = \"down\"\n\n[heartbeat]", with: "active = \"high\"\npull = \"none\"\n\n[heartbeat]")
        #expect(none.contains("`pull` is \"none\""), "\(none)")
        let missing = Self.errors(replacing: "active = \"high\"\npull = \"down\"\n\n[heartbeat]", with: "active = \"high\"\n\n[heartbeat]")
        #expect(missing.contains("[enable] is missing required key `pull`"), "\(missing)")
    }

    @Test func bridgeLegsThatCouldBothConductAreRefused() {
        // Legs that float on when released, and no dead time between them: both are a short across the supply.
        let legs = Self.errors(replacing: "active = \"high\"\npull = \"down\"\ndac = [\"ch1", with: "active = \"low\"\npull = \"down\"\ndac = [\"ch1")
        #expect(legs.contains("channel 1: `pull` is \"down\", which does not hold the legs of channel 1's bridge off"), "\(legs)")
        let dead = Self.errors(replacing: "dead_time = \"10 µs\"", with: "dead_time = \"0 s\"")
        #expect(dead.contains("[stage]: `dead_time` is 0 µs; allowed: 0.1 µs to 100 µs (both legs of a bridge must be off "
            + "between phases, or the stage shorts its supply)"), "\(dead)")
    }

    @Test func aMissingLineAndUnknownKeysAreNamedWithTheirPlace() {
        let missing = Self.errors(replacing: "line = \"galvani-heartbeat\"\n", with: "")
        #expect(missing.contains("[heartbeat] is missing required key `line`"), "\(missing)")
        let typo = Self.errors(replacing: "full_scale = \"40 mA\"\n\n[[channel]]", with: "fullscale = \"40 mA\"\n\n[[channel]]")
        #expect(typo.contains("channel 1: `fullscale` is not a known key (did you mean `full_scale`?)"), "\(typo)")
        let fixed = Self.errors(replacing: "full_scale = \"40 mA\"\n\n[[channel]]", with: "full_scale = \"40 mA\"\nfixed = \"20 mA\"\n\n[[channel]]")
        #expect(fixed.contains("`fixed` is not supported yet"), "\(fixed)")
    }

    @Test func limitsOutsideTheirRangeAreRefused() {
        #expect(Self.errors(replacing: "period = \"10 ms\"", with: "period = \"5 s\"").contains("`period` is 5 s; allowed: 1 ms to 1 s"))
        #expect(Self.errors(replacing: "maximum = \"40 mA\"", with: "maximum = \"0 mA\"").contains("`maximum` must be more than 0"))
        let tooLong = Self.errors(replacing: "\"ch1-dac0\"", with: "\"" + String(repeating: "x", count: 32) + "\"")
        #expect(tooLong.contains("a GPIO line name has 1 to 31 bytes"), "\(tooLong)")
        let bits = (0..<17).map { "\"d\($0)\"" }.joined(separator: ", ")
        let wide = Self.errors(replacing: "dac = [\"ch1-dac0\", \"ch1-dac1\", \"ch1-dac2\", \"ch1-dac3\"]", with: "dac = [\(bits)]")
        #expect(wide.contains("`dac` has 17 lines; a current DAC has 1 to 16 code lines"), "\(wide)")
    }

    @Test func aStretchToleranceAndAShortestPhaseThatCannotBeHonouredAreRefused() {
        let long = Self.errors(replacing: "stretch_tolerance = \"50 ms\"", with: "stretch_tolerance = \"1 s\"")
        #expect(long.contains("`stretch_tolerance` is 1 s; allowed: 1 µs to 50 ms"), "\(long)")
        let short = Self.errors(replacing: "shortest_phase = \"100 µs\"", with: "shortest_phase = \"15 µs\"")
        #expect(short.contains("`shortest_phase` is 15 µs, less than twice the 10 µs dead time"), "\(short)")
    }

    @Test func aCodeNeverExceedsTheAmplitudeItStandsFor() throws {
        let channel = try BoardLoader.load(path: Self.boards + "/gpio-sim.toml").channels[0]
        #expect(channel.largestCode == 15)
        #expect(channel.code(for: .milliamps(40)) == 15)
        #expect(channel.code(for: .milliamps(20)) == 7)
        #expect(channel.amplitude(ofCode: 7) == .microamps(18_666))
        #expect(channel.code(for: .milliamps(-20)) == 7)
        #expect(channel.code(for: .milliamps(400)) == 15)
        for microamps in stride(from: Int64(0), through: 40_000, by: 137) {
            #expect(channel.amplitude(ofCode: channel.code(for: .microamps(microamps))) <= .microamps(microamps))
        }
    }
}
