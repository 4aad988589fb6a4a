import Testing
import StimulationCore
@testable import Transports

@Suite struct FaultScriptLoaderTests {
    static let valid = """
        format = 1

        [[fault]]
        at = "30 s"
        channel = 1
        kind = "pad-lift"
        lift = "60 %"

        [[fault]]
        at = "10 s"
        channel = 2
        kind = "impedance-drift"
        to = "150 %"
        over = "20 s"

        [[fault]]
        at = "45 s"
        channel = 1
        kind = "contact-restored"

        [[fault]]
        at = "50 s"
        channel = 2
        kind = "lead-break"

        [[fault]]
        at = "55 s"
        channel = 1
        kind = "short"

        [[fault]]
        at = "1 min"
        kind = "device-fault"
        message = "output stage over temperature"

        [[fault]]
        at = "90 s"
        kind = "disconnect"
        """

    func errors(_ text: String, channels: Int = 2) -> [Diagnostic] {
        do {
            _ = try FaultScriptLoader.load(text: text, file: "faults.toml", channels: channels)
            return []
        } catch {
            return error.diagnostics
        }
    }

    func kindName(_ kind: FaultEvent.Kind) -> String {
        switch kind {
        case .padLift: "pad-lift"
        case .leadBreak: "lead-break"
        case .short: "short"
        case .contactRestored: "contact-restored"
        case .impedanceDrift: "impedance-drift"
        case .deviceFault: "device-fault"
        case .disconnect: "disconnect"
        }
    }

    func line(of needle: String, in text: String) -> Int {
        text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(needle) }! + 1
    }

    /// The valid script with `old` replaced, and the single error that must follow, at the line holding `marker`.
    func expectOneError(replacing old: String, with new: String, at marker: String, saying parts: [String],
                        sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let text = Self.valid.replacingOccurrences(of: old, with: new)
        let found = errors(text)
        #expect(found.count == 1, "\(found)", sourceLocation: sourceLocation)
        guard let first = found.first else { return }
        #expect(first.location.line == line(of: marker, in: text), "\(first)", sourceLocation: sourceLocation)
        #expect(first.description.hasPrefix("faults.toml:\(first.location.line):"), sourceLocation: sourceLocation)
        for part in parts {
            #expect(first.message.contains(part), "\(first.message) lacks \(part)", sourceLocation: sourceLocation)
        }
    }

    @Test func aValidScriptLoadsSortedByTime() throws {
        let script = try FaultScriptLoader.load(text: Self.valid, file: "faults.toml", channels: 2)
        #expect(script.events == [
            FaultEvent(time: .seconds(10), kind: .impedanceDrift(channel: 2, to: .percent(150), over: .seconds(20))),
            FaultEvent(time: .seconds(30), kind: .padLift(channel: 1, lift: .percent(60))),
            FaultEvent(time: .seconds(45), kind: .contactRestored(channel: 1)),
            FaultEvent(time: .seconds(50), kind: .leadBreak(channel: 2)),
            FaultEvent(time: .seconds(55), kind: .short(channel: 1)),
            FaultEvent(time: .seconds(60), kind: .deviceFault(message: "output stage over temperature")),
            FaultEvent(time: .seconds(90), kind: .disconnect),
        ])
    }

    func documentation() throws -> String {
        try String(contentsOfFile: #filePath.replacingOccurrences(of: "Tests/TransportsTests/FaultScriptLoaderTests.swift",
                                                                  with: "docs/fault-script.md"), encoding: .utf8)
    }

    @Test func theDocumentedErrorsAreTheOnesReported() throws {
        let blocks = try documentation().components(separatedBy: "For example, this script").last!
            .components(separatedBy: "```\n")
        // Blocks alternate outside and inside fences: the numbered script, then the errors.
        let script = blocks[1].split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.dropFirst(4) }.joined(separator: "\n")
        let expected = blocks[3].split(separator: "\n").map(String.init)
        #expect(errors(script).map(\.description) == expected)
    }

    @Test func theDocumentedExampleLoads() throws {
        let doc = try documentation()
        let example = try #require(doc.components(separatedBy: "```toml\n").last?.components(separatedBy: "```").first)
        let script = try FaultScriptLoader.load(text: example, file: "example.toml", channels: 2)
        #expect(script.events.count >= 7)
        #expect(Set(script.events.map { kindName($0.kind) }) == Set(FaultEvent.Kind.names), "every kind is shown")
    }

    @Test func anUnknownKeyIsAnErrorWithASuggestion() {
        expectOneError(replacing: "lift = \"60 %\"", with: "lift = \"60 %\"\nlfit = \"10 %\"", at: "lfit",
                       saying: ["fault 1: `lfit` is not a known key", "did you mean `lift`?", "allowed here: at, channel"])
        expectOneError(replacing: "format = 1", with: "format = 1\nchannels = 2", at: "channels =",
                       saying: ["`channels` is not a known key", "allowed here: format, fault"])
    }

    @Test func aWrongTypeIsAnError() {
        expectOneError(replacing: "at = \"30 s\"\nchannel = 1", with: "at = \"30 s\"\nchannel = \"1\"", at: "channel = \"1\"",
                       saying: ["fault 1: `channel` must be an integer, found a string"])
        expectOneError(replacing: "at = \"30 s\"", with: "at = 30", at: "at = 30",
                       saying: ["`at` needs a unit", "\"3 s\""])
        expectOneError(replacing: "lift = \"60 %\"", with: "lift = \"60\"", at: "lift =",
                       saying: ["`lift`", "has no unit", "\"50 %\""])
        expectOneError(replacing: "over = \"20 s\"", with: "over = \"20 sec\"", at: "over =",
                       saying: ["fault 2: `over`", "unit \"sec\"", "allowed: ns, µs"])
    }

    @Test func aMissingFieldIsAnErrorAtItsTable() {
        let text = Self.valid.replacingOccurrences(of: "lift = \"60 %\"\n", with: "")
        let found = errors(text)
        #expect(found.count == 1)
        #expect(found.first?.message == "fault 1 is missing required key `lift`")
        #expect(found.first?.location.line == 3)
        let noTime = Self.valid.replacingOccurrences(of: "at = \"1 min\"\n", with: "")
        #expect(errors(noTime).map(\.message) == ["fault 6 is missing required key `at`"])
        #expect(errors(noTime).first?.location.line == line(of: "at = \"55 s\"", in: noTime) + 4)
        let noMessage = errors(Self.valid.replacingOccurrences(of: "message = \"output stage over temperature\"\n", with: ""))
        #expect(noMessage.map(\.message) == ["fault 6 is missing required key `message`"])
        #expect(errors("format = 1").map(\.message) == ["the file is missing required key `fault`"])
        #expect(errors("[[fault]]\nat = \"1 s\"\nkind = \"disconnect\"").map(\.message)
                == ["the file is missing required key `format`"])
    }

    @Test func aChannelOutOfRangeNamesTheChannelsThereAre() {
        expectOneError(replacing: "channel = 2\nkind = \"lead-break\"", with: "channel = 3\nkind = \"lead-break\"",
                       at: "channel = 3", saying: ["fault 4: `channel` is 3", "2 channels", "allowed: 1 to 2"])
        let text = Self.valid.replacingOccurrences(of: "channel = 2", with: "channel = 0")
        #expect(errors(text).count == 2)
        #expect(errors(Self.valid, channels: 1).allSatisfy { $0.message.contains("the only channel is 1") })
    }

    @Test func anUnknownKindListsTheKinds() {
        expectOneError(replacing: "kind = \"short\"", with: "kind = \"shorted\"", at: "\"shorted\"",
                       saying: ["fault 5: `kind` \"shorted\" is not one of", "\"pad-lift\"", "\"disconnect\""])
    }

    @Test func aKeyOfAnotherKindIsAnError() {
        expectOneError(replacing: "kind = \"lead-break\"", with: "kind = \"lead-break\"\nlift = \"20 %\"", at: "\"20 %\"",
                       saying: ["fault 4: `lift` is not allowed here", "only applies to kind \"pad-lift\""])
        expectOneError(replacing: "kind = \"disconnect\"", with: "kind = \"disconnect\"\nchannel = 1 # stray", at: "# stray",
                       saying: ["fault 7: `channel` is not allowed here", "\"disconnect\" concerns the whole device"])
        expectOneError(replacing: "kind = \"short\"", with: "kind = \"short\"\nmessage = \"sparks\"", at: "sparks",
                       saying: ["`message` is not allowed here", "kind \"device-fault\""])
        expectOneError(replacing: "lift = \"60 %\"", with: "lift = \"60 %\"\nover = \"1 s\"", at: "over = \"1 s\"",
                       saying: ["`over` is not allowed here", "kind \"impedance-drift\""])
    }

    @Test func valuesOutOfRangeSayWhatIsAllowed() {
        expectOneError(replacing: "lift = \"60 %\"", with: "lift = \"120 %\"", at: "120",
                       saying: ["`lift` is 120 %", "more than 0 % and at most 100 %"])
        expectOneError(replacing: "to = \"150 %\"", with: "to = \"0 %\"", at: "to = ",
                       saying: ["`to` is 0 %", "1 % to 1000 %"])
        expectOneError(replacing: "at = \"30 s\"", with: "at = \"-1 s\"", at: "-1 s",
                       saying: ["`at` is -1 s", "0 s or later"])
        expectOneError(replacing: "over = \"20 s\"", with: "over = \"-2 s\"", at: "-2 s", saying: ["0 s (a step) or longer"])
        expectOneError(replacing: "format = 1", with: "format = 2", at: "format",
                       saying: ["`format` is 2", "format 1"])
        expectOneError(replacing: "message = \"output stage over temperature\"", with: "message = \"  \"", at: "message",
                       saying: ["`message` must not be empty"])
    }

    @Test func everyErrorIsReportedInLineOrder() {
        let text = Self.valid
            .replacingOccurrences(of: "kind = \"short\"", with: "kind = \"shorted\"")
            .replacingOccurrences(of: "lift = \"60 %\"", with: "lift = \"160 %\"")
            .replacingOccurrences(of: "over = \"20 s\"", with: "ovr = \"20 s\"")
        let found = errors(text)
        #expect(found.count == 4, "\(found)")
        #expect(found.map(\.location.line) == found.map(\.location.line).sorted())
    }

    @Test func badBytesAreErrorsAtTheirLine() {
        let nul = errors("format = 1\n\0")
        #expect(nul.map(\.message) == ["the file contains a NUL byte; a fault script is UTF-8 text"])
        #expect(nul.first?.location.line == 2)
        let header = errors("format = 1\n[\\x]\n")
        #expect(header.first?.message.contains("as in [[fault]]") == true)
        #expect(header.first?.location.line == 2)
        let syntax = errors("format = 1\n[[fault]]\nat = \"1 s\n")
        #expect(syntax.first?.message.hasPrefix("not valid TOML") == true)
        #expect(syntax.first?.location.line == 3)
        var bytes = Array("format = 1\n".utf8)
        bytes.append(0xFF)
        let invalid = try? FaultScriptLoader.load(bytes: bytes, file: "faults.toml", channels: 2)
        #expect(invalid == nil)
    }

    /// Whatever the bytes, the loader answers with a script or located errors, never a crash.
    @Test func randomBytesNeverCrash() {
        var random = SplitMix64(seed: 0x6761_6C76_616E_69)
        let alphabet = Array("[]{}=\"'#.,\n \t\\abcfklmnorstu0123456789%-_".utf8) + [0x00, 0xC3, 0xA9, 0xFF, 0x80]
        for round in 0..<1500 {
            let length = Int(random.next() % 300)
            let bytes: [UInt8] = (0..<length).map { _ in
                round % 2 == 0 ? UInt8(truncatingIfNeeded: random.next()) : alphabet[Int(random.next() % UInt64(alphabet.count))]
            }
            checkNoCrash(bytes)
        }
        let original = Array(Self.valid.utf8)
        for _ in 0..<1500 {
            var bytes = original
            for _ in 0..<(1 + random.next() % 4) {
                let at = Int(random.next() % UInt64(bytes.count))
                let byte = alphabet[Int(random.next() % UInt64(alphabet.count))]
                switch random.next() % 3 {
                case 0: bytes[at] = byte
                case 1: bytes.remove(at: at)
                default: bytes.insert(byte, at: at)
                }
            }
            checkNoCrash(bytes)
        }
    }

    func checkNoCrash(_ bytes: [UInt8]) {
        do {
            let script = try FaultScriptLoader.load(bytes: bytes, file: "random.toml", channels: 2)
            #expect(script.events.allSatisfy { ($0.kind.channel ?? 1) <= 2 })
        } catch {
            #expect(!error.diagnostics.isEmpty)
            #expect(error.diagnostics.allSatisfy { $0.location.line >= 1 && $0.location.column >= 1 })
        }
    }
}
