import Foundation

/// A session's record in a form another program reads: CSV of its traces and events, or JSON of all of it.
public enum RecordExport {
    public static let csvHeader = ["session", "t_s", "wall", "kind", "channel", "target_uA", "commanded_uA", "delivered_uA",
                                   "impedance_ohm", "contact", "event", "detail"]

    /// One row per channel per trace second, one per event or other entry, in the order of the record.
    public static func csv(_ sessions: [(SessionListing, [RecordEntry])]) -> String {
        var lines = [csvHeader.joined(separator: ",")]
        for (listing, entries) in sessions {
            for entry in entries {
                let payload = RecordPayload.object(entry.payload)
                let time = String(format: "%.3f", Double(entry.time) / 1e9)
                if entry.kind == "trace" {
                    for channel in payload["channels"] as? [[String: Any]] ?? [] {
                        lines.append(row([listing.id, time, entry.wall, "trace", text(channel["channel"]),
                                          text(channel["target_uA"]), text(channel["commanded_uA"]), text(channel["delivered_uA"]),
                                          text(channel["impedance_ohm"]), text(channel["contact"]), "", ""]))
                    }
                } else {
                    var detail = payload
                    detail.removeValue(forKey: "event")
                    detail.removeValue(forKey: "type")
                    detail.removeValue(forKey: "t")
                    lines.append(row([listing.id, time, entry.wall, entry.kind, text(payload["channel"]), "", "", "", "", "",
                                      payload["event"] as? String ?? "", RecordPayload.text(detail)]))
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The whole record: the session, the exact protocol text, and every entry with its hash.
    public static func json(_ listing: SessionListing, entries: [RecordEntry], protocolText: String?) -> [String: Any] {
        [
            "session": listing.json,
            "protocol_text": protocolText ?? NSNull(),
            "entries": entries.map { entry -> [String: Any] in
                ["seq": entry.seq, "t_s": Double(entry.time) / 1e9, "wall": entry.wall, "kind": entry.kind,
                 "payload": RecordPayload.object(entry.payload), "prev": entry.prev, "hash": entry.hash]
            },
        ]
    }

    private static func text(_ value: Any?) -> String {
        switch value {
        case nil, is NSNull: ""
        case let number as NSNumber: number.stringValue
        case let string as String: string
        default: "\(value!)"
        }
    }

    /// RFC 4180 quoting; a field a spreadsheet would take for a formula is prefixed with an apostrophe.
    static func row(_ fields: [String]) -> String {
        fields.map { field in
            var field = field
            if let first = field.first, "=+-@".contains(first), Double(field) == nil { field = "'" + field }
            guard field.contains(where: { ",\"\n\r".contains($0) }) else { return field }
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ",")
    }
}
