import Foundation
import StimulationCore

/// What the unit remembers outside its records: how many home sessions it has started and the latest moment it
/// has seen. A records file deleted, replaced or rolled back then shows as fewer sessions than the ledger's, and
/// a clock set back as earlier than its latest moment, instead of as a fresh start.
public struct HomeLedger: Sendable {
    public struct Marks: Sendable, Equatable {
        public var sessions: Int
        public var latest: Date?
    }

    public let path: String

    public init(folder: String) { path = folder + "/home-ledger" }

    static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: TimeZone(identifier: "UTC")!)

    /// Nothing yet before the first session; a damaged ledger is an error, never a fresh start.
    public func read() throws(KeyFileError) -> Marks {
        guard FileManager.default.fileExists(atPath: path) else { return Marks(sessions: 0, latest: nil) }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw KeyFileError("\(path) cannot be read")
        }
        var sessions: Int?, latest: Date?
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where !line.isEmpty && !line.hasPrefix("#") {
            let at = "\(path):\(index + 1):1"
            if line.hasPrefix("sessions "), let count = Int(line.dropFirst("sessions ".count)), count >= 0 {
                sessions = count
            } else if line.hasPrefix("latest "), let date = try? Date(String(line.dropFirst("latest ".count)), strategy: Self.style) {
                latest = date
            } else {
                throw KeyFileError("\(at): \"\(ControlCharacter.visible(String(line)))\" is not a line of the unit's ledger "
                    + "(allowed: sessions COUNT, latest TIME)")
            }
        }
        guard let sessions else { throw KeyFileError("\(path): the count of sessions is missing") }
        return Marks(sessions: sessions, latest: latest)
    }

    /// One more session started at `now`.
    public func recordStart(at now: Date) throws(KeyFileError) {
        let marks = try read()
        let latest = max(now, marks.latest ?? now)
        let lines = ["# Home sessions this unit has started, and the latest time it has seen (galvani home).",
                     "sessions \(marks.sessions + 1)", "latest \(latest.formatted(Self.style))"]
        let temporary = path + ".new"
        try? FileManager.default.removeItem(atPath: temporary)
        try KeyFile.write(lines, to: temporary, mode: 0o600)
        guard rename(temporary, path) == 0 else {
            throw KeyFileError("cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }
}
