import ArgumentParser
import Foundation
import HomeUnit
import StimulationCore
import TreatmentRecords

/// `galvani home --history`: the patient's last days as a table and a bar of minutes per day.
enum HomeHistory {
    static let barWidth = 30

    static func print(store: RecordsStore, patient: String, days: Int, zone: TimeZone, now: Date = Date()) throws {
        let listings: [SessionListing]
        do {
            listings = try store.sessions(patient: patient, since: now.addingTimeInterval(-Double(days + 1) * 86_400))
        } catch {
            StandardError.write(PrescriptionRefusal.recordsUnavailable(error.description).description)
            throw ExitCode(1)
        }
        let sessions = listings.compactMap { listing -> ComplianceDay.Session? in
            guard let past = HomeGate.past(listing) else { return nil }
            return ComplianceDay.Session(start: past.start, delivered: past.delivered,
                                         deliveredSeconds: (listing.deliveredNanoseconds ?? 0) / 1_000_000_000,
                                         highestMicroamps: listing.highestMicroamps.max() ?? 0)
        }
        let log = ComplianceDay.log(sessions, days: days, now: now, zone: zone)
        var out = StandardOutput()
        out.line("Sessions of \(ControlCharacter.visible(patient)), the last \(days) day\(days == 1 ? "" : "s")")
        out.line("day          sessions     time  highest")
        let longest = max(1, log.map(\.seconds).max() ?? 1)
        for day in log {
            let time = TimeSpan(nanoseconds: day.seconds.multipliedReportingOverflow(by: 1_000_000_000).overflow ? .max
                                    : day.seconds * 1_000_000_000).clockText
            let highest = day.sessions == 0 ? "-" : SessionListing.amplitudeText(day.highestMicroamps)
            let bar = String(repeating: "█", count: Int(day.seconds * Int64(barWidth) / longest))
            let row = "\(day.day)  \(pad(String(day.sessions), 8, right: true))  \(pad(time, 7, right: true))  "
                + "\(highest.padding(toLength: 9, withPad: " ", startingAt: 0)) \(bar)"
            out.line(row.trimmingTrailingSpaces())
        }
        let total = log.reduce(0) { $0 + $1.sessions }
        out.line("\(total) session\(total == 1 ? "" : "s") in all; each bar is that day's time of stimulation.")
        out.flush()
    }
}
