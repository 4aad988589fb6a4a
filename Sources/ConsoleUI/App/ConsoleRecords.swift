import StimulationCore
import TreatmentRecords

/// What the console needs to keep a session's record: the store, who is operating, and each protocol's exact text.
public struct ConsoleRecords: Sendable {
    public var store: RecordsStore
    /// The patient named on the command line: the console then does not ask.
    public var patient: String?
    /// The operator named on the command line: asked once per console start otherwise.
    public var operatorName: String?
    public var protocolTexts: [String: String]

    public init(store: RecordsStore, patient: String?, operatorName: String?, protocolTexts: [String: String]) {
        self.store = store
        self.patient = patient
        self.operatorName = operatorName
        self.protocolTexts = protocolTexts
    }
}
