/// Overflow-free integer helpers for exact timing arithmetic.
public enum IntegerMath {
    /// value × numerator / denominator, truncated toward zero, computed at double width
    /// so sweeps over hour-long spans in nanoseconds cannot overflow.
    static func scale(_ value: Int64, by numerator: Int64, over denominator: Int64) -> Int64 {
        precondition(denominator > 0)
        let negative = (value < 0) != (numerator < 0)
        let product = value.magnitude.multipliedFullWidth(by: numerator.magnitude)
        let (quotient, _) = denominator.magnitude.dividingFullWidth(product)
        return negative ? -Int64(quotient) : Int64(quotient)
    }

    /// Smallest multiple count k ≥ 0 with k × step ≥ distance.
    static func ceilDiv(_ distance: Int64, _ step: Int64) -> Int64 {
        distance <= 0 ? 0 : (distance + step - 1) / step
    }
}
