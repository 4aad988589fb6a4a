extension IntegerMath {
    /// value × numerator / denominator rounded up, for durations that must not be shortened.
    /// Non-negative arguments only.
    public static func ceilingScale(_ value: Int64, by numerator: Int64, over denominator: Int64) -> Int64 {
        precondition(value >= 0 && numerator >= 0 && denominator > 0)
        let product = value.magnitude.multipliedFullWidth(by: numerator.magnitude)
        let (quotient, remainder) = denominator.magnitude.dividingFullWidth(product)
        return Int64(quotient) + (remainder > 0 ? 1 : 0)
    }
}
