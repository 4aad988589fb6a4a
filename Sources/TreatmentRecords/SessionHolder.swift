import Foundation
import Glibc

/// Which process holds a session open, so a later start can tell a session still running elsewhere from one
/// whose process was killed or crashed (or whose machine restarted).
struct SessionHolder: Equatable, Sendable {
    var pid: Int32
    var boot: String

    static var current: SessionHolder {
        let boot = (try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? "unknown"
        return SessionHolder(pid: getpid(), boot: boot)
    }

    /// Whether this holder may still be running: same boot, and its process exists.
    var mayBeAlive: Bool {
        let here = Self.current
        guard boot == here.boot else { return false }
        if pid == here.pid { return true }
        return kill(pid, 0) == 0 || errno == EPERM
    }
}
