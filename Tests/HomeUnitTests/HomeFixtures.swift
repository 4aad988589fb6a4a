import Foundation
@testable import HomeUnit

/// A scratch folder per test, and a prescription that is valid in every respect, for tests to break one at a time.
enum HomeFixtures {
    static func folder() -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("galvani-home-\(UUID())").path
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static let sha = String(repeating: "ab", count: 32)

    static let prescription = """
        format = 1
        patient = "P-100"
        clinician = "Dr A. Example"
        contact = "Physiotherapy clinic, 01234 567890"
        screening = "Screened 2026-11-28: no implanted device, not pregnant, no epilepsy; lower back only."
        valid_from = "2026-12-01"
        valid_until = "2027-03-01"
        sessions_per_day = 2
        minimum_gap = "4 h"
        longest_session = "30 min"

        [[protocol]]
        id = "tens-conventional"
        sha256 = "\(sha)"

        [[protocol.channel]]
        channel = 1
        start = "10 mA"
        maximum = "20 mA"

        [[protocol.channel]]
        channel = 2
        start = "8 mA"
        maximum = "15 mA"

        """

    static func errors(replacing old: String, with new: String) -> String {
        precondition(prescription.contains(old), "the fixture no longer has \(old)")
        do {
            _ = try PrescriptionLoader.load(bytes: Array(prescription.replacingOccurrences(of: old, with: new).utf8), file: "p.toml")
            return ""
        } catch {
            return error.description
        }
    }
}
