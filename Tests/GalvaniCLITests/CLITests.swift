import Foundation
import Testing

/// Drives the real `galvani` binary the way a user does, from the repository root.
@Suite struct CLITests {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The binary sits beside the test bundle in the build folder.
    static var binary: URL {
        let bundle = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0])
        return bundle.deletingLastPathComponent().appendingPathComponent("galvani")
    }

    /// Where runs that name no records file keep their records: never the user's own.
    static let scratchDataHome = FileManager.default.temporaryDirectory.appendingPathComponent("galvani-test-data-\(getpid())")

    func run(_ arguments: [String], in directory: URL = CLITests.root) throws -> Outcome {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_DATA_HOME"] = Self.scratchDataHome.path
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                       stderr: String(decoding: stderr, as: UTF8.self))
    }

    func temporaryFile(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("galvani-\(UUID()).toml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func listShowsEveryBundledProtocol() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("protocols").path)
            .filter { $0.hasSuffix(".toml") }
        let outcome = try run(["protocols", "list"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.hasPrefix("ID"))
        for file in files { #expect(outcome.stdout.contains(file.replacingOccurrences(of: ".toml", with: "") + " ")) }
    }

    @Test func listAsJSONIsParseable() throws {
        let outcome = try run(["protocols", "list", "--json"])
        let rows = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [[String: Any]]
        #expect((rows?.count ?? 0) >= 12)
        #expect(rows?.allSatisfy { $0["id"] is String && $0["programmes"] is Int } == true)
    }

    @Test func showPrintsParametersAndSafetyFigures() throws {
        let outcome = try run(["protocols", "show", "tens-conventional"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("Safety at maximum amplitude"))
        #expect(outcome.stdout.contains("µC"))
        #expect(outcome.stdout.contains("mA/cm²"))
        let json = try run(["protocols", "show", "tens-conventional", "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["id"] as? String == "tens-conventional")
    }

    @Test func checkAcceptsEveryBundledFile() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("protocols").path)
            .filter { $0.hasSuffix(".toml") }.map { "protocols/" + $0 }
        let outcome = try run(["protocols", "check"] + files)
        #expect(outcome.status == 0, "\(outcome.stderr)")
    }

    @Test func checkRejectsABadFileWithFileLineAndExitOne() throws {
        let source = try String(contentsOf: Self.root.appendingPathComponent("protocols/tens-conventional.toml"), encoding: .utf8)
        let bad = try temporaryFile(source.replacingOccurrences(of: "frequency = \"100 Hz\"", with: "frequncy = \"100 Hz\""))
        defer { try? FileManager.default.removeItem(at: bad) }
        let outcome = try run(["protocols", "check", bad.path])
        #expect(outcome.status == 1)
        let line = source.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("frequency =") }! + 1
        #expect(outcome.stderr.contains("\(bad.path):\(line):1: error: "))
        #expect(outcome.stderr.contains("did you mean `frequency`"))
    }

    @Test func checkNeverCrashesOnGarbage() throws {
        let garbage = try temporaryFile("[\\\u{1}\n\"\"\"\n{{{{")
        defer { try? FileManager.default.removeItem(at: garbage) }
        let outcome = try run(["protocols", "check", garbage.path, "/no/such/file.toml"])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("/no/such/file.toml:1:1: error: cannot read the file"))
    }

    @Test func pulsesPrintsOneRowPerPulseInTimeOrder() throws {
        let outcome = try run(["pulses", "tens-conventional", "--seconds", "0.05"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "t_us,channel,amplitude_uA,phases")
        #expect(lines.count == 1 + 2 * 5)
        #expect(lines[1] == "0,1,20000,+20000:200 -20000:200")
        #expect(lines[3] == "10000,1,20000,+20000:200 -20000:200")
    }

    @Test func pulsesHonoursProgrammeChannelWindowAndAmplitude() throws {
        let outcome = try run(["pulses", "tens-conventional", "--programme", "1", "--channel", "2", "--from", "500 ms",
                               "--seconds", "0.02", "--amplitude", "12.5 mA"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        #expect(lines.dropFirst() == ["500000,2,12500,+12500:200 -12500:200", "510000,2,12500,+12500:200 -12500:200"])
    }

    @Test func pulsesRefusesAWindowPastTheEndAndTimesBeyondADay() throws {
        let past = try run(["pulses", "tens-conventional", "--from", "2 h"])
        #expect(past.status != 0)
        #expect(past.stderr.contains("--from 2 h: past the end; tens-conventional lasts"))
        let huge = try run(["pulses", "tens-conventional", "--from", "9223372036"])
        #expect(huge.status != 0)
        #expect(huge.stderr.contains("--from 9223372036"))
        #expect(!huge.stderr.contains("Fatal error"))
    }

    @Test func anAmplitudeGivenTwiceForOneChannelIsRefused() throws {
        let outcome = try run(["run", "tens-conventional", "--headless", "--no-contraindications", "--speed", "max",
                               "--amplitude", "1=10mA", "--amplitude", "01=20mA"])
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("channel 1 is given twice"))
    }

    @Test func pulsesRunsFormatCompressesConstantTrains() throws {
        let outcome = try run(["pulses", "tens-conventional", "--channel", "1", "--seconds", "10", "--format", "runs"])
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        #expect(lines.dropFirst() == ["0,1,1000,10000,false,20000,+20000:200 -20000:200"])
    }

    @Test(arguments: [
        (["pulses", "tens-conventional", "--amplitude", "500 mA"], "above programme 1"),
        (["pulses", "tens-conventional", "--amplitude", "20"], "with its unit"),
        (["pulses", "tens-conventional", "--channel", "9"], "has channels 1 to 2"),
        (["pulses", "tens-conventional", "--seconds", "-1"], "--seconds"),
        (["pulses", "no-such-protocol"], "known ids"),
        (["protocols", "show", "no-such-protocol"], "known ids"),
    ])
    func badCommandLineValuesGetAClearError(arguments: [String], expected: String) throws {
        let outcome = try run(arguments)
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains(expected), "\(outcome.stderr)")
    }
}

/// The layout `scripts/install` makes: PREFIX/bin/galvani with PREFIX/share/galvani/{protocols,themes}.
@Suite struct InstalledLayoutTests {
    @Test func anInstalledBinaryFindsItsProtocolsFromAnyDirectory() throws {
        // Beside the built binary, on its file system, so the binary is hard-linked rather than copied: a copy is
        // open for writing, and a process another test forks meanwhile inherits that descriptor until it execs,
        // which makes running the copy fail with "text file busy".
        let prefix = CLITests.binary.deletingLastPathComponent().appendingPathComponent("galvani-prefix-\(UUID())")
        defer { try? FileManager.default.removeItem(at: prefix) }
        let share = prefix.appendingPathComponent("share/galvani")
        try FileManager.default.createDirectory(at: prefix.appendingPathComponent("bin"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: share, withIntermediateDirectories: true)
        try FileManager.default.linkItem(at: CLITests.binary, to: prefix.appendingPathComponent("bin/galvani"))
        for kind in ["protocols", "themes"] {
            try FileManager.default.copyItem(at: CLITests.root.appendingPathComponent(kind), to: share.appendingPathComponent(kind))
        }
        let elsewhere = FileManager.default.temporaryDirectory
        let process = Process()
        process.executableURL = prefix.appendingPathComponent("bin/galvani")
        process.arguments = ["run", "tens-conventional", "--headless", "--no-contraindications", "--speed", "max"]
        process.currentDirectoryURL = elsewhere
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_DATA_HOME"] = elsewhere.appendingPathComponent("galvani-empty-xdg").path
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(stdout.contains("\"summary\""))
    }
}
