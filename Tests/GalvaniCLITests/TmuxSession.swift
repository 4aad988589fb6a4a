import Foundation
import Glibc

/// The real binary in a real terminal: tmux runs it, send-keys types, capture-pane reads the screen.
/// Every wait polls the screen with a deadline; nothing sleeps a fixed time.
final class TmuxSession {
    let socket = "galvani-test-\(UUID().uuidString.prefix(8))"
    let name = "console"

    /// Where the pane's shell writes galvani's exit status: tmux does not always record it for a pane
    /// whose terminal closed before the process was reaped.
    let statusFile = FileManager.default.temporaryDirectory.appendingPathComponent("galvani-exit-\(UUID().uuidString)").path

    init(arguments: [String], width: Int = 100, height: Int = 30, environment: [String: String] = [:]) throws {
        let binary = CLITests.binary.path
        var variables = ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "xterm-256color",
                         "XDG_DATA_HOME": CLITests.scratchDataHome.path]
        variables.merge(environment) { $1 }
        let exports = variables.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.quote($0.value))" }.joined(separator: " ")
        let command = "cd \(Self.quote(CLITests.root.path)) && env \(exports) \(Self.quote(binary)) "
            + arguments.map(Self.quote).joined(separator: " ") + "; echo $? > \(Self.quote(statusFile))"
        // remain-on-exit is set in the same invocation, so no exit can slip in before it takes hold
        // (the pane, and with it the server, would vanish with the exit status).
        try tmux(["-u", "new-session", "-d", "-s", name, "-x", String(width), "-y", String(height), command,
                  ";", "set-option", "-t", name, "remain-on-exit", "on"], reading: false)
    }

    deinit {
        _ = try? tmux(["kill-server"], reading: false)
        try? FileManager.default.removeItem(atPath: statusFile)
    }

    /// galvani's exit status once it has exited, nil before.
    var exitStatus: Int32? {
        (try? String(contentsOfFile: statusFile, encoding: .utf8)).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    static func quote(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// Runs a tmux command with posix_spawn and waitpid: Foundation's Process can miss the exit of a
    /// tmux client whose server it spawned, and wait forever. A command that may start the server must
    /// not be read to the end either: the server inherits its output and keeps it open.
    @discardableResult
    func tmux(_ arguments: [String], reading: Bool = true) throws -> String {
        let argv = ["/usr/bin/env", "tmux", "-L", socket] + arguments
        var fds: [Int32] = [-1, -1]
        if reading { guard pipe(&fds) == 0 else { throw TmuxError.spawn(errno) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if reading {
            posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
            posix_spawn_file_actions_addclose(&actions, fds[0])
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        // Test threads block signals; the child must not inherit that, or it ignores SIGTERM.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        var pid: pid_t = 0
        let cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        let status = posix_spawn(&pid, argv[0], &actions, &attributes, cArguments, environ)
        guard status == 0 else { throw TmuxError.spawn(status) }
        var output: [UInt8] = []
        if reading {
            close(fds[1])
            var chunk = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = read(fds[0], &chunk, chunk.count)
                if count <= 0 { break }
                output += chunk[0..<count]
            }
            close(fds[0])
        }
        var exit: Int32 = 0
        while waitpid(pid, &exit, 0) == -1, errno == EINTR {}
        return String(decoding: output, as: UTF8.self)
    }

    enum TmuxError: Error {
        case spawn(Int32)
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
