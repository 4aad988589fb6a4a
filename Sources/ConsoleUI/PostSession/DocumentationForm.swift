import StimulationCore

/// After the session: what a therapist documents (the patient's response and pain before and after, the skin,
/// the electrode sites, the minutes attended), saved into the record; skipping leaves it marked "not documented".
public struct DocumentationForm: Sendable {
    public enum Outcome: Equatable, Sendable {
        case editing
        /// The entry to append to the record, as JSON-ready fields.
        case save([String: DocumentationValue])
        case skipped
    }

    public enum Skin: String, CaseIterable, Sendable {
        case normal, redness, irritation, burn
    }

    enum Field: Int, CaseIterable {
        case painBefore, painAfter, response, skin, skinNote, sites, attended

        var label: String {
            switch self {
            case .painBefore: "Pain before (0–10)"
            case .painAfter: "Pain after (0–10)"
            case .response: "Patient response"
            case .skin: "Skin afterwards"
            case .skinNote: "Skin note"
            case .sites: "Electrode sites"
            case .attended: "Minutes attended"
            }
        }
    }

    /// The session's length in whole minutes, rounded up: the most that can have been attended.
    public let sessionMinutes: Int
    public private(set) var fields: [TextField]
    public private(set) var skin: Skin?
    public private(set) var focus = 0
    public private(set) var outcome: Outcome = .editing
    public private(set) var message = ""
    public private(set) var confirmingSkip = false

    /// `attended`: the minutes the therapist's marks add up to, offered for checking; nil asks for them.
    public init(sessionMinutes: Int, attended: Int? = nil, sites: String = "") {
        self.sessionMinutes = sessionMinutes
        fields = Field.allCases.map { field in
            switch field {
            case .painBefore, .painAfter: TextField(limit: 2)
            case .attended: TextField(attended.map { String(min($0, sessionMinutes)) } ?? "", limit: 4)
            case .sites: TextField(sites, limit: 200)
            default: TextField(limit: 200)
            }
        }
    }

    public mutating func handle(_ key: Key) {
        message = ""
        guard outcome == .editing else { return }
        if confirmingSkip {
            if key == .character("y") { outcome = .skipped } else { confirmingSkip = false }
            return
        }
        let field = Field(rawValue: focus)!
        if field == .skin {
            let all = Skin.allCases
            switch key {
            case .right, .character(" "): skin = all[((skin.map { all.firstIndex(of: $0)! } ?? -1) + 1) % all.count]; return
            case .left: skin = all[((skin.map { all.firstIndex(of: $0)! } ?? 0) + all.count - 1) % all.count]; return
            default: break
            }
        } else if fields[focus].handle(key) {
            return
        }
        switch key {
        case .tab, .down: focus = (focus + 1) % fields.count
        case .backTab, .up: focus = (focus + fields.count - 1) % fields.count
        case .enter, .function(10): save()
        case .escape: confirmingSkip = true
        default: break
        }
    }

    /// The record did not take the entry: the form stays, with the reason, so nothing typed is lost.
    public mutating func failed(_ reason: String) {
        outcome = .editing
        message = reason
    }

    private mutating func save() {
        var entry: [String: DocumentationValue] = [:]
        for (field, key) in [(Field.painBefore, "pain_before"), (.painAfter, "pain_after")] {
            let text = fields[field.rawValue].trimmed
            guard !text.isEmpty else { continue }
            guard let score = Int(text), (0...10).contains(score) else {
                focus = field.rawValue
                message = "\(field.label): a whole number from 0 to 10, or empty."
                return
            }
            entry[key] = .number(score)
        }
        let attended = fields[Field.attended.rawValue].trimmed
        guard let minutes = Int(attended), (0...sessionMinutes).contains(minutes) else {
            focus = Field.attended.rawValue
            message = "Minutes attended: 0 to \(sessionMinutes) (how long you were with the patient during the session)."
            return
        }
        guard let skin else {
            focus = Field.skin.rawValue
            message = "Skin afterwards: choose normal, redness, irritation or burn with ←→."
            return
        }
        entry["attended_minutes"] = .number(minutes)
        entry["skin"] = .text(skin.rawValue)
        for (field, key) in [(Field.response, "response"), (.skinNote, "skin_note"), (.sites, "electrode_sites")] {
            let text = fields[field.rawValue].trimmed
            if !text.isEmpty { entry[key] = .text(text) }
        }
        outcome = .save(entry)
    }

    public func draw(into buffer: inout ScreenBuffer, _ rect: Rect) {
        buffer.fill(rect)
        BoxFrame.draw(into: &buffer, rect, title: "Document the session")
        let width = rect.width - 4
        buffer.write("Tab/↑↓ move · ←→ choose the skin · Enter save · Esc skip (the record then says \"not documented\")",
                     x: rect.x + 2, y: rect.y + 1, role: .dim, limit: width)
        for field in Field.allCases {
            let focused = field.rawValue == focus
            let value = field == .skin
                ? Skin.allCases.map { $0 == skin ? "[\($0.rawValue)]" : " \($0.rawValue) " }.joined(separator: " ")
                : fields[field.rawValue].shown(width: width - 24, focused: focused)
            buffer.write("\(focused ? "▶" : " ") \(field.label.padding(toLength: 20, withPad: " ", startingAt: 0)) \(value)",
                         x: rect.x + 2, y: rect.y + 3 + field.rawValue, role: focused ? .selected : .value, limit: width)
        }
        if confirmingSkip {
            buffer.write("Leave without documenting? The record will say \"not documented\". y = yes, any other key = back",
                         x: rect.x + 2, y: rect.maxY - 2, role: .alarmMedium, limit: width)
        } else if !message.isEmpty {
            buffer.write(message, x: rect.x + 2, y: rect.maxY - 2, role: .alarmMedium, limit: width)
        }
    }
}

/// A documented value: a number or a line of text.
public enum DocumentationValue: Hashable, Sendable {
    case number(Int)
    case text(String)

    public var json: Any {
        switch self {
        case .number(let n): n
        case .text(let t): t
        }
    }
}
