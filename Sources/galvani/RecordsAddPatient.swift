import ArgumentParser
import StimulationCore
import TreatmentRecords

struct RecordsAddPatient: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add-patient", abstract: "Add a patient to the records.")

    @OptionGroup var file: RecordsFile

    @Argument(help: "The identifier the clinic uses for the patient.")
    var id: String

    @Option(help: "The patient's name.")
    var name: String

    @Option(help: "The year of birth.")
    var born: Int?

    func validate() throws {
        try PatientFields.check(id: id, name: name, born: born)
    }

    func run() throws {
        let store = try file.open()
        let patient = try recordsAction { () throws(RecordsError) in try store.addPatient(clinicID: id, name: name, birthYear: born) }
        print("added patient \(patient.clinicID): \(patient.name)\(patient.birthYear.map { ", born \($0)" } ?? "")")
    }
}

struct RecordsPatients: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "patients", abstract: "The patients in the records.")

    @OptionGroup var file: RecordsFile

    func run() throws {
        let store = try file.open()
        let patients = try recordsAction { () throws(RecordsError) in try store.patients() }
        guard !patients.isEmpty else {
            print("no patients in \(store.path); add one with galvani records add-patient ID --name NAME")
            return
        }
        print(RecordsText.table([["ID", "NAME", "BORN"]] + patients.map { [$0.clinicID, $0.name, $0.birthYear.map(String.init) ?? ""] }))
    }
}
