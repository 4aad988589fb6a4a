/// How well an electrode touches the skin, as the device judges it from impedance.
public enum ContactState: String, Sendable, Codable, CaseIterable {
    case ok
    /// Impedance well above the channel's baseline: a lifting pad, drying gel.
    case poor
    /// No current path: a broken lead or a pad off the skin.
    case open
    /// Impedance far below any skin: leads touching.
    case short
}
