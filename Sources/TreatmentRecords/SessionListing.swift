import Foundation

/// One line of `records list` and the head of `records show`: what a therapist looks for first.
public struct SessionListing: Sendable {
    public var id: String
    public var patient: String?
    public var operatorName: String?
    public var startedAt: String
    public var endedAt: String?
    public var protocolID: String
    public var protocolSHA256: String
    public var transport: String
    /// finished, stopped, aborted, interrupted; nil while the session is open.
    public var endState: String?
    public var endReason: String?
    /// Stimulation time delivered, summed over programmes, in nanoseconds; nil when the record has no summary (a
    /// session still open, or one a killed process left) or its figure is not one.
    public var deliveredNanoseconds: Int64?
    /// The highest amplitude commanded on each channel, in µA.
    public var highestMicroamps: [Int64]
    public var documented: Bool

    /// The start and end as moments, for counting sessions against a prescription.
    public var started: Date? { try? Date(startedAt, strategy: WallClock.style) }
    public var ended: Date? { endedAt.flatMap { try? Date($0, strategy: WallClock.style) } }

    /// An amplitude as listings write it, whatever the modality: µA below 1 mA, else mA with one decimal.
    public static func amplitudeText(_ microamps: Int64) -> String {
        // Tenths rounded half up, as the console shows them (a `%.1f` rounds 1250 µA down to 1.2 mA, the console up).
        guard microamps >= 1000 else { return "\(microamps) µA" }
        let tenths = (UInt64(microamps) + 50) / 100
        return "\(tenths / 10).\(tenths % 10) mA"
    }

    public var json: [String: Any] {
        ["session": id, "patient": patient ?? NSNull(), "operator": operatorName ?? NSNull(), "started_at": startedAt,
         "ended_at": endedAt ?? NSNull(), "protocol": protocolID, "protocol_sha256": protocolSHA256, "transport": transport,
         "end": endState ?? NSNull(), "reason": endReason ?? NSNull(), "delivered_s": deliveredNanoseconds.map { Double($0) / 1e9 } ?? NSNull(),
         "highest_uA": highestMicroamps, "documented": documented]
    }
}
