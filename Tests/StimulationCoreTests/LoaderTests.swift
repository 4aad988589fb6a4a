import Foundation
import Testing
@testable import StimulationCore

@Suite struct LoaderTests {
    func errors(_ text: String) -> [Diagnostic] {
        do {
            _ = try ProtocolLoader.load(text: text, file: "test.toml")
            return []
        } catch {
            return error.diagnostics
        }
    }

    func line(of needle: String, in text: String) -> Int {
        text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(needle) }! + 1
    }

    @Test func theFixtureIsValid() throws {
        let loaded = try ProtocolLoader.load(text: Fixtures.protocolText(), file: "test.toml")
        #expect(loaded.therapyProtocol.programmes[0].frequency == .hertz(100))
        #expect(loaded.therapyProtocol.programmes[0].amplitude.maximum == .milliamps(40))
    }

    @Test func aMisspeltKeyIsAnErrorAtItsLineWithASuggestion() {
        let text = Fixtures.protocolText(programme: "ramp_upp = \"1 s\"")
        let found = errors(text)
        #expect(found.count == 1)
        #expect(found[0].location.line == line(of: "ramp_upp", in: text))
        #expect(found[0].description.hasPrefix("test.toml:\(line(of: "ramp_upp", in: text)):1: error:"))
        #expect(found[0].message.contains("not a known key"))
    }

    @Test func aTypoInAValueNamesTheFieldAndWhatIsAllowed() {
        let text = Fixtures.protocolText().replacingOccurrences(of: "\"100 Hz\"", with: "\"100 hz\"")
        let found = errors(text)
        #expect(found.count == 1)
        #expect(found[0].location.line == line(of: "frequency = ", in: text))
        #expect(found[0].message.contains("`frequency`"))
        #expect(found[0].message.contains("Hz, kHz"))
    }

    @Test func aNumberWithoutAUnitIsAnError() {
        let text = Fixtures.protocolText().replacingOccurrences(of: "\"100 Hz\"", with: "100")
        #expect(errors(text).first?.message.contains("needs a unit") == true)
    }

    @Test func aWrongTypeIsAnError() {
        let text = Fixtures.protocolText().replacingOccurrences(of: "channels = 2", with: "channels = \"two\"")
        let found = errors(text)
        #expect(found.first?.message.contains("must be an integer, found a string") == true)
        #expect(found.first?.location.line == line(of: "channels = ", in: text))
    }

    @Test func aMissingRequiredFieldIsAnError() {
        let text = Fixtures.protocolText().replacingOccurrences(of: "duration = \"20 min\"\n", with: "")
        #expect(errors(text).contains { $0.message.contains("missing required key `duration`") })
    }

    @Test func aDuplicateKeyIsAnErrorAtItsLine() {
        let text = Fixtures.protocolText(programme: "frequency = \"90 Hz\"")
        let found = errors(text)
        #expect(found.count == 1)
        #expect(found[0].location.line == line(of: "\"90 Hz\"", in: text))
    }

    @Test func valuesInsideAnInlineTableAreLocatedToo() {
        let text = Fixtures.protocolText().replacingOccurrences(of: "max = \"40 mA\"", with: "max = \"81 mA\"")
        let found = errors(text)
        #expect(found.count == 1)
        #expect(found[0].location.line == line(of: "max = \"81 mA\"", in: text))
        #expect(found[0].location.column > 1)
        #expect(found[0].message.contains("80 mA"))
    }

    @Test func everyErrorInAFileIsReportedNotJustTheFirst() {
        let text = Fixtures.protocolText(programme: "colour = \"blue\"")
            .replacingOccurrences(of: "\"200 µs\"", with: "\"2 µs\"")
            .replacingOccurrences(of: "\"pregnancy\"", with: "\"pregnant\"")
        let found = errors(text)
        #expect(found.count == 3)
        #expect(found.map(\.location.line) == found.map(\.location.line).sorted())
    }

    @Test func impossibleTimingIsAnError() {
        // 250 µs bursts cannot hold a 10 ms pulse period.
        let text = Fixtures.protocolText(programme: "burst = { rate = \"2 Hz\", length = \"600 ms\" }")
        #expect(errors(text).contains { $0.message.contains("shorter than its cycle") })
        let ramps = Fixtures.protocolText(programme: "duty = { on = \"2 s\", off = \"5 s\", ramp_up = \"2 s\", ramp_down = \"1 s\" }")
        #expect(errors(ramps).contains { $0.message.contains("inside the on time") })
        let phases = Fixtures.protocolText().replacingOccurrences(of: "modality = \"tens-conventional\"", with: "modality = \"tens-modulated\"")
            .replacingOccurrences(of: "\"100 Hz\"", with: "\"2 Hz\"") + "\n[[programme.sweep]]\nparameter = \"frequency\"\nprofile = \"triangle\"\nfrom = \"2 Hz\"\nto = \"200 Hz\"\ncycle = \"12 s\"\n[[programme.sweep]]\nparameter = \"width\"\nprofile = \"triangle\"\nfrom = \"100 µs\"\nto = \"500 µs\"\ncycle = \"12 s\"\n"
        #expect(errors(phases).isEmpty)
    }

    @Test func aKeyFromAnotherShapeIsRejected() {
        let text = Fixtures.protocolText(programme: "gap = \"50 µs\"")
        #expect(errors(text).first?.message.contains("only applies to shape \"biphasic-gap\"") == true)
    }

    @Test func fixedPolarityMonophasicIsRejectedForDirectCurrent() {
        let text = Fixtures.protocolText().replacingOccurrences(of: "\"symmetric-biphasic\"", with: "\"monophasic\"\npolarity = \"positive\"")
        #expect(errors(text).contains { $0.message.contains("net charge") && $0.message.contains("limit: net DC") })
    }

    @Test func aChannelOverrideASweepWouldOverruleIsAnError() {
        let text = Fixtures.protocolText(programme: "[[programme.sweep]]\nparameter = \"frequency\"\nprofile = \"square\"\nfrom = \"80 Hz\"\nto = \"120 Hz\"\ncycle = \"2 s\"\n[programme.channel.2]\nfrequency = \"90 Hz\"")
        #expect(errors(text).first?.message.contains("cannot be set per channel") == true)
    }

    @Test func greekMuAndMicroSignAreBothMicro() throws {
        #expect(try Quantity.parse("20 μA", as: .current).get() == 20)
        #expect(try Quantity.parse("20 µA", as: .current).get() == 20)
    }

    @Test func aChannelOverrideMustNameARealChannel() {
        let text = Fixtures.protocolText(programme: "[programme.channel.3]\nfrequency = \"90 Hz\"")
        #expect(errors(text).first?.message.contains("names no channel") == true)
    }

    @Test func theFileNameAndLineAppearInTheMessage() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("galvani-loader-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("bad.toml")
        try Fixtures.protocolText(programme: "bogus = 1").write(to: file, atomically: true, encoding: .utf8)
        #expect(throws: ProtocolLoadError.self) { try ProtocolLoader.load(path: file.path) }
        do { _ = try ProtocolLoader.load(path: file.path) } catch {
            #expect(error.description.hasPrefix(file.path + ":"))
        }
    }

    @Test func brokenBytesGetAClearErrorAndNoCrash() {
        var bytes = Array(Fixtures.protocolText().utf8)
        bytes.insert(0xFF, at: 20)
        #expect(throws: ProtocolLoadError.self) { try ProtocolLoader.load(bytes: bytes, file: "x") }
        var withNul = Array(Fixtures.protocolText().utf8)
        withNul.insert(0, at: 40)
        do { _ = try ProtocolLoader.load(bytes: withNul, file: "x") } catch {
            #expect(error.diagnostics[0].message.contains("NUL"))
        }
    }

    /// toml++ asserts on a header that cannot start a key; the loader must report it instead.
    @Test(arguments: ["[\\x]\n", "a = 1\n[[\\", "[ +x]", "[\n,1i=x", "[[[a]]]"])
    func aHeaderThatCannotStartAKeyIsAnErrorNotACrash(text: String) {
        let found = errors(text)
        #expect(found.count == 1)
        #expect(found.first?.message.contains("table header must start with a key") == true)
    }

    /// More input toml++ asserts on: values that are no TOML value, and a byte-order mark before a bad header.
    @Test(arguments: ["a = [}", "a = [1, }", "a = 1979-05-27 1", "a = 1979-05-27true", "\u{FEFF}[[{"])
    func aValueTomlPlusPlusWouldAssertOnIsAnErrorNotACrash(text: String) {
        #expect(errors(text).count == 1)
    }

    @Test func validBracketsInsideValuesAreNotMistakenForHeaders() {
        let text = Fixtures.protocolText(top: "# [\\ in a comment is fine\n") + "\n"
        #expect(errors(text).isEmpty)
    }

    @Test func everyBundledProtocolLoadsWithinItsLimits() throws {
        let library = ProtocolLibrary(directories: [Fixtures.protocolsDirectory])
        let entries = library.loadAll()
        #expect(entries.count >= 12)
        var modalities = Set<Modality>()
        var ids = Set<String>()
        for entry in entries {
            let loaded = try entry.result.get()
            let p = loaded.therapyProtocol
            #expect(ids.insert(p.id).inserted, "duplicate id \(p.id)")
            #expect(URL(fileURLWithPath: entry.path).deletingPathExtension().lastPathComponent == p.id)
            for programme in p.programmes {
                modalities.insert(programme.modality)
                for channel in 1...p.channels {
                    let figures = SafetyFigures(plan: ChannelPlan(programme: programme, channel: channel),
                                                amplitude: programme.amplitude.maximum)
                    #expect(!figures.findings.contains { $0.severity == .violation }, "\(p.id): \(figures.findings)")
                }
            }
        }
        #expect(modalities == Set(Modality.allCases))
    }
}
