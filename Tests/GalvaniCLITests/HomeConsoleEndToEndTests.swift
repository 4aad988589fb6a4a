import Foundation
import Testing

/// `galvani home` in a real terminal, from a clinician's key made here to the patient's compliance history: a
/// short protocol installed for the unit, prescribed, signed, installed, run to its end, and then refused as too
/// soon, all through the real binary.
extension HomeCLITests {
    /// A conventional TENS protocol of a few seconds, installed in the unit's own protocol folder.
    func installShortProtocol() throws {
        let folder = data.appendingPathComponent("galvani/protocols")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let text = try String(contentsOf: CLITests.root.appendingPathComponent("protocols/tens-conventional.toml"), encoding: .utf8)
            .replacingOccurrences(of: "duration = \"20 min\"", with: "duration = \"10 s\"")
            .replacingOccurrences(of: "id = \"tens-conventional\"", with: "id = \"tens-home-short\"")
        try text.write(to: folder.appendingPathComponent("tens-home-short.toml"), atomically: true, encoding: .utf8)
    }

    /// Key, PIN, trust, prescription (channel 1 up to 12 mA), signature, installation.
    func prepareUnit() throws {
        try installShortProtocol()
        #expect(try run(["clinician", "keygen", "--name", "Dr A. Example", "--out", work.path, "--file", "dr"]).status == 0)
        #expect(try run(["home", "setup", "--patient", "P-100"], input: "482916\n482916\n").status == 0)
        #expect(try run(["clinician", "trust", work.path + "/dr.pub"], input: "482916\n").status == 0)
        let prescription = try writePrescription(maximum: "12 mA", protocolID: "tens-home-short")
        let sign = try run(["prescription", "sign", prescription, "--key", work.path + "/dr.key"])
        #expect(sign.status == 0, "\(sign.stderr)")
        let install = try run(["home", "install", prescription], input: "482916\n")
        #expect(install.status == 0, "\(install.stderr)")
    }

    @Test func aPatientRunsTheirPrescribedSessionAndIsThenToldWhenTheNextIs() throws {
        let before = try run(["home"])
        #expect(before.status == 1)
        #expect(before.stderr.contains("This unit is not set up yet"), "\(before.stderr)")
        try prepareUnit()

        let session = try TmuxSession(arguments: ["home"], width: 100, height: 30,
                                      environment: ["XDG_CONFIG_HOME": config.path, "XDG_DATA_HOME": data.path])
        #expect(session.waitFor("Electrode placement"), "\(session.screen)")
        try session.send("Enter")
        #expect(session.waitFor("Space  STOP now"), "\(session.screen)")
        #expect(session.waitFor("strength 0.0 mA → 10.0 mA   up to 12.0 mA"), "the prescribed start and top: \(session.screen)")
        try session.send("s")
        #expect(session.waitFor("RUNNING"), "\(session.screen)")
        for _ in 0..<8 { try session.send("Up") }
        #expect(session.waitFor("This is the highest your clinician allows"), "\(session.screen)")
        #expect(session.waitFor("FINISHED", seconds: 120), "\(session.screen)")
        try session.send("q")
        #expect(session.waitFor(seconds: 30) { _ in session.exitStatus != nil })
        #expect(session.exitStatus == 0)

        let history = try run(["home", "--history", "--days", "2"])
        #expect(history.status == 0, "\(history.stderr)")
        #expect(history.stdout.contains("Sessions of P-100, the last 2 days"), "\(history.stdout)")
        #expect(history.stdout.contains("       1    00:10  12.0 mA"), "one session, 10 s, at the prescribed top: \(history.stdout)")

        let again = try run(["home"])
        #expect(again.status == 1)
        #expect(again.stderr.contains("Your clinician asks for at least 4 hours between sessions. The next one is allowed from"),
                "\(again.stderr)")
    }

    @Test func onAHomeUnitTheClinicConsoleNeedsTheClinicianPIN() throws {
        try prepareUnit()
        let run = ["run", "tens-conventional", "--headless", "--no-contraindications", "--speed", "max", "--no-records"]
        let refused = try self.run(run, input: "111111\n")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("the full console needs the clinician PIN"), "\(refused.stderr)")
        #expect(!refused.stdout.contains("\"type\":\"summary\""), "no session ran: \(refused.stdout)")
        let clinician = try self.run(run, input: "482916\n")
        #expect(clinician.status == 0, "\(clinician.stderr)")
    }

    /// The records replaced by an empty file, or deleted, after a session: the unit's ledger knows better.
    @Test func recordsDeletedOrReplacedAfterASessionStartNothing() throws {
        try prepareUnit()
        #expect(try run(["home", "--history"]).status == 0, "the unit's records, still empty")
        try "# Home sessions this unit has started\nsessions 1\n".write(toFile: config.path + "/galvani/home-ledger",
                                                                       atomically: true, encoding: .utf8)
        let replaced = try run(["home"])
        #expect(replaced.status == 1)
        #expect(replaced.stderr.contains("they hold 0 of the 1 sessions this unit has started"), "\(replaced.stderr)")
        try FileManager.default.removeItem(at: data.appendingPathComponent("galvani/records.sqlite"))
        let deleted = try run(["home"])
        #expect(deleted.status == 1)
        #expect(deleted.stderr.contains("records.sqlite is missing"), "\(deleted.stderr)")
        #expect(!FileManager.default.fileExists(atPath: data.appendingPathComponent("galvani/records.sqlite").path),
                "a missing records file is not replaced by an empty one")
    }

    /// A console left open is asked again as the session starts, and holds the unit against a second console.
    @Test func anOpenConsoleChecksAgainAtTheStartAndIsTheOnlyOne() throws {
        try prepareUnit()
        let session = try TmuxSession(arguments: ["home"], width: 100, height: 30,
                                      environment: ["XDG_CONFIG_HOME": config.path, "XDG_DATA_HOME": data.path])
        #expect(session.waitFor("Electrode placement"), "\(session.screen)")
        let second = try run(["home"])
        #expect(second.status == 1)
        #expect(second.stderr.contains("Another Galvani session is already open on this unit"), "\(second.stderr)")
        // Meanwhile the unit learns of sessions its records do not hold.
        try "sessions 3\n".write(toFile: config.path + "/galvani/home-ledger", atomically: true, encoding: .utf8)
        try session.send("Enter")
        #expect(session.waitFor("The session cannot start: This unit cannot read its treatment records"), "\(session.screen)")
        try session.send("q")
        #expect(session.waitFor(seconds: 30) { _ in session.exitStatus != nil })
    }

    @Test func aUnitWhoseRecordsCannotBeReadStartsNothing() throws {
        try prepareUnit()
        // The records file is a folder: nothing can be counted.
        try FileManager.default.createDirectory(at: data.appendingPathComponent("galvani/records.sqlite"),
                                                withIntermediateDirectories: true)
        let refused = try run(["home"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("This unit cannot read its treatment records"), "\(refused.stderr)")
        #expect(refused.stderr.contains("No session can start until it can"), "\(refused.stderr)")
    }
}
