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
}
