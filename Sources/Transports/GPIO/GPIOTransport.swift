import CGPIO
import Foundation
import Glibc
import StimulationCore
import Synchronization

/// A stimulator stage driven straight from this machine's GPIO lines: the host times every edge itself.
///
/// Userspace edges come late (tens of µs, more on a busy machine), so the transport says what it can time
/// (shortest phase, highest rate), lets the governor admit charge at the board's stretch tolerance, and stops
/// output at once when a phase runs longer than that. A killed process releases the lines, and the board's pull
/// resistors turn the stage off.
public final class GPIOTransport: Transport {
    public let name: String
    public let board: Board
    public let emergencyStop: EmergencyStopLine? = EmergencyStopLine()
    public let lineBytesPerSecond: Int? = nil
    public let nextSend: TimeSpan? = nil

    /// How far ahead the engine queues runs; the output thread plays them from memory.
    public static let lookahead = TimeSpan.milliseconds(100)
    /// The engine keeps the transport alive every 100 ms or so; past this the output thread stops on its own.
    public static let watchdog = TimeSpan.milliseconds(250)
    /// ENABLE stays on through the short pauses between queued runs, and goes off after this with nothing queued.
    static let idleOff = TimeSpan.milliseconds(20)
    /// Shapes made of rectangular phases only: a bridge switches current on and off, it cannot draw a sine.
    public static let shapes = Set(PulseShape.Kind.allCases.filter { $0 != .sineCarrier }.map(\.name))

    private var request: GPIOLineRequest?
    private var player: EdgePlayer?
    private let planner: EdgePlanner
    private var thread: EdgeThread?
    private var pending: [TransportEvent] = []

    public init(board: Board) {
        self.board = board
        name = "gpio:\(board.file)"
        planner = EdgePlanner(board: board)
    }

    public func open(at now: TimeSpan) throws(TransportError) -> DeviceCapabilities {
        guard request == nil else { throw TransportError("\(name) is already open; close it first") }
        let wiring = try BoardWiring.find(board)
        let request: GPIOLineRequest
        do {
            request = try wiring.chip.request(Array(zip(wiring.offsets, lineSettings)), consumer: consumer)
        } catch {
            throw TransportError(error.message)
        }
        self.request = request
        let player = EdgePlayer(settings: .init(layout: planner.layout, offset: MonotonicTime.nanoseconds() - now.nanoseconds,
                                                tolerance: board.stretchTolerance, deadTime: board.deadTime,
                                                heartbeatPeriod: board.heartbeatPeriod,
                                                watchdog: Self.watchdog, idleOff: Self.idleOff),
                                output: request, clock: MonotonicEdgeClock())
        self.player = player
        emergencyStop?.arm { player.cut(latch: true) }
        thread = EdgeThread(player)
        let weakest = board.channels.map(\.fullScale).min()!
        return DeviceCapabilities(
            deviceID: "\(board.name) on \(wiring.chip.path) (\(Double(board.compliance) / 1000) V compliance)", channels: board.channels.count,
            maximumAmplitude: min(board.maximum, weakest), shapes: Self.shapes, lookahead: Self.lookahead,
            phaseStretch: board.stretchTolerance, shortestPhase: board.shortestPhase, highestRate: board.highestRate,
            deadTime: board.deadTime,
            shapeLimitation: "GPIO lines switch an H-bridge on and off, so they make rectangular phases only, "
                + "not the sine carrier of interferential or Russian current")
    }

    /// "galvani:BOARD" as gpioinfo shows the holder; the kernel keeps 31 bytes.
    var consumer: String { String(decoding: Array("galvani:\(board.name)".utf8.prefix(31)), as: UTF8.self) }

    /// Every line an output, off as it is claimed; the stage's lines with their active level.
    private var lineSettings: [GPIOLineSettings] {
        let enable = GPIOLineSettings(activeLow: board.enable.active == .low)
        let heartbeat = GPIOLineSettings()
        return [enable, heartbeat] + board.channels.flatMap { channel in
            [GPIOLineSettings(activeLow: channel.anode.active == .low), GPIOLineSettings(activeLow: channel.cathode.active == .low)]
                + channel.dac.map { _ in GPIOLineSettings() }
        }
    }

    public func submit(_ runs: [PulseRun], at now: TimeSpan) throws(TransportError) {
        guard let player else { throw TransportError("\(name) is not open") }
        for run in runs {
            guard (1...board.channels.count).contains(run.channel) else {
                throw TransportError("cannot queue a run on channel \(run.channel): the board has channels 1 to \(board.channels.count)")
            }
            player.enqueue(planner.edges(for: run))
        }
    }

    /// The engine's stop: output off, and the key's latch (if the operator's STOP came first) released, since the
    /// engine has now taken the stop in and queues again only when told to start.
    public func stopAll(at now: TimeSpan) {
        player?.cut()
        player?.unlatch()
    }

    public func stop(channel: Int, at now: TimeSpan) throws(TransportError) {
        guard let player else { throw TransportError("\(name) is not open") }
        guard (1...board.channels.count).contains(channel) else {
            throw TransportError("cannot stop channel \(channel): the board has channels 1 to \(board.channels.count)")
        }
        do { try player.stop(channel: channel) } catch { throw TransportError(error.message) }
    }

    public func keepAlive(at now: TimeSpan) throws(TransportError) {
        guard let player else { throw TransportError("\(name) is not open") }
        player.alive()
    }

    public func poll(until now: TimeSpan) -> [TransportEvent] {
        if let failure = player?.takeFailure() { pending.append(TransportEvent(time: now, kind: .deviceFault(failure))) }
        defer { pending.removeAll() }
        return pending
    }

    /// Edge lateness and phase stretch so far; kept when the lines are closed, for the session's summary.
    public var edgeTiming: EdgeTiming? { player?.timing ?? lastTiming }
    private var lastTiming: EdgeTiming?

    public func close() {
        guard let request else { return }
        emergencyStop?.disarm()
        player?.cut()
        lastTiming = player?.timing
        thread?.stop()
        thread = nil
        request.release()
        self.request = nil
        player = nil
    }
}
