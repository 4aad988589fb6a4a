import Foundation

/// One row of a session's record. Rows are only ever appended; each carries the hash of the row before it,
/// and its own hash covers everything in it, so `records verify` finds a row edited or removed afterwards.
public struct RecordEntry: Codable, Hashable, Sendable {
    public var sessionID: String
    public var seq: Int64
    /// Session time, in nanoseconds.
    public var time: Int64
    /// UTC wall-clock time when the entry was made (ISO 8601, milliseconds).
    public var wall: String
    public var kind: String
    /// A JSON object, keys sorted.
    public var payload: String
    public var prev: String
    public var hash: String

    enum CodingKeys: String, CodingKey {
        case sessionID = "session_id", seq, time = "t_ns", wall, kind, payload, prev, hash
    }

    /// The hash an entry must carry: over every field but the hash itself, each on its own line.
    static func hash(sessionID: String, seq: Int64, time: Int64, wall: String, kind: String, payload: String, prev: String) -> String {
        ContentHash.sha256([prev, sessionID, String(seq), String(time), wall, kind, payload].joined(separator: "\n"))
    }

    var expectedHash: String {
        Self.hash(sessionID: sessionID, seq: seq, time: time, wall: wall, kind: kind, payload: payload, prev: prev)
    }
}

/// The end of a session's chain: where the next entry goes and what it must point at.
struct RecordChain: Sendable {
    let sessionID: String
    var nextSeq: Int64
    var head: String

    mutating func append(time: Int64, kind: String, payload: String, wall: Date = Date()) -> RecordEntry {
        let wallText = WallClock.text(wall)
        let hash = RecordEntry.hash(sessionID: sessionID, seq: nextSeq, time: time, wall: wallText, kind: kind,
                                    payload: payload, prev: head)
        let entry = RecordEntry(sessionID: sessionID, seq: nextSeq, time: time, wall: wallText, kind: kind,
                                payload: payload, prev: head, hash: hash)
        nextSeq &+= 1
        head = hash
        return entry
    }
}

/// UTC wall-clock times as the records write them.
enum WallClock {
    static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: TimeZone(identifier: "UTC")!)

    static func text(_ date: Date) -> String { date.formatted(style) }
}
