import CGPIO

/// How one requested line is set up, in the terms of libgpiod v2's line settings.
public struct GPIOLineSettings: Sendable, Equatable {
    public enum Direction: Sendable { case input, output }
    public enum Bias: String, Sendable, CaseIterable { case pullUp = "pull-up", pullDown = "pull-down", disabled = "none" }
    public enum Drive: String, Sendable, CaseIterable { case pushPull = "push-pull", openDrain = "open-drain", openSource = "open-source" }

    public var direction: Direction
    public var bias: Bias?
    public var drive: Drive
    public var activeLow: Bool
    /// The value the line takes the moment it is claimed, before any set: an output stage starts off.
    public var initiallyActive: Bool

    public init(direction: Direction = .output, bias: Bias? = nil, drive: Drive = .pushPull, activeLow: Bool = false,
                initiallyActive: Bool = false) {
        self.direction = direction
        self.bias = bias
        self.drive = drive
        self.activeLow = activeLow
        self.initiallyActive = initiallyActive
    }

    var flags: UInt64 {
        var flags = direction == .output ? CGPIO_FLAG_OUTPUT : CGPIO_FLAG_INPUT
        if activeLow { flags |= CGPIO_FLAG_ACTIVE_LOW }
        switch bias {
        case .pullUp: flags |= CGPIO_FLAG_PULL_UP
        case .pullDown: flags |= CGPIO_FLAG_PULL_DOWN
        case .disabled: flags |= CGPIO_FLAG_BIAS_DISABLED
        case nil: break
        }
        if direction == .output {
            switch drive {
            case .pushPull: break
            case .openDrain: flags |= CGPIO_FLAG_OPEN_DRAIN
            case .openSource: flags |= CGPIO_FLAG_OPEN_SOURCE
            }
        }
        return UInt64(flags)
    }
}
