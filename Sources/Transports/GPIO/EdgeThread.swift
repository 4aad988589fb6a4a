import CGPIO
import Foundation
import Glibc
import StimulationCore
import Synchronization

/// The one thread that times a board's edges: absolute deadlines, timer slack 1 ns, a short spin before each
/// edge, SCHED_FIFO and locked memory where allowed (refused, it runs as it is; the engine's thread says so).
final class EdgeThread: Sendable {
    /// Sleep until this much before an edge, then spin: a sleep alone wakes 60–110 µs late on these machines.
    static let spinLead: Int64 = 100_000
    /// Nearer than this, an edge is waited for by sleeping and spinning; further, where new edges can wake the thread.
    static let nearEdge: Int64 = 2_000_000

    private let stopRequested = Atomic<Bool>(false)
    private let finished = Atomic<Bool>(false)
    private let player: EdgePlayer

    init(_ player: EdgePlayer) {
        self.player = player
        let thread = Thread { [self] in run() }
        thread.name = "galvani-gpio"
        thread.qualityOfService = .userInteractive
        thread.start()
    }

    /// Returns once the thread has left its loop.
    func stop() {
        stopRequested.store(true, ordering: .releasing)
        player.arrival.signal()
        while !finished.load(ordering: .acquiring) { usleep(200) }
    }

    private func run() {
        defer { finished.store(true, ordering: .releasing) }
        _ = cgpio_set_timer_slack(1)
        _ = RealtimeScheduling.raiseCurrentThread()
        _ = RealtimeScheduling.lockMemory()
        while !stopRequested.load(ordering: .acquiring) {
            let (next, edge) = player.step()
            let now = MonotonicTime.nanoseconds()
            guard next > now else { continue }
            if !edge || next - now > Self.nearEdge {
                // An edge is woken for a little early, so the last stretch is slept and spun precisely.
                let wait = edge ? next - now - Self.nearEdge / 2 : next - now
                _ = player.arrival.wait(timeout: .now() + .nanoseconds(Int(min(wait, 10_000_000))))
                continue
            }
            var ts = timespec(tv_sec: Int((next - Self.spinLead) / 1_000_000_000), tv_nsec: Int((next - Self.spinLead) % 1_000_000_000))
            while clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, nil) == EINTR {}
            while MonotonicTime.nanoseconds() < next {}
        }
    }
}
