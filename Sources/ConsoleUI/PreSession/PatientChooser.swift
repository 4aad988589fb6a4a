import Foundation
import StimulationCore
import TreatmentRecords

/// Before the protocol: the patient, chosen from the records by typing part of an identifier or name, or added.
/// The highlighted patient's last sessions are shown, so the therapist starts from what was used last time.
public struct PatientChooser: Sendable {
    public enum Outcome: Equatable, Sendable {
        case choosing
        case chose(PatientRecord)
        /// The operator filled in a new patient: the console adds it to the records and calls `added` or `refused`.
        case add(id: String, name: String, born: Int?)
        case cancelled
    }

    public private(set) var patients: [PatientRecord]
    public private(set) var filter = TextField(limit: 40)
    public private(set) var cursor = 0
    public private(set) var outcome: Outcome = .choosing
    public private(set) var message = ""
    /// Non-nil while a new patient is being typed: identifier, name, year of birth.
    public private(set) var adding: [TextField]?
    public private(set) var addingFocus = 0
    /// The highlighted patient's last sessions, newest first; the console fills it in.
    public var history: [SessionListing] = []

    public init(patients: [PatientRecord]) { self.patients = patients }

    public var matching: [PatientRecord] {
        let wanted = filter.trimmed.lowercased()
        guard !wanted.isEmpty else { return patients }
        return patients.filter { $0.clinicID.lowercased().contains(wanted) || $0.name.lowercased().contains(wanted) }
    }

    public var highlighted: PatientRecord? { matching.indices.contains(cursor) ? matching[cursor] : nil }

    public mutating func handle(_ key: Key) {
        message = ""
        guard outcome == .choosing else { return }
        if var fields = adding {
            handleAdding(key, &fields)
            return
        }
        if filter.handle(key) {
            cursor = 0
            return
        }
        switch key {
        case .up: cursor = max(0, cursor - 1)
        case .down, .tab: cursor = min(max(0, matching.count - 1), cursor + 1)
        case .enter:
            if let highlighted { outcome = .chose(highlighted) } else { message = "No patient matches; F2 adds one." }
        case .function(2):
            adding = [TextField(filter.trimmed, limit: PatientFields.longestText), TextField(limit: PatientFields.longestText),
                      TextField(limit: 4)]
            addingFocus = 0
        case .escape: outcome = .cancelled
        default: break
        }
    }

    private mutating func handleAdding(_ key: Key, _ fields: inout [TextField]) {
        defer { if adding != nil { adding = fields } }
        if fields[addingFocus].handle(key) { return }
        switch key {
        case .tab, .down: addingFocus = (addingFocus + 1) % fields.count
        case .backTab, .up: addingFocus = (addingFocus + fields.count - 1) % fields.count
        case .escape: adding = nil
        case .enter:
            let born = fields[2].trimmed
            guard born.isEmpty || Int(born) != nil else {
                message = "The year of birth is four digits, or left empty."
                return
            }
            do {
                try PatientFields.check(id: fields[0].trimmed, name: fields[1].trimmed, born: Int(born))
                outcome = .add(id: fields[0].trimmed, name: fields[1].trimmed, born: Int(born))
            } catch {
                message = error.description
            }
        default: break
        }
    }

    /// The records took the new patient: it is the one chosen.
    public mutating func added(_ patient: PatientRecord) {
        patients.append(patient)
        adding = nil
        outcome = .chose(patient)
    }

    /// The records refused the new patient (an identifier already taken): the form stays open with the reason.
    public mutating func refused(_ reason: String) {
        outcome = .choosing
        message = reason
    }

    public func draw(into buffer: inout ScreenBuffer, _ rect: Rect) {
        buffer.fill(rect)
        BoxFrame.draw(into: &buffer, rect, title: "Choose the patient")
        let width = rect.width - 4
        if let adding {
            let labels = ["Identifier", "Name", "Year of birth"]
            buffer.write("A new patient. Tab moves between fields, Enter adds, Esc goes back.", x: rect.x + 2, y: rect.y + 2,
                         role: .dim, limit: width)
            for (index, field) in adding.enumerated() {
                let focused = index == addingFocus
                buffer.write("\(focused ? "▶" : " ") \(labels[index].padding(toLength: 14, withPad: " ", startingAt: 0)) "
                    + field.shown(width: width - 18, focused: focused),
                             x: rect.x + 2, y: rect.y + 4 + index, role: focused ? .selected : .value, limit: width)
            }
        } else {
            buffer.write("Type to find · ↑↓ move · Enter choose · F2 add a patient · Esc quit", x: rect.x + 2, y: rect.y + 1,
                         role: .dim, limit: width)
            buffer.write("Find: " + filter.shown(width: width - 6, focused: true), x: rect.x + 2, y: rect.y + 2, role: .value, limit: width)
            let list = matching
            let rows = max(1, rect.height - 12)
            let first = max(0, min(cursor - rows / 2, list.count - rows))
            for (offset, patient) in list.dropFirst(first).prefix(rows).enumerated() {
                let selected = first + offset == cursor
                let born = patient.birthYear.map { " (\($0))" } ?? ""
                buffer.write("\(selected ? "▶" : " ") \(patient.clinicID)  \(patient.name)\(born)", x: rect.x + 2,
                             y: rect.y + 4 + offset, role: selected ? .selected : .normal, limit: width)
            }
            if list.isEmpty {
                buffer.write(patients.isEmpty ? "No patients in the records yet: F2 adds the first." : "No patient matches.",
                             x: rect.x + 2, y: rect.y + 4, role: .dim, limit: width)
            }
            drawHistory(into: &buffer, Rect(x: rect.x + 2, y: rect.maxY - 7, width: width, height: 5))
        }
        if !message.isEmpty { buffer.write(message, x: rect.x + 2, y: rect.maxY - 2, role: .alarmMedium, limit: width) }
    }

    private func drawHistory(into buffer: inout ScreenBuffer, _ area: Rect) {
        guard let highlighted else { return }
        guard !history.isEmpty else {
            buffer.write("\(highlighted.clinicID): no sessions yet", x: area.x, y: area.y, role: .dim, limit: area.width)
            return
        }
        buffer.write("Last sessions of \(highlighted.clinicID)", x: area.x, y: area.y, role: .label, limit: area.width)
        for (row, session) in history.prefix(area.height - 1).enumerated() {
            buffer.write(SessionHistoryLine.text(session), x: area.x, y: area.y + 1 + row, role: .normal, limit: area.width)
        }
    }
}
