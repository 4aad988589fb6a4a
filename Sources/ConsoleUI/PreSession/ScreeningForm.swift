import Foundation
import StimulationCore

/// The contraindication screening: every question answered yes or no; any "yes" needs an
/// override reason typed by the operator before the session may go on.
public struct ScreeningForm: Sendable {
    public enum Outcome: Equatable, Sendable {
        case editing
        case cancelled
        case done(answers: [Contraindication: Bool], overrideReason: String?)
    }

    public let questions = Contraindication.allCases
    /// The protocol's own list, marked on screen as "especially" relevant.
    public let emphasised: Set<Contraindication>
    public private(set) var answers: [Contraindication: Bool] = [:]
    public private(set) var cursor = 0
    /// Non-nil while the operator types the reason for going on despite a "yes".
    public private(set) var reason: String?
    public private(set) var outcome: Outcome = .editing
    public private(set) var message = ""

    public init(emphasised: [Contraindication]) { self.emphasised = Set(emphasised) }

    public var positive: [Contraindication] { questions.filter { answers[$0] == true } }

    public mutating func handle(_ key: Key) {
        message = ""
        if var typed = reason {
            switch key {
            case .escape: reason = nil
            case .backspace: if !typed.isEmpty { typed.removeLast() }; reason = typed
            case .enter:
                let trimmed = typed.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty {
                    message = "An override needs a reason."
                } else {
                    outcome = .done(answers: answers, overrideReason: trimmed)
                }
            case .character(let c): reason = typed + String(c)
            default: break
            }
            return
        }
        switch key {
        case .up: cursor = max(0, cursor - 1)
        case .down, .tab: cursor = min(questions.count - 1, cursor + 1)
        case .character("y"), .character("Y"): answer(true)
        case .character("n"), .character("N"): answer(false)
        case .escape, .character("q"): outcome = .cancelled
        case .enter:
            if let missing = questions.firstIndex(where: { answers[$0] == nil }) {
                cursor = missing
                message = "Every question needs an answer."
            } else if positive.isEmpty {
                outcome = .done(answers: answers, overrideReason: nil)
            } else {
                reason = ""
            }
        default: break
        }
    }

    private mutating func answer(_ value: Bool) {
        answers[questions[cursor]] = value
        cursor = min(questions.count - 1, cursor + 1)
    }

    public func draw(into buffer: inout ScreenBuffer, _ rect: Rect, protocolTitle: String) {
        buffer.fill(rect)
        BoxFrame.draw(into: &buffer, rect, title: "Contraindication screening — \(protocolTitle)")
        var y = rect.y + 1
        buffer.write("Ask the patient and check the placement. y = yes, n = no, ↑↓ move, Enter continue, Esc back.",
                     x: rect.x + 2, y: y, role: .dim, limit: rect.width - 4)
        y += 2
        for (i, question) in questions.enumerated() where y < rect.maxY - 4 {
            let answer = answers[question].map { $0 ? "YES" : "no " } ?? " ? "
            let role: StyleRole = answers[question] == true ? .alarmMedium : (i == cursor ? .selected : .normal)
            let mark = i == cursor ? "▶" : " "
            let star = emphasised.contains(question) ? "*" : " "
            buffer.write("\(mark) [\(answer)] \(star) \(question.question)", x: rect.x + 2, y: y, role: role, limit: rect.width - 4)
            y += 1
        }
        buffer.write("* especially relevant to this protocol", x: rect.x + 2, y: rect.maxY - 4, role: .dim, limit: rect.width - 4)
        if let reason {
            buffer.write("A contraindication was answered yes. Reason to go on anyway (Enter to confirm, Esc to go back):",
                         x: rect.x + 2, y: rect.maxY - 3, role: .alarmMedium, limit: rect.width - 4)
            buffer.write("> " + reason + "▏", x: rect.x + 2, y: rect.maxY - 2, role: .value, limit: rect.width - 4)
        } else if !message.isEmpty {
            buffer.write(message, x: rect.x + 2, y: rect.maxY - 2, role: .alarmMedium, limit: rect.width - 4)
        }
    }
}
