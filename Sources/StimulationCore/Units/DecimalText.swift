/// Exact decimal text for integer quantities held in a smaller unit.
enum DecimalText {
    /// Writes `value / scale` with as many decimals as needed and no trailing zeros,
    /// so 12500 µA at scale 1000 reads "12.5" and never "12.500000001".
    static func format(_ value: Int64, scale: Int64) -> String {
        let negative = value < 0
        let magnitude = value.magnitude
        let whole = magnitude / UInt64(scale)
        var fraction = magnitude % UInt64(scale)
        var text = negative ? "-\(whole)" : "\(whole)"
        guard fraction != 0 else { return text }
        var digits = ""
        var divisor = UInt64(scale) / 10
        while fraction != 0, divisor != 0 {
            digits.append(Character(String(fraction / divisor)))
            fraction %= divisor
            divisor /= 10
        }
        text += "." + digits
        return text
    }

    /// Two decimals at most, for derived figures such as densities and k values.
    static func figure(_ value: Double, decimals: Int = 2) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        var text = String(rounded)
        if text.hasSuffix(".0") { text.removeLast(2) }
        if let dot = text.firstIndex(of: "."), text.distance(from: dot, to: text.endIndex) > decimals + 1 {
            text = String(text[..<text.index(dot, offsetBy: decimals + 1)])
        }
        return text
    }
}
