import StimulationCore
import Testing
@testable import ConsoleUI

@Suite struct PreSessionTests {
    @Test func everyQuestionMustBeAnswered() {
        var form = ScreeningForm(emphasised: [.pregnancy])
        form.handle(.character("n"))
        form.handle(.enter)
        #expect(form.outcome == .editing)
        #expect(form.message.contains("Every question"))
        #expect(form.cursor == 1)
    }

    @Test func allNoCompletesWithoutAReason() {
        var form = ScreeningForm(emphasised: [])
        for _ in Contraindication.allCases { form.handle(.character("n")) }
        form.handle(.enter)
        guard case .done(let answers, let reason) = form.outcome else { Issue.record("not done"); return }
        #expect(answers.count == Contraindication.allCases.count && answers.values.allSatisfy { !$0 })
        #expect(reason == nil)
    }

    @Test func aYesNeedsANonEmptyReason() {
        var form = ScreeningForm(emphasised: [])
        form.handle(.character("y"))
        for _ in Contraindication.allCases.dropFirst() { form.handle(.character("n")) }
        form.handle(.enter)
        #expect(form.reason == "")
        form.handle(.character(" "))
        form.handle(.enter)
        #expect(form.outcome == .editing)
        for c in "cardiologist approved" { form.handle(.character(c)) }
        form.handle(.enter)
        guard case .done(let answers, let reason) = form.outcome else { Issue.record("not done"); return }
        #expect(answers[.implantedDevice] == true)
        #expect(reason == "cardiologist approved")
    }

    @Test func theScreeningScreenShowsQuestionsAndEmphasis() {
        var buffer = ScreenBuffer(width: 100, height: 30)
        ScreeningForm(emphasised: [.pregnancy]).draw(into: &buffer, Rect(x: 0, y: 0, width: 100, height: 30), protocolTitle: "TENS")
        let text = buffer.lines.joined(separator: "\n")
        #expect(text.contains("Cardiac pacemaker or other implanted electronic device?"))
        #expect(text.contains("* Pregnancy?"))
    }

    @Test func thePickerChoosesWithEnter() throws {
        let a = TherapyProtocol(id: "a", title: "Alpha", indication: "x", placement: "y", channels: 1, contraindications: [],
                                programmes: [])
        var b = a
        b.id = "b"
        b.title = "Beta"
        var picker = ProtocolPicker(protocols: [a, b])
        picker.handle(.down)
        picker.handle(.enter)
        #expect(picker.chosen?.id == "b")
    }
}
