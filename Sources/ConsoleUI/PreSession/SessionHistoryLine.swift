import Foundation
import TreatmentRecords

/// One past session as a therapist scans it: date, protocol, time delivered, highest amplitude per channel, how it ended.
enum SessionHistoryLine {
    static func text(_ s: SessionListing) -> String {
        let date = String(s.startedAt.prefix(16)).replacingOccurrences(of: "T", with: " ")
        let minutes = s.deliveredNanoseconds.map { "\($0 / 60_000_000_000) min" } ?? "? min"
        let highest = s.highestMicroamps.map(SessionListing.amplitudeText)
            .joined(separator: "/")
        return "\(date)  \(s.protocolID)  \(minutes)  \(highest.isEmpty ? "—" : highest)  \(s.endState ?? "open")"
    }
}
