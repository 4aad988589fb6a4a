import ArgumentParser
import StimulationCore
import TreatmentRecords

/// Documentation from the command line: for a headless session, or a later correction of the console's.
struct RecordsDocument: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "document",
        abstract: "Document a session that has ended (or correct its documentation).",
        discussion: """
        Appends a documentation entry to the session's record, as the console's documentation screen does. \
        With --corrects, the entry replaces an earlier one for readers, which stays in the record.
        """
    )

    enum Skin: String, ExpressibleByArgument, CaseIterable {
        case normal, redness, irritation, burn
    }

    @OptionGroup var file: RecordsFile

    @Argument(help: "The session's id, or enough of its beginning to be unambiguous.")
    var session: String

    @Option(name: .customLong("operator"), help: "Who documents.")
    var operatorName: String

    @Option(help: "Minutes the therapist attended.")
    var attended: Int

    @Option(help: "normal, redness, irritation or burn.")
    var skin: Skin

    @Option(help: "Pain score before the session, 0 to 10.")
    var painBefore: Int?

    @Option(help: "Pain score after the session, 0 to 10.")
    var painAfter: Int?

    @Option(help: "The patient's response.")
    var response: String?

    @Option(help: "A note on the skin.")
    var skinNote: String?

    @Option(help: "The electrode sites.")
    var sites: String?

    @Option(help: "The entry number (seq) of the documentation this corrects, as records show lists it.")
    var corrects: Int64?

    func validate() throws {
        for (flag, score) in [("--pain-before", painBefore), ("--pain-after", painAfter)] {
            if let score, !(0...10).contains(score) { throw ValidationError("\(flag) \(score): give 0 to 10") }
        }
        for (flag, text) in [("--operator", operatorName), ("--response", response), ("--skin-note", skinNote), ("--sites", sites)] {
            guard let text else { continue }
            if let bad = ControlCharacter.first(in: text) { throw ValidationError("\(flag): holds \(bad); give printable text") }
            if text.count > 200 { throw ValidationError("\(flag): \(text.count) characters; give at most 200") }
            if text.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("\(flag): give a value, not blank text") }
        }
    }

    func run() throws {
        let store = try file.open()
        let seq = try recordsAction { () throws(RecordsError) -> Int64 in
            let id = try store.resolveSession(session)
            let listing = try store.session(id)!
            guard listing.endState != nil else {
                throw RecordsError("session \(id) has not ended; document it once it has")
            }
            let entries = try store.entries(of: id)
            let minutes = Int(((entries.last?.time ?? 0) + 59_999_999_999) / 60_000_000_000)
            guard (0...max(1, minutes)).contains(attended) else {
                throw RecordsError("--attended \(attended): the session lasted \(minutes) minutes; give 0 to \(max(1, minutes))")
            }
            if let corrects, !entries.contains(where: { $0.seq == corrects && $0.kind == "documentation" }) {
                throw RecordsError("--corrects \(corrects): entry \(corrects) of session \(id) is not documentation")
            }
            var payload: [String: Any] = ["operator": operatorName, "attended_minutes": attended, "skin": skin.rawValue]
            payload["pain_before"] = painBefore
            payload["pain_after"] = painAfter
            payload["response"] = response
            payload["skin_note"] = skinNote
            payload["electrode_sites"] = sites
            payload["corrects"] = corrects
            return try store.append(session: id, kind: "documentation", payload: payload)
        }
        print("documented as entry \(seq)\(corrects.map { ", correcting entry \($0)" } ?? "")")
    }
}
