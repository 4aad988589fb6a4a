/// Why a device turned its output off on its own (FAULT message).
public enum DeviceFaultCode: UInt8, Hashable, Sendable, CaseIterable {
    /// No valid frame for longer than the watchdog interval.
    case watchdog = 1
    /// The output stage measured something it should not (over-current, a failed self-test).
    case hardware = 2
    /// The patient or therapist pressed the device's own emergency switch.
    case emergencySwitch = 3
    /// Anything else the firmware detected; the text says what.
    case other = 255

    public var meaning: String {
        switch self {
        case .watchdog: "watchdog: the host fell silent"
        case .hardware: "hardware fault"
        case .emergencySwitch: "the device's emergency switch was pressed"
        case .other: "device fault"
        }
    }
}
