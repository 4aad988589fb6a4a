import Foundation
import StimulationCore

/// What a patient entry may hold, checked the same way from the command line and from the console's form.
public enum PatientFields {
    public static let longestText = 100

    public static func check(id: String, name: String, born: Int?, thisYear: Int = Calendar(identifier: .gregorian)
        .component(.year, from: Date())) throws(RecordsError) {
        for (field, value) in [("the identifier", id), ("the name", name)] {
            if value.trimmingCharacters(in: .whitespaces).isEmpty { throw RecordsError("\(field) is blank; give one") }
            if let bad = ControlCharacter.first(in: value) ?? (value.contains("\n") || value.contains("\t") ? "a line break or tab" : nil) {
                throw RecordsError("\(field) holds \(bad); give printable text on one line")
            }
            if value.count > longestText { throw RecordsError("\(field) has \(value.count) characters; give at most \(longestText)") }
        }
        if let born, !(1900...thisYear).contains(born) {
            throw RecordsError("born \(born): give a year from 1900 to \(thisYear)")
        }
    }
}
