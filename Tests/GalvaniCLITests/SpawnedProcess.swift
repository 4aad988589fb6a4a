import Foundation
import Glibc

/// A `galvani` process started with posix_spawn, its output going to a file the test can poll.
/// Signals are unblocked in the child, so SIGSTOP, SIGCONT and SIGKILL act as they would for a user.
final class SpawnedProcess {
    let pid: pid_t
    let output: URL
    private var status: Int32?

    /// Records go to a folder of the test's own unless the arguments name a file.
    init(_ arguments: [String], environment extra: [String: String] = [:]) throws {
        output = FileManager.default.temporaryDirectory.appendingPathComponent("galvani-out-\(UUID()).txt")
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        let argv = ([CLITests.binary.path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_DATA_HOME"] = CLITests.scratchDataHome.path
        environment.merge(extra) { $1 }
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        let result = posix_spawn(&pid, CLITests.binary.path, &actions, &attributes, argv, envp)
        guard result == 0 else { throw POSIXError(POSIXErrorCode(rawValue: result) ?? .EINVAL) }
        self.pid = pid
    }

    deinit {
        if status == nil {
            kill(pid, SIGKILL)
            _ = exitStatus(within: 5)
        }
        try? FileManager.default.removeItem(at: output)
    }

    var text: String { (try? String(contentsOf: output, encoding: .utf8)) ?? "" }

    /// Polls the output with a deadline that only catches a hang.
    func waitFor(_ text: String, within seconds: Double = 10) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if self.text.contains(text) { return true }
            usleep(5_000)
        }
        return self.text.contains(text)
    }

    func signal(_ number: Int32) { kill(pid, number) }

    /// The exit status, or nil if the process is still running at the deadline.
    func exitStatus(within seconds: Double = 10) -> Int32? {
        if let status { return status }
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            var raw: Int32 = 0
            if waitpid(pid, &raw, WNOHANG) == pid {
                status = raw & 0x7F == 0 ? (raw >> 8) & 0xFF : 128 + (raw & 0x7F)
                return status
            }
            usleep(5_000)
        }
        return nil
    }
}
