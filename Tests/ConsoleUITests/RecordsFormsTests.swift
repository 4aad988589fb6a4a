import StimulationCore
import Testing
import TreatmentRecords
@testable import ConsoleUI

/// The forms around a session: who operates, which patient, and what is documented afterwards.
@Suite struct RecordsFormsTests {
    func type(_ text: String) -> [Key] { text.map { Key.character($0) } }

    @Test func aTextFieldTakesPrintableTextOnlyAndStopsAtItsLimit() {
        var field = TextField(limit: 5)
        for key in type("ab\u{1b}c\u{7}d") { field.handle(key) }
        #expect(field.text == "abcd")
        for key in type("efgh") { field.handle(key) }
        #expect(field.text == "abcde")
        field.handle(.backspace)
        #expect(field.text == "abcd")
    }

    @Test func patientsAreFoundByTypingAndAddedWithF2() {
        var chooser = PatientChooser(patients: [PatientRecord(id: "1", clinicID: "P-001", name: "Ada Lovelace", birthYear: 1961),
                                                PatientRecord(id: "2", clinicID: "P-002", name: "Alan Turing", birthYear: nil)])
        for key in type("tur") { chooser.handle(key) }
        #expect(chooser.matching.map(\.clinicID) == ["P-002"])
        chooser.handle(.enter)
        #expect(chooser.outcome == .chose(chooser.patients[1]))

        var adding = PatientChooser(patients: [])
        adding.handle(.enter)
        #expect(adding.message.contains("F2 adds one"))
        adding.handle(.function(2))
        for key in type("P-003") { adding.handle(key) }
        adding.handle(.tab)
        for key in type("Grace Hopper") { adding.handle(key) }
        adding.handle(.tab)
        for key in type("1806") { adding.handle(key) }
        adding.handle(.enter)
        #expect(adding.message.contains("give a year from 1900"))
        for _ in 0..<4 { adding.handle(.backspace) }
        for key in type("1906") { adding.handle(key) }
        adding.handle(.enter)
        #expect(adding.outcome == .add(id: "P-003", name: "Grace Hopper", born: 1906))
        adding.refused("a patient with the identifier P-003 is already in the records")
        #expect(adding.outcome == .choosing && adding.adding != nil, "the form stays open with what was typed")
    }

    @Test func documentationNeedsTheSkinAndTheMinutesAttendedAndChecksPainScores() {
        var form = DocumentationForm(sessionMinutes: 20)
        for key in type("11") { form.handle(key) }
        form.handle(.enter)
        #expect(form.message.contains("0 to 10"))
        form.handle(.backspace)
        form.handle(.enter)
        #expect(form.message.contains("Minutes attended: 0 to 20"))
        // The form has moved to the field that needs an answer.
        for key in type("25") { form.handle(key) }
        form.handle(.enter)
        #expect(form.message.contains("Minutes attended: 0 to 20"))
        form.handle(.backspace)
        form.handle(.enter)
        #expect(form.message.contains("Skin afterwards"))
        form.handle(.right)
        form.handle(.right)
        form.handle(.enter)
        #expect(form.outcome == .save(["pain_before": .number(1), "attended_minutes": .number(2), "skin": .text("redness")]))
    }

    @Test func skippingDocumentationAsksFirst() {
        var form = DocumentationForm(sessionMinutes: 5)
        form.handle(.escape)
        #expect(form.confirmingSkip)
        form.handle(.character("n"))
        #expect(form.outcome == .editing && !form.confirmingSkip)
        form.handle(.escape)
        form.handle(.character("y"))
        #expect(form.outcome == .skipped)
    }

    @Test func attendanceIsUnknownUntilMarkedThenAddsUpThePresentStretches() {
        var attendance = Attendance()
        #expect(attendance.minutes(until: .minutes(20)) == nil)
        attendance.toggle(at: .minutes(1))
        attendance.toggle(at: .minutes(6))
        attendance.toggle(at: .minutes(10))
        #expect(attendance.present == true)
        #expect(attendance.minutes(until: .minutes(20)) == 15)
        var form = DocumentationForm(sessionMinutes: 12, attended: 15)
        #expect(form.fields[6].text == "12", "never more than the session lasted")
        form = DocumentationForm(sessionMinutes: 20)
        #expect(form.fields[6].text.isEmpty, "not known: asked")
    }
}
