import Foundation
import GRDB

extension RecordsStore {
    public func patients() throws(RecordsError) -> [PatientRecord] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT id, clinic_id, name, birth_year FROM patient ORDER BY clinic_id").map(Self.patient)
        }
    }

    public func patient(clinicID: String) throws(RecordsError) -> PatientRecord? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT id, clinic_id, name, birth_year FROM patient WHERE clinic_id = ?",
                             arguments: [clinicID]).map(Self.patient)
        }
    }

    /// Adds a patient; an identifier already taken is refused, never overwritten.
    @discardableResult
    public func addPatient(clinicID: String, name: String, birthYear: Int?) throws(RecordsError) -> PatientRecord {
        let patient = PatientRecord(id: UUID().uuidString.lowercased(), clinicID: clinicID, name: name, birthYear: birthYear)
        try write { db in
            guard try Int.fetchOne(db, sql: "SELECT 1 FROM patient WHERE clinic_id = ?", arguments: [clinicID]) == nil else {
                throw RecordsError("a patient with the identifier \(clinicID) is already in the records")
            }
            try db.execute(sql: "INSERT INTO patient (id, clinic_id, name, birth_year, created_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [patient.id, clinicID, name, birthYear, WallClock.text(Date())])
        }
        return patient
    }

    private static func patient(_ row: Row) -> PatientRecord {
        PatientRecord(id: row["id"], clinicID: row["clinic_id"], name: row["name"], birthYear: row["birth_year"])
    }
}
