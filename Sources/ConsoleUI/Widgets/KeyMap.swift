import StimulationCore
import StimulationEngine

/// What a key does, given what is on screen. Pure, so every binding can be tested without a terminal.
public enum KeyMap {
    public enum Action: Hashable, Sendable {
        case command(Command)
        case select(channel: Int)
        case show(ConsoleModel.Overlay?)
        /// Bring output to zero and leave.
        case quit
        /// The therapist marks that they are with the patient, or have stepped away.
        case toggleAttendance
        case none
    }

    /// The coarse step of PgUp/PgDn, in key steps.
    public static let coarseSteps = 5

    static let homeIgnores: Set<Key> = [.character("n"), .character("t"), .character("?"), .function(1)]

    /// The STOP keys: Space always, Escape when no dialog is open (there it closes the dialog).
    public static func isStop(_ key: Key, dialogOpen: Bool = false) -> Bool {
        key == .character(" ") || (key == .escape && !dialogOpen)
    }

    /// Before the device has answered there is no session screen: q and F10 leave, and STOP still goes out (on the
    /// line at once if the port is open, and latched in the session once the device answers).
    static func whileConnecting(_ key: Key) -> Action {
        if key == .character("q") || key == .function(10) { return .quit }
        return isStop(key) ? .command(.stopAll) : .none
    }

    public static func action(for key: Key, _ model: ConsoleModel) -> [Action] {
        let s = model.snapshot
        let channel = model.selectedChannel
        // STOP-ALL works whatever is on screen, dialogs included.
        if isStop(key, dialogOpen: model.overlay != nil) {
            return [.command(.stopAll)]
        }
        switch model.overlay {
        case .help:
            return [.show(nil)]
        case .confirmQuit:
            return key == .character("y") ? [.quit] : [.show(nil)]
        case .confirmSkip:
            return key == .character("y") ? [.command(.skipProgramme), .show(nil)] : [.show(nil)]
        case nil:
            break
        }
        // The patient's keys are on their screen; skipping a programme and the therapist's presence are not theirs.
        if model.home != nil, homeIgnores.contains(key) { return [.none] }
        let outputOn = s.state == .running || s.channels.contains { $0.commanded > .zero }
        switch key {
        case .character(let c) where c.isNumber:
            let n = Int(String(c)) ?? 0
            return (1...s.channels.count).contains(n) ? [.select(channel: n)] : [.none]
        case .tab: return [.select(channel: channel % s.channels.count + 1)]
        case .backTab: return [.select(channel: (channel + s.channels.count - 2) % s.channels.count + 1)]
        case .up, .character("+"), .character("="): return [.command(.amplitudeUp(channel: channel))]
        case .down, .character("-"), .character("−"): return [.command(.amplitudeDown(channel: channel))]
        case .pageUp: return Array(repeating: .command(.amplitudeUp(channel: channel)), count: coarseSteps)
        case .pageDown: return Array(repeating: .command(.amplitudeDown(channel: channel)), count: coarseSteps)
        case .enter, .character("s"): return [.command(.start)]
        case .character("p"): return [.command(s.state == .paused ? .resume : .pause)]
        case .character("a"): return [.command(.acknowledge)]
        case .character("n"): return [.show(.confirmSkip)]
        case .character("t"): return [.toggleAttendance]
        case .character("q"), .function(10): return outputOn ? [.show(.confirmQuit)] : [.quit]
        case .character("?"), .function(1): return [.show(.help)]
        default: return [.none]
        }
    }
}
