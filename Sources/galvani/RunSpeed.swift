import ArgumentParser

/// How fast session time runs against the wall clock: a factor, or as fast as the machine can.
enum RunSpeed: ExpressibleByArgument, Equatable, CustomStringConvertible {
    case factor(Int64)
    case max

    init?(argument: String) {
        if argument == "max" {
            self = .max
        } else if let factor = Int64(argument), (1...10_000).contains(factor) {
            self = .factor(factor)
        } else {
            return nil
        }
    }

    var description: String {
        switch self {
        case .factor(let factor): String(factor)
        case .max: "max"
        }
    }

    var defaultValueDescription: String { description }

    /// Session time per wall-clock second; `max` steps a manual clock tick by tick, so no wall-clock delay shows.
    var wallClockFactor: Int64 {
        if case .factor(let factor) = self { factor } else { 1 }
    }
}
