/// Why a device refused a RUNS frame, and at which entry: what its ACK reports.
public struct RunStreamRefusal: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Reason: Error, Hashable, Sendable {
        case malformed(String)
        case outOfRange(String)
        case outOfOrder(String)
    }

    public var entry: Int
    public var reason: Reason

    public init(entry: Int, reason: Reason) {
        self.entry = entry
        self.reason = reason
    }

    public var result: WireResult {
        switch reason {
        case .malformed: .malformed
        case .outOfRange: .outOfRange
        case .outOfOrder: .outOfOrder
        }
    }

    public var description: String {
        switch reason {
        case .malformed(let why), .outOfRange(let why), .outOfOrder(let why): "entry \(entry): \(why)"
        }
    }
}
