import Foundation

/// The real binary in a real terminal: tmux runs it, send-keys types, capture-pane reads the screen.
/// Every wait polls the screen with a deadline; nothing sleeps a fixed time.
final class TmuxSession {
    let socket = "galvani-test-\(UUID().uuidString.prefix(8))"
    let name = "console"

    init(arguments: [String], width: Int = 100, height: Int = 30, environment: [String: String] = [:]) throws {
        let binary = CLITests.binary.path
        var variables = ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "xterm-256color"]
        variables.merge(environment) { $1 }
        let exports = variables.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.quote($0.value))" }.joined(separator: " ")
        let command = "cd \(Self.quote(CLITests.root.path)) && env \(exports) \(Self.quote(binary)) "
            + arguments.map(Self.quote).joined(separator: " ")
        try tmux(["-u", "new-session", "-d", "-s", name, "-x", String(width), "-y", String(height), command], reading: false)
        try tmux(["set-option", "-t", name, "remain-on-exit", "on"], reading: false)
    }

    deinit { _ = try? tmux(["kill-server"], reading: false) }

    static func quote(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// Runs a tmux command. A command that may start the tmux server must not be read to the end:
    /// the server inherits its output and keeps it open for its whole life.
    @discardableResult
    func tmux(_ arguments: [String], reading: Bool = true) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["tmux", "-L", socket] + arguments
        process.standardError = FileHandle.nullDevice
        guard reading else {
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            return ""
        }
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    var screen: String { (try? tmux(["capture-pane", "-p", "-t", name])) ?? "" }

    func send(_ keys: String...) throws { try tmux(["send-keys", "-t", name] + keys, reading: false) }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", name, "-x", String(width), "-y", String(height)], reading: false)
    }

    func format(_ variable: String) -> String {
        ((try? tmux(["display-message", "-p", "-t", name, variable])) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    var exited: Bool { format("#{pane_dead}") == "1" }

    /// Polls until `condition` holds for the screen; false after `seconds` (a deadline that only catches a hang).
    func waitFor(seconds: Double = 30, _ condition: (String) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition(screen) { return true }
            usleep(50_000)
        }
        return false
    }

    func waitFor(_ text: String, seconds: Double = 30) -> Bool { waitFor(seconds: seconds) { $0.contains(text) } }
}
