import Foundation
import Glibc
import Testing

/// `galvani emulate` in one process and `galvani run --transport serial:` in another, as a user
/// would run them in two terminals; faults come from outside, as they would in life.
@Suite(.serialized) struct SerialEndToEndTests {
    static let tens = CLITests.root.appendingPathComponent("protocols/tens-conventional.toml").path

    func emulator() throws -> (SpawnedProcess, String) {
        let link = FileManager.default.temporaryDirectory.appendingPathComponent("galvani-link-\(UUID())").path
        let emulator = try SpawnedProcess(["emulate", "--link", link, "--channels", "2"])
        #expect(emulator.waitFor("connect with: galvani run PROTOCOL --transport serial:\(link)"))
        return (emulator, link)
    }

    func session(on link: String) throws -> SpawnedProcess {
        try SpawnedProcess(["run", Self.tens, "--headless", "--no-contraindications", "--transport", "serial:\(link)"])
    }

    @Test func aFrozenHostIsStoppedByTheEmulatorsWatchdog() throws {
        let (emulator, link) = try emulator()
        defer { unlink(link) }
        let host = try session(on: link)
        #expect(emulator.waitFor("channel 1 output on"))
        host.signal(SIGSTOP)
        // The queued lookahead plays out first (output off, nothing queued); the watchdog then ends the session.
        #expect(emulator.waitFor("channel 1 output off ("))
        #expect(emulator.waitFor("FAULT watchdog"))
        host.signal(SIGCONT)
        // Woken, the host stops too, with a high alarm: whichever it notices first of its own overrun,
        // the frames left unacknowledged while it slept, or the device's FAULT.
        let status = host.exitStatus()
        #expect(status == 2 || status == 3)
        #expect(host.text.contains("\"event\":\"alarm_raised\"") && host.text.contains("\"priority\":\"high\""))
        emulator.signal(SIGINT)
        #expect(emulator.exitStatus() == 0)
    }

    @Test func theEmulatorKilledMidSessionEndsTheRunWithAnAlarm() throws {
        let (emulator, link) = try emulator()
        defer { unlink(link) }
        let host = try session(on: link)
        #expect(emulator.waitFor("channel 2 output on"))
        emulator.signal(SIGKILL)
        #expect(host.exitStatus() == 3)
        #expect(host.text.contains("link lost: the serial line"))
        #expect(host.text.contains("\"end\":\"aborted\""))
    }

    @Test func ctrlCOnAHeadlessRunStopsOutputAndSaysGoodbye() throws {
        let (emulator, link) = try emulator()
        defer { unlink(link) }
        let host = try session(on: link)
        #expect(emulator.waitFor("channel 1 output on"))
        host.signal(SIGINT)
        #expect(host.exitStatus() == 2)
        #expect(emulator.waitFor("GOODBYE"), "host: \(host.text.suffix(800))\ndevice: \(emulator.text.suffix(800))")
        // Off, by the STOP byte or, on a busy machine, by the queue running dry a moment before it: either way the
        // last word about channel 1 is that its output is off.
        let last = emulator.text.components(separatedBy: "channel 1 output ").last ?? ""
        #expect(last.hasPrefix("off ("), "device: \(emulator.text.suffix(800))")
        emulator.signal(SIGTERM)
        #expect(emulator.exitStatus() == 0)
    }

    @Test func aMissingDeviceIsAClearFailure() throws {
        let host = try SpawnedProcess(["run", Self.tens, "--headless", "--no-contraindications",
                                       "--transport", "serial:/dev/galvani-no-such-port"])
        #expect(host.exitStatus() == 3)
        #expect(host.text.contains("cannot open /dev/galvani-no-such-port"))
    }

    @Test func aBadTransportValueSaysWhatIsAllowed() throws {
        let host = try SpawnedProcess(["run", Self.tens, "--headless", "--no-contraindications",
                                       "--transport", "serial:/dev/ttyACM0@12345"])
        #expect(host.exitStatus() == 64)
        #expect(host.text.contains("\"12345\" is not a baud rate"))
    }
}

/// The console on a serial device: the same screen as on the simulator, and the alarm when the device goes.
@Suite(.serialized) struct SerialConsoleTests {
    @Test func theConsoleRunsALiveSessionOnTheEmulatorAndAlarmsWhenItDies() throws {
        // Short, so the header shows the whole transport name beside the link state.
        let link = "/tmp/gl-\(UUID().uuidString.prefix(6))"
        defer { unlink(link) }
        let emulator = try SpawnedProcess(["emulate", "--link", link, "--channels", "2"])
        #expect(emulator.waitFor("connect with:"))
        let session = try TmuxSession(arguments: ["run", "tens-conventional", "--transport", "serial:\(link)", "--no-records"], width: 120, height: 40)
        guard session.waitFor("Contraindication screening", seconds: 10) else {
            Issue.record("no screening form\n\(session.screen)")
            return
        }
        for _ in 0..<14 { try session.send("n") }
        try session.send("Enter")
        #expect(session.waitFor("Electrode placement"), "\(session.screen)")
        try session.send("Enter")
        #expect(session.waitFor("READY"), "\(session.screen)")
        try session.send("Enter")
        #expect(session.waitFor("RUNNING"), "\(session.screen)")
        #expect(session.waitFor("serial:\(link): link up · not recorded"), "\(session.screen)")
        #expect(session.waitFor { $0.contains("Contact OK") && $0.contains("kΩ") && !$0.contains("Delivered 0.0 mA") }, "\(session.screen)")
        #expect(emulator.waitFor("channel 1 output on"))
        emulator.signal(SIGKILL)
        // The reader sees the line close, or a write fails first: either way the link is lost.
        #expect(session.waitFor("*** link lost: "), "\(session.screen)")
        #expect(session.waitFor("link DOWN"), "\(session.screen)")
        #expect(session.waitFor("ABORTED"), "\(session.screen)")
    }
}
