/// Reads choices out of the fuzzer's bytes; once they run out every choice is the first.
struct ByteCursor {
    private var bytes: ArraySlice<UInt8>

    init(_ bytes: [UInt8]) { self.bytes = bytes[...] }

    mutating func byte() -> UInt8 {
        guard let first = bytes.first else { return 0 }
        bytes = bytes.dropFirst()
        return first
    }

    mutating func pick<T>(_ choices: [T]) -> T { choices[Int(byte()) % choices.count] }

    mutating func chance(_ inEight: UInt8) -> Bool { byte() % 8 < inEight }
}

/// The values most likely to break arithmetic: zero, one unit, the largest a file may write,
/// just past it, Int64's edges, and negatives, in each unit.
enum ExtremeValue {
    static let times = ["0 s", "1 ns", "1 µs", "250 µs", "1 ms", "10 ms", "1 s", "20 min", "8 h", "24 h", "24.000000001 h",
                        "9223372036854775807 ns", "9223372036 s", "-1 ns", "-9223372036854775808 ns", "153722867 min"]
    static let currents = ["0 µA", "1 µA", "500 µA", "1 mA", "20 mA", "80 mA", "300 mA", "10000 mA", "10001 mA",
                           "9223372036854775807 µA", "-1 µA"]
    static let frequencies = ["0 Hz", "1 mHz", "300 mHz", "2 Hz", "100 Hz", "4 kHz", "10.25 kHz", "1000 kHz",
                              "9223372036854775807 mHz", "-1 Hz"]
    static let ratios = ["0 %", "0.1 %", "50 %", "100 %", "1000 %", "1000.1 %", "-1 %"]
    static let areas = ["0.000001 cm²", "0.0005 cm²", "0.08 cm²", "1 cm²", "25 cm²", "400 cm²", "10000 cm²", "10001 cm²"]
}
