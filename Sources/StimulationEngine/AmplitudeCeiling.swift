import StimulationCore

/// The highest amplitude a channel may have, and which limit set it.
public struct AmplitudeCeiling: Hashable, Sendable {
    public var amplitude: Current
    public var source: String

    /// The source of a clinician's prescribed maximum: a patient at that ceiling is told in those words.
    public static let prescribed = "prescription"
    /// What a patient at that ceiling is told.
    public static let prescribedWords = "the highest your clinician allows"
}
