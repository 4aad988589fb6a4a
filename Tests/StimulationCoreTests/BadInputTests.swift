import Foundation
import Testing
@testable import StimulationCore

/// Input that once crashed, hung or fooled the loader: each is now a located error naming what is allowed.
@Suite struct BadInputTests {
    func errors(_ text: String) -> [Diagnostic] { errors(Array(text.utf8)) }

    func errors(_ bytes: [UInt8]) -> [Diagnostic] {
        do {
            _ = try ProtocolLoader.load(bytes: bytes, file: "bad.toml")
            return []
        } catch {
            return error.diagnostics
        }
    }

    func message(_ text: String) -> String { errors(text).map(\.description).joined(separator: "\n") }

    @Test(arguments: [("\u{7}", "U+0007"), ("\u{1B}[2J", "U+001B"), ("\u{7F}", "U+007F"), ("\u{85}", "U+0085"),
                      ("\r", "U+000D")])
    func controlCharactersInTheTextAreRefused(character: String, named: String) {
        let text = Fixtures.protocolText().replacingOccurrences(of: "title = \"Test\"", with: "title = \"Te\(character)st\"")
        let found = errors(text)
        #expect(found.count == 1)
        #expect(found.first?.message.contains(named) == true, "\(found)")
        #expect(found.first?.location == SourceLocation(line: 3, column: 12))
    }

    @Test(arguments: ["\\u0000", "\\u001b", "\\U0000001B", "\\b", "\\f", "\\u009b", "\\u007F"])
    func escapesThatWriteControlCharactersAreRefused(escape: String) {
        // "40 mA\u0000 (really 400 mA)" once loaded as 40 mA: the text after the NUL vanished.
        let text = Fixtures.protocolText().replacingOccurrences(of: "placement = \"Anywhere\"",
                                                                with: "placement = \"Anywhere\(escape) else\"")
        let found = errors(text)
        #expect(found.count == 1)
        #expect(found.first?.message.contains("control character") == true, "\(found)")
        #expect(found.first?.location.line == 5)
    }

    @Test func printableEscapesStillLoad() throws {
        let text = Fixtures.protocolText().replacingOccurrences(of: "placement = \"Anywhere\"",
                                                                with: "placement = \"Any\\u00e9where\\tand\\\\there\"")
        #expect(try ProtocolLoader.load(text: text, file: "ok.toml").therapyProtocol.placement == "Anyéwhere\tand\\there")
    }

    @Test func aByteOrderMarkInsideTheTextIsRefused() {
        // Two byte-order marks, then `[{`: an assertion inside toml++ once aborted the debug build.
        let found = errors([0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, UInt8(ascii: "["), UInt8(ascii: "{")])
        #expect(found.count == 1)
        #expect(found.first?.message.contains("byte-order mark") == true)
    }

    @Test func deepNestingIsRefusedBeforeTheTOMLLibraryRecursesIntoIt() {
        let dotted = "a" + String(repeating: ".a", count: 20_000) + " = 1\n"
        #expect(message(String(dotted.prefix(4000)) + " = 1\n").contains("nests deeper than 32 levels"))
        let header = "[" + String(repeating: "a.", count: 1_500) + "a]\n"
        #expect(message(header).contains("nests deeper than 32 levels"))
        let arrays = "a = " + String(repeating: "[", count: 2_000) + String(repeating: "]", count: 2_000) + "\n"
        #expect(message(arrays).contains("nest deeper than 32 levels"))
        let tables = "a = " + String(repeating: "{b = ", count: 500) + "1" + String(repeating: "}", count: 500) + "\n"
        #expect(message(tables).contains("nest deeper than 32 levels"))
    }

    @Test func aLongLineIsRefusedWithTheLimit() {
        let line = "contraindications = [" + String(repeating: "\"pregnancy\", ", count: 400) + "]\n"
        let found = errors(line)
        #expect(found.first?.message.contains("longer than 4096 bytes") == true)
        #expect(found.first?.location == SourceLocation(line: 1, column: 1))
    }

    @Test func loadingIsLinearInTheFileSize() {
        // A megabyte of short array lines: every element located without rescanning its line.
        var text = Fixtures.protocolText() + "\n[extra]\n"
        for i in 0..<12_000 { text += "k\(i) = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]\n" }
        #expect(text.utf8.count < ProtocolLoader.largestFile)
        #expect(message(text).contains("extra"))
    }

    @Test(arguments: ["gap = \"9223372036 s\"", "gap = \"25 h\""])
    func hugeDurationsAreRefusedNotOverflowed(line: String) {
        let text = Fixtures.protocolText(programme: line).replacingOccurrences(of: "\"symmetric-biphasic\"", with: "\"biphasic-gap\"")
        #expect(message(text).contains("is too large; a time in a file is at most 24 h")
                || message(text).contains("not an exact time in range"))
    }

    @Test func aDutyCycleOfHugeTimesIsAnErrorNotATrap() {
        let duty = "duty = { on = \"24 h\", off = \"24 h\", ramp_up = \"24 h\", ramp_down = \"24 h\" }"
        #expect(!errors(Fixtures.protocolText(programme: duty)).isEmpty)
    }

    @Test func quantitiesBeyondTheirLargestAreRefused() {
        #expect(Quantity.parse("10001 mA", as: .current).isFailure)
        #expect(Quantity.parse("10000 mA", as: .current).isSuccess)
        #expect(Quantity.parse("24 h", as: .time).isSuccess)
        #expect(Quantity.parse("24.000000001 h", as: .time).isFailure)
        #expect(Quantity.parse("-25 h", as: .time).isFailure)
    }

    @Test func aTinyAreaIsShownAsWritten() {
        #expect(Area.squareCentimetres(0.0005).description == "0.0005 cm²")
        #expect(Area.squareCentimetres(25).description == "25 cm²")
        let needle = Fixtures.protocolText().replacingOccurrences(of: "kind = \"pad\"\narea = \"25 cm²\"",
                                                                  with: "kind = \"needle\"\narea = \"0.0005 cm²\"")
        #expect(message(needle).contains("is 0.0005 cm²"))
    }

    @Test func whatIsNotARegularFileIsNamed() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("galvani-dir-\(UUID()).toml")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(loadError(directory.path).contains("is a directory; give a protocol file"))
        #expect(loadError("/dev/zero").contains("is a device, not a file"))
        let fifo = FileManager.default.temporaryDirectory.appendingPathComponent("galvani-fifo-\(UUID())").path
        #expect(mkfifo(fifo, 0o600) == 0)
        defer { unlink(fifo) }
        #expect(loadError(fifo).contains("is a FIFO, not a file"))
        #expect(loadError("/nonexistent/galvani.toml").contains("no such file"))
    }

    func loadError(_ path: String) -> String {
        do {
            _ = try ProtocolLoader.load(path: path)
            return ""
        } catch {
            return error.description
        }
    }
}

extension Result {
    var isSuccess: Bool { if case .success = self { true } else { false } }
    var isFailure: Bool { !isSuccess }
}
