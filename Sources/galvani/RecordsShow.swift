import ArgumentParser
import Foundation
import StimulationCore
import StimulationEngine
import TreatmentRecords

struct RecordsShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "One session: its head, its events and its documentation.")

    @OptionGroup var file: RecordsFile

    @Argument(help: "The session's id, or enough of its beginning to be unambiguous.")
    var session: String

    @Flag(help: "Print the whole record as JSON (traces included).")
    var json = false

    func run() throws {
        let store = try file.open()
        let (listing, entries, text) = try recordsAction { () throws(RecordsError) in
            let id = try store.resolveSession(session)
            let listing = try store.session(id)!
            return (listing, try store.entries(of: id), try store.protocolText(sha256: listing.protocolSHA256))
        }
        if json {
            print(SessionJSON.line(RecordExport.json(listing, entries: entries, protocolText: text)))
            return
        }
        var lines = [
            "Session   \(listing.id)",
            "Patient   \(listing.patient ?? "(none named)")",
            "Operator  \(listing.operatorName ?? "(none named)")",
            "Started   \(listing.startedAt) UTC",
            "Ended     \(listing.endedAt.map { $0 + " UTC" } ?? "(open)")  \(listing.endState ?? "")  \(listing.endReason ?? "")",
            "Protocol  \(listing.protocolID)  sha256 \(listing.protocolSHA256)",
            "Transport \(listing.transport)",
            "Delivered \(RecordsText.duration(listing.deliveredNanoseconds))",
            "Highest   " + listing.highestMicroamps.enumerated().map { "ch\($0.offset + 1) \(SessionListing.amplitudeText($0.element))" }
                .joined(separator: "  "),
            "",
        ]
        var traces = 0
        for entry in entries {
            if entry.kind == "trace" {
                traces += 1
                continue
            }
            lines.append(String(format: "#%-5lld %9.3f s  ", entry.seq, Double(entry.time) / 1e9)
                + entry.kind.padding(toLength: 14, withPad: " ", startingAt: 0) + entry.payload)
        }
        lines.append("(\(traces) seconds of channel traces: --json or records export shows them)")
        print(lines.map(ControlCharacter.visible).joined(separator: "\n"))
    }
}
