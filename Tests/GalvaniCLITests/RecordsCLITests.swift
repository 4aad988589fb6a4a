import Foundation
import GRDB
import Glibc
import Testing

/// The records as a user meets them: a real process, a real file, kills and broken disks from outside.
@Suite struct RecordsCLITests {
    let cli = CLITests()

    func scratch() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("galvani-records-cli-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        chmod(folder.path, 0o755)
        return folder
    }

    /// tens-conventional cut to `duration`, as a file anyone may read.
    func shortProtocol(_ folder: URL, duration: String) throws -> String {
        let text = try String(contentsOf: CLITests.root.appendingPathComponent("protocols/tens-conventional.toml"), encoding: .utf8)
            .replacingOccurrences(of: #"duration = "20 min""#, with: "duration = \"\(duration)\"")
        let url = folder.appendingPathComponent("short.toml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        chmod(url.path, 0o644)
        return url.path
    }

    /// A 5 s headless session recorded into `records`, naming no patient or operator.
    func unnamedRun(_ folder: URL, records: String) throws -> CLITests.Outcome {
        try cli.run(["run", try shortProtocol(folder, duration: "5 s"), "--headless", "--no-contraindications",
                     "--speed", "max", "--records", records])
    }

    func lines(_ text: String) -> [[String: Any]] {
        text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    @Test func killedMidSessionItLosesAtMostTheLastSecondAndTheFileIsSound() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let records = folder.appendingPathComponent("records.sqlite").path
        let process = try SpawnedProcess(["run", "tens-conventional", "--headless", "--no-contraindications", "--records", records])
        let deadline = Date().addingTimeInterval(60)
        func printedUntil() -> Double {
            lines(process.text).filter { $0["type"] as? String == "snapshot" }.compactMap { $0["t"] as? Double }.max() ?? 0
        }
        while printedUntil() < 3, Date() < deadline { usleep(20_000) }
        process.signal(SIGKILL)
        #expect(process.exitStatus(within: 10) == 128 + SIGKILL)
        let printed = printedUntil()
        #expect(printed >= 3)
        let database = try DatabaseQueue(path: records)
        #expect(try database.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") } == "ok")
        // The trace is kept once a second: every second before the last one printed is in the file.
        let recorded = try database.read { try Int64.fetchOne($0, sql: "SELECT max(t_ns) FROM entry WHERE kind = 'trace'") } ?? 0
        #expect(recorded / 1_000_000_000 >= Int64(printed) - 1, "recorded up to \(Double(recorded) / 1e9) s, printed up to \(printed) s")
        try database.close()
        // The next start finds the session open and closes it as interrupted, with its last state.
        let listing = try cli.run(["records", "list", "--records", records, "--json"])
        #expect(listing.stderr.contains("was interrupted"), "\(listing.stderr)")
        let sessions = try JSONSerialization.jsonObject(with: Data(listing.stdout.utf8)) as? [String: Any]
        let session = (sessions?["sessions"] as? [[String: Any]])?.first
        #expect(session?["end"] as? String == "interrupted")
        #expect((session?["reason"] as? String)?.contains("last known: running") == true)
        let verify = try cli.run(["records", "verify", "--records", records])
        #expect(verify.status == 0, "\(verify.stdout)")
    }

    @Test func aFileSizeLimitMidSessionRaisesAnAlarmAndTheNextStartMakesTheRecordWhole() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let records = folder.appendingPathComponent("records.sqlite").path
        let protocolFile = try shortProtocol(folder, duration: "2 min")
        #expect(try cli.run(["records", "add-patient", "P-7", "--name", "A Patient", "--records", records]).status == 0)
        var size = stat()
        stat(records, &size)
        // Room for the session to open, not for all of it: the database stops taking it midway (as a full disk would).
        let limitKiB = Int(size.st_size) / 1024 + 24
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/bash")
        shell.arguments = ["-c", "ulimit -f \(limitKiB); exec \"$0\" \"$@\"", CLITests.binary.path, "run", protocolFile, "--headless",
                           "--no-contraindications", "--speed", "60", "--records", records, "--patient", "P-7"]
        let out = Pipe()
        shell.standardOutput = out
        shell.standardError = FileHandle.nullDevice
        try shell.run()
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        shell.waitUntilExit()
        #expect(shell.terminationStatus == 0, "the session ends normally: \(output.suffix(400))")
        let alarms = lines(output).filter { $0["event"] as? String == "alarm_raised" }.compactMap { $0["message"] as? String }
        #expect(alarms.contains { $0.hasPrefix("records:") && $0.contains(".fallback.jsonl") }, "\(alarms)")
        #expect(lines(output).last?["end"] as? String == "finished")
        // Without the limit, the next start brings the fallback in: every trace second and the end are there.
        let verify = try cli.run(["records", "verify", "--records", records])
        #expect(verify.status == 0, "\(verify.stdout)")
        #expect(verify.stderr.contains("are now in the records"), "\(verify.stderr)")
        let database = try DatabaseQueue(path: records)
        // One trace a second from 0 to the end, none missing; the end is past 120 s by however long the start took.
        let traces = try database.read { try Row.fetchOne($0, sql: "SELECT count(*) AS n, max(t_ns) AS last FROM entry WHERE kind = 'trace'") }
        let count: Int = traces?["n"] ?? 0, last: Int64 = traces?["last"] ?? 0
        let end = try database.read { try String.fetchOne($0, sql: "SELECT end_state FROM session") }
        let said = "verify said: \(verify.stderr.suffix(600)) \(verify.stdout.suffix(300))"
        #expect(last >= 120_000_000_000 && count == Int(last / 1_000_000_000) + 1, "\(count) traces, the last at \(last) ns; \(said)")
        #expect(end == "finished", "\(said)")
    }

    /// Runs galvani through bash, so a test can set a ulimit or a pipe the way a user's shell would.
    func shell(_ script: String, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/bash")
        shell.arguments = ["-c", script, CLITests.binary.path] + arguments
        // Standard error goes to a file: read after standard output, a full pipe would hold the process up.
        let errors = FileManager.default.temporaryDirectory.appendingPathComponent("galvani-stderr-\(UUID())")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errors) }
        let out = Pipe()
        shell.standardOutput = out
        shell.standardError = try FileHandle(forWritingTo: errors)
        try shell.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        shell.waitUntilExit()
        return (shell.terminationStatus, stdout, (try? String(contentsOf: errors, encoding: .utf8)) ?? "")
    }

    @Test func withEveryFileFullTheSessionRunsOnAndTheRecordIsNotLostUnsaid() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let records = folder.appendingPathComponent("records.sqlite").path
        #expect(try cli.run(["records", "patients", "--records", records]).status == 0)
        var size = stat()
        stat(records, &size)
        // Ten minutes of record, more than the database, the fallback beside it and the one in /tmp may take.
        let run = try shell("ulimit -f \(Int(size.st_size) / 1024 + 24); exec \"$0\" \"$@\"",
                            ["run", try shortProtocol(folder, duration: "10 min"), "--headless", "--no-contraindications",
                             "--speed", "600", "--records", records])
        #expect(run.status == 0, "a full disk is no reason to die mid-session: \(run.stderr.suffix(300))")
        #expect(lines(run.stdout).last?["end"] as? String == "finished")
        #expect(run.stderr.contains("could not be written to any file; its last"), "\(run.stderr.prefix(300))")
        // The next start takes in both fallback files, in order, and leaves the chain whole.
        let verify = try cli.run(["records", "verify", "--records", records])
        #expect(verify.status == 0, "\(verify.stdout)")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory())
            .filter { $0.hasPrefix("galvani-") && $0.hasSuffix(".fallback.jsonl") && verify.stderr.contains($0) }
        #expect(leftovers.isEmpty, "\(verify.stderr)")
    }

    @Test func aClosedStandardOutputStopsAHeadlessSessionAndTheRecordSaysWhy() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let records = folder.appendingPathComponent("records.sqlite").path
        let run = try shell("\"$0\" \"$@\" | head -c 200 > /dev/null; exit ${PIPESTATUS[0]}",
                            ["run", "tens-conventional", "--headless", "--no-contraindications", "--speed", "20", "--records", records])
        #expect(run.status == 2, "stopped, not killed by SIGPIPE: \(run.status)")
        let list = try cli.run(["records", "list", "--records", records, "--json"])
        let session = ((try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [String: Any])?["sessions"] as? [[String: Any]])?.first
        #expect(session?["end"] as? String == "stopped")
        let show = try cli.run(["records", "show", try #require(session?["session"] as? String), "--records", records])
        #expect(show.stdout.contains("standard output was closed"), "\(show.stdout)")
    }

    @Test func aRecordsFileThatCannotBeWrittenStopsTheRunBeforeItStarts() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let records = folder.appendingPathComponent("records.sqlite").path
        #expect(try cli.run(["records", "patients", "--records", records]).status == 0)
        chmod(records, 0o444)
        let protocolFile = try shortProtocol(folder, duration: "10 s")
        // Root writes through file modes: run as nobody to meet the file as an ordinary user does.
        let asUser = getuid() == 0 ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : []
        let process = Process()
        process.executableURL = URL(fileURLWithPath: asUser.first ?? CLITests.binary.path)
        process.arguments = Array(asUser.dropFirst()) + (asUser.isEmpty ? [] : [CLITests.binary.path])
            + ["run", protocolFile, "--headless", "--no-contraindications", "--speed", "max", "--records", records]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(stderr.contains("cannot be written") && stderr.contains("--no-records"), "\(stderr)")
        #expect(!stdout.contains("connected"), "no session starts")
    }

    @Test func noRecordsKeepsNothingAndSaysSo() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try cli.run(["run", try shortProtocol(folder, duration: "5 s"), "--headless", "--no-contraindications",
                                   "--speed", "max", "--no-records"])
        #expect(outcome.status == 0)
        #expect(lines(outcome.stdout).first?["message"] as? String == "records: off (--no-records); nothing of this session is kept")
    }

    /// A headless run may leave out the patient and the operator, but not unsaid: it prints so, and the record is marked.
    @Test func aHeadlessRunWithoutPatientOrOperatorSaysSoAndTheRecordShowsIt() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let records = folder.appendingPathComponent("records.sqlite").path
        let run = try unnamedRun(folder, records: records)
        #expect(run.status == 0, "\(run.stderr)")
        let messages = lines(run.stdout).compactMap { $0["message"] as? String }
        #expect(messages.contains("records: no patient named (--patient); the record says so"))
        #expect(messages.contains("records: no operator named (--operator); the record says so"))
        let listed = try cli.run(["records", "list", "--records", records, "--json"])
        let session = try #require((lines(listed.stdout).first?["sessions"] as? [[String: Any]])?.first)
        #expect(session["patient"] is NSNull && session["operator"] is NSNull)
    }

    /// Two galvani sessions at once on one records file: each waits its turn for the file, and both are kept whole.
    @Test func twoSessionsAtOnceOnOneFileAreBothKeptWhole() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let records = folder.appendingPathComponent("records.sqlite").path
        let file = try shortProtocol(folder, duration: "3 min")
        let arguments = ["run", file, "--headless", "--no-contraindications", "--speed", "max", "--records", records,
                         "--patient", "P-9", "--operator", "T. Smith"]
        #expect(try cli.run(["records", "add-patient", "P-9", "--name", "C Patient", "--records", records]).status == 0)
        let first = try SpawnedProcess(Array(arguments))
        let second = try SpawnedProcess(Array(arguments))
        #expect(first.exitStatus(within: 300) == 0, "\(first.text.suffix(600))")
        #expect(second.exitStatus(within: 300) == 0, "\(second.text.suffix(600))")
        let listed = try cli.run(["records", "list", "--records", records, "--json"])
        let sessions = try #require(lines(listed.stdout).first?["sessions"] as? [[String: Any]])
        #expect(sessions.count == 2)
        #expect(sessions.allSatisfy { $0["end"] as? String == "finished" })
        #expect(try cli.run(["records", "verify", "--records", records]).status == 0)
        for session in sessions {
            let csv = try cli.run(["records", "export", try #require(session["session"] as? String), "--format", "csv",
                                   "--records", records])
            #expect(csv.stdout.split(separator: "\n").filter { $0.contains(",trace,") }.count == 181 * 2)
        }
    }

    /// A row edited behind Galvani's back, as someone with sqlite3 would: `records verify` says so and exits 1.
    @Test func verifyFindsARowEditedAfterTheSession() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let records = folder.appendingPathComponent("records.sqlite").path
        let run = try unnamedRun(folder, records: records)
        #expect(run.status == 0)
        #expect(try cli.run(["records", "verify", "--records", records]).status == 0)
        let database = try DatabaseQueue(path: records)
        try database.write { try $0.execute(sql: "UPDATE entry SET payload = replace(payload, '20000', '2000') WHERE kind = 'trace'") }
        try database.close()
        let verify = try cli.run(["records", "verify", "--records", records])
        #expect(verify.status == 1)
        #expect(verify.stdout.contains("the records were changed after they were written"), "\(verify.stdout)")
    }

    @Test func aSessionIsFoundAgainListedShownAndExported() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let records = folder.appendingPathComponent("records.sqlite").path
        #expect(try cli.run(["records", "add-patient", "P-3", "--name", "B Patient", "--born", "1971", "--records", records]).status == 0)
        let run = try cli.run(["run", try shortProtocol(folder, duration: "30 s"), "--headless", "--no-contraindications",
                               "--speed", "max", "--records", records, "--patient", "P-3", "--operator", "T. Smith"])
        #expect(run.status == 0)
        let list = try cli.run(["records", "list", "--records", records, "--patient", "P-3"])
        #expect(list.stdout.contains("tens-conventional") && list.stdout.contains("finished") && list.stdout.contains("0 min 30 s"))
        #expect(try cli.run(["records", "list", "--records", records, "--since", "2000-01-01"]).stdout.contains("tens-conventional"))
        #expect(try cli.run(["records", "list", "--records", records, "--since", "2999-01-01"]).stdout.contains("no sessions"))
        let badDay = try cli.run(["records", "list", "--records", records, "--since", "2026-02-30"])
        #expect(badDay.status == 64 && badDay.stderr.contains("there is no such day"), "\(badDay.stderr)")
        let id = try #require((lines(run.stdout).first?["message"] as? String)?.split(separator: " ").dropFirst(2).first)
        let show = try cli.run(["records", "show", String(id.prefix(8)), "--records", records])
        #expect(show.stdout.contains("Operator  T. Smith"))
        // The whole record as one JSON object: the session, the protocol's text and every entry with its chain.
        let shownJSON = try cli.run(["records", "show", String(id), "--json", "--records", records])
        let whole = try #require(try JSONSerialization.jsonObject(with: Data(shownJSON.stdout.utf8)) as? [String: Any])
        let session = try #require(whole["session"] as? [String: Any])
        #expect(session["patient"] as? String == "P-3" && session["operator"] as? String == "T. Smith" && session["end"] as? String == "finished")
        #expect((whole["protocol_text"] as? String)?.contains("duration = \"30 s\"") == true)
        let entries = try #require(whole["entries"] as? [[String: Any]])
        #expect(entries.first?["kind"] as? String == "opened" && entries.last?["kind"] as? String == "ended")
        #expect(entries.filter { $0["kind"] as? String == "trace" }.count == 31)
        #expect(zip(entries, entries.dropFirst()).allSatisfy { $1["prev"] as? String == $0["hash"] as? String })
        // A headless session is documented afterwards from the command line, and corrected by a new entry.
        let documented = try cli.run(["records", "document", String(id), "--records", records, "--operator", "T. Smith",
                                      "--attended", "1", "--skin", "normal", "--pain-before", "5", "--pain-after", "3"])
        #expect(documented.status == 0, "\(documented.stderr)")
        let seq = try #require(documented.stdout.split(separator: " ").last.flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) })
        let corrected = try cli.run(["records", "document", String(id), "--records", records, "--operator", "T. Smith",
                                     "--attended", "1", "--skin", "redness", "--corrects", String(seq)])
        #expect(corrected.stdout.contains("correcting entry \(seq)"), "\(corrected.stderr)")
        let tooLong = try cli.run(["records", "document", String(id), "--records", records, "--operator", "T. Smith",
                                   "--attended", "90", "--skin", "normal"])
        #expect(tooLong.status == 1 && tooLong.stderr.contains("give 0 to 1"), "\(tooLong.stderr)")
        #expect(try cli.run(["records", "list", "--records", records, "--patient", "P-3"]).stdout.contains(" yes"))
        #expect(try cli.run(["records", "verify", "--records", records]).status == 0)
        let csv = try cli.run(["records", "export", String(id), "--format", "csv", "--records", records])
        let rows = csv.stdout.split(separator: "\n")
        #expect(rows.first == "session,t_s,wall,kind,channel,target_uA,commanded_uA,delivered_uA,impedance_ohm,contact,event,detail")
        #expect(rows.filter { $0.contains(",trace,") }.count == 31 * 2)
        let json = try cli.run(["records", "export", "--patient", "P-3", "--format", "json", "--records", records])
        let exported = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((exported?["sessions"] as? [Any])?.count == 1)
        let missing = try cli.run(["run", "tens-conventional", "--headless", "--no-contraindications", "--records", records,
                                   "--patient", "NOBODY"])
        #expect(missing.status == 1 && missing.stderr.contains("no patient NOBODY"))
    }

    /// Runs the FHIR models from PyPI (fhir.resources, installed by .ci/run) over an exported file.
    static func validateFHIR(_ text: String) throws -> (status: Int32, output: String) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("galvani-fhir-\(UUID()).json")
        try text.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", CLITests.root.appendingPathComponent("Tests/FHIR/validate_bundles.py").path, file.path]
        let out = Pipe()
        python.standardOutput = out
        python.standardError = out
        try python.run()
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        python.waitUntilExit()
        return (python.terminationStatus, output)
    }

    @Test func aSessionExportsAsAFHIRBundleTheFHIRModelsAccept() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let records = folder.appendingPathComponent("records.sqlite").path
        #expect(try cli.run(["records", "add-patient", "P-5", "--name", "C Patient", "--born", "1980", "--records", records]).status == 0)
        for _ in 0..<2 {
            #expect(try cli.run(["run", try shortProtocol(folder, duration: "20 s"), "--headless", "--no-contraindications",
                                 "--speed", "max", "--records", records, "--patient", "P-5"]).status == 0)
        }
        let export = try cli.run(["records", "export", "--patient", "P-5", "--format", "fhir", "--records", records])
        #expect(export.status == 0, "\(export.stderr)")
        let bundles = export.stdout.split(separator: "\n")
        #expect(bundles.count == 2)
        let validated = try Self.validateFHIR(export.stdout)
        #expect(validated.status == 0, "\(validated.output)")
        #expect(validated.output.contains("valid, 4 resources (Observation, Patient, Procedure)"), "\(validated.output)")
        // The same session exported twice is the same resources: a later upload is idempotent.
        let again = try cli.run(["records", "export", "--patient", "P-5", "--format", "fhir", "--records", records])
        #expect(again.stdout == export.stdout)
        // A session with no patient named cannot be a FHIR Procedure: said, not faked.
        let run = try unnamedRun(folder, records: records)
        let id = try #require((lines(run.stdout).first?["message"] as? String)?.split(separator: " ").dropFirst(2).first)
        let refused = try cli.run(["records", "export", String(id), "--format", "fhir", "--records", records])
        #expect(refused.status == 1 && refused.stderr.contains("names no patient"), "\(refused.stderr)")
    }
}
