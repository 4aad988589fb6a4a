/// The screening questions asked before a session (DOMAIN: contraindications and warnings).
/// A protocol lists those that matter most for its placement.
public enum Contraindication: String, CaseIterable, Sendable {
    case implantedDevice = "implanted-device"
    case pregnancy
    case epilepsy
    case carotidSinus = "carotid-sinus"
    case frontOfNeck = "front-of-neck"
    case head
    case chest
    case eyes
    case mouth
    case brokenSkin = "broken-skin"
    case malignancy
    case sensoryLoss = "sensory-loss"
    case bleedingRisk = "bleeding-risk"
    case recentSurgery = "recent-surgery"

    /// A screening in which every question was answered "no".
    public static var noneApply: [Contraindication: Bool] {
        Dictionary(uniqueKeysWithValues: allCases.map { ($0, false) })
    }

    public var question: String {
        switch self {
        case .implantedDevice: "Cardiac pacemaker or other implanted electronic device?"
        case .pregnancy: "Pregnancy?"
        case .epilepsy: "Epilepsy?"
        case .carotidSinus: "Electrodes over the carotid sinus?"
        case .frontOfNeck: "Electrodes on the front of the neck?"
        case .head: "Electrodes across the head?"
        case .chest: "Electrodes across the chest?"
        case .eyes: "Electrodes over the eyes?"
        case .mouth: "Electrodes over the mouth?"
        case .brokenSkin: "Swollen, infected or broken skin under the electrodes?"
        case .malignancy: "Malignancy in the area?"
        case .sensoryLoss: "Sensory loss in the area?"
        case .bleedingRisk: "Bleeding risk?"
        case .recentSurgery: "Recent surgery in the area?"
        }
    }
}
