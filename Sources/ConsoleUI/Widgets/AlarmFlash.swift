import StimulationEngine

/// IEC 60601-1-8 flash rates, kept by the console's own clock because terminal blink is unreliable:
/// high priority 2 Hz (standard: 1.4–2.8 Hz), medium 0.6 Hz (0.4–0.8 Hz), low steady.
public enum AlarmFlash {
    public static func periodMilliseconds(_ priority: AlarmPriority) -> Int64? {
        switch priority {
        case .high: 500
        case .medium: 1_667
        case .low: nil
        }
    }

    /// Whether the alarm shows in its alarm colours at this moment (half of each period, 50 % duty).
    public static func lit(_ priority: AlarmPriority, atMilliseconds ms: Int64) -> Bool {
        guard let period = periodMilliseconds(priority) else { return true }
        return ms % period < period / 2
    }

    public static func role(_ priority: AlarmPriority) -> StyleRole {
        switch priority {
        case .high: .alarmHigh
        case .medium: .alarmMedium
        case .low: .alarmLow
        }
    }
}
