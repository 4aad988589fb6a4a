import Foundation
import Testing

/// `galvani run --headless` end to end: the JSON lines a supervisor or a test reads.
@Suite struct HeadlessTests {
    let cli = CLITests()

    func lines(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
    }

    @Test func aWholeSessionRunsToItsSummaryAndExitsZero() throws {
        let outcome = try cli.run(["run", "microcurrent-pain-recovery", "--headless", "--no-contraindications",
                                   "--speed", "max", "--amplitude", "1=300µA"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let records = try lines(outcome.stdout)
        let summary = records.last!
        #expect(summary["type"] as? String == "summary")
        #expect(summary["end"] as? String == "finished")
        #expect((summary["programmes"] as? [[String: Any]])?.map { $0["delivered_s"] as? Double } == [300, 300, 300, 300])
        let snapshots = records.filter { $0["type"] as? String == "snapshot" }
        // One every 100 ms of session time over 20 minutes, plus the first and the last.
        #expect(snapshots.count >= 12_000)
        let started = records.filter { $0["event"] as? String == "programme_started" }.count
        #expect(started == 4)
        let first = snapshots[1]["channels"] as! [[String: Any]]
        #expect((first[0]["commanded_uA"] as! Int) < 300, "command-line amplitudes are reached by ramping")
    }

    @Test func aFaultScriptEndsInOutputOffAnAlarmAndANonZeroExit() throws {
        let script = try cli.temporaryFile("""
        format = 1
        [[fault]]
        at = "5 s"
        channel = 2
        kind = "lead-break"
        [[fault]]
        at = "9 s"
        kind = "disconnect"
        """)
        defer { try? FileManager.default.removeItem(at: script) }
        let outcome = try cli.run(["run", "tens-conventional", "--headless", "--no-contraindications", "--speed", "max",
                                   "--fault-script", script.path, "--auto-acknowledge", "1"])
        #expect(outcome.status == 3, "\(outcome.stderr)")
        let records = try lines(outcome.stdout)
        let fault = records.first { $0["event"] as? String == "electrode_fault" }
        #expect(fault?["channel"] as? Int == 2)
        #expect(fault?["contact"] as? String == "open")
        #expect(records.contains { $0["event"] as? String == "output_off" })
        #expect(records.contains { $0["event"] as? String == "alarm_raised" && $0["priority"] as? String == "high" })
        #expect(records.last?["end"] as? String == "aborted")
    }

    @Test(arguments: [
        (["run", "tens-conventional", "--headless"], "--no-contraindications"),
        (["run", "tens-conventional", "--no-contraindications"], "--headless"),
        (["run", "tens-conventional", "--headless", "--no-contraindications", "--speed", "fast"], "speed"),
        (["run", "tens-conventional", "--headless", "--no-contraindications", "--amplitude", "3=1mA"], "channels 1 to 2"),
        (["run", "tens-conventional", "--headless", "--no-contraindications", "--amplitude", "1=20"], "amplitude"),
        (["run", "tens-conventional", "--headless", "--no-contraindications", "--fault-script", "/no/such.toml"], "/no/such.toml"),
    ])
    func badRunOptionsGetAClearError(arguments: [String], expected: String) throws {
        let outcome = try cli.run(arguments)
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains(expected), "\(outcome.stderr)")
    }
}
