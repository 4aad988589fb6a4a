/// A patient as the clinic knows them: its own identifier, a name, the year of birth.
public struct PatientRecord: Hashable, Sendable {
    public var id: String
    public var clinicID: String
    public var name: String
    public var birthYear: Int?

    public init(id: String, clinicID: String, name: String, birthYear: Int?) {
        self.id = id
        self.clinicID = clinicID
        self.name = name
        self.birthYear = birthYear
    }
}
