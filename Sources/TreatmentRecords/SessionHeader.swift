/// What a session's record says before its first event: who, by whom, what ran and on what.
public struct SessionHeader: Sendable {
    /// The patient's identifier in the clinic; nil when the run named none (said so in the record).
    public var patient: String?
    public var operatorName: String?
    public var protocolID: String
    /// The protocol file's exact text: stored under its SHA-256.
    public var protocolText: String
    public var transport: String

    public init(patient: String?, operatorName: String?, protocolID: String, protocolText: String, transport: String) {
        self.patient = patient
        self.operatorName = operatorName
        self.protocolID = protocolID
        self.protocolText = protocolText
        self.transport = transport
    }
}
