/// Parses the quantities protocol files write as text with a unit: "20 mA", "250 µs", "2.5 kHz".
///
/// Numbers are read as exact decimals and converted in integers, so "12.5 mA" is
/// exactly 12 500 µA. A value finer than the unit's resolution is an error, never rounded.
public enum Quantity {
    public enum Kind: String, Sendable {
        case current, time, frequency, area, ratio, voltage

        /// Unit spellings and their size in the stored integer unit (µA, ns, mHz, µcm², per-mille, mV).
        var units: [(String, Int64)] {
            switch self {
            case .current: [("µA", 1), ("μA", 1), ("uA", 1), ("mA", 1_000)]
            case .time: [("ns", 1), ("µs", 1_000), ("μs", 1_000), ("us", 1_000), ("ms", 1_000_000), ("s", 1_000_000_000),
                         ("min", 60_000_000_000), ("h", 3_600_000_000_000)]
            case .frequency: [("mHz", 1), ("Hz", 1_000), ("kHz", 1_000_000)]
            case .area: [("cm²", 1_000_000), ("cm2", 1_000_000), ("mm²", 10_000), ("mm2", 10_000)]
            case .ratio: [("%", 10)]
            case .voltage: [("mV", 1), ("V", 1_000)]
            }
        }

        var example: String {
            switch self {
            case .current: "\"20 mA\" or \"350 µA\""
            case .time: "\"250 µs\", \"10 ms\", \"3 s\" or \"20 min\""
            case .frequency: "\"100 Hz\" or \"2.5 kHz\""
            case .area: "\"25 cm²\" or \"8 mm²\""
            case .ratio: "\"50 %\""
            case .voltage: "\"60 V\" or \"3300 mV\""
            }
        }

        /// The largest magnitude a file may write, far above any therapy's and far enough below Int64's edge that
        /// sums and products of a few such values (a duty cycle's on + off, a pulse's phases) cannot overflow.
        var largest: (value: Int64, text: String) {
            switch self {
            case .current: (10_000_000, "10000 mA")
            case .time: (86_400_000_000_000, "24 h")
            case .frequency: (1_000_000_000, "1000 kHz")
            case .area: (10_000_000_000, "10000 cm²")
            case .ratio: (10_000, "1000 %")
            case .voltage: (10_000_000, "10000 V")
            }
        }

        var resolution: String {
            switch self {
            case .current: "1 µA"
            case .time: "1 ns"
            case .frequency: "1 mHz"
            case .area: "0.000001 cm²"
            case .ratio: "0.1 %"
            case .voltage: "1 mV"
            }
        }
    }

    /// The value in the kind's integer unit, or a sentence saying what is wrong and what is allowed.
    public static func parse(_ text: String, as kind: Kind) -> Result<Int64, QuantityError> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var numberEnd = trimmed.startIndex
        while numberEnd < trimmed.endIndex, "+-0123456789.".contains(trimmed[numberEnd]) {
            numberEnd = trimmed.index(after: numberEnd)
        }
        let number = String(trimmed[..<numberEnd])
        let unit = trimmed[numberEnd...].trimmingCharacters(in: .whitespaces)
        guard !number.isEmpty else {
            return .failure(QuantityError("\"\(text)\" is not a \(kind.rawValue); write it as \(kind.example)"))
        }
        guard !unit.isEmpty else {
            return .failure(QuantityError("\"\(text)\" has no unit; write it as \(kind.example)"))
        }
        guard let scale = kind.units.first(where: { $0.0 == unit })?.1 else {
            let allowed = kind.units.map(\.0).joined(separator: ", ")
            return .failure(QuantityError("\"\(text)\": unit \"\(unit)\" is not a \(kind.rawValue) unit; allowed: \(allowed)"))
        }
        guard let value = scaled(number, by: scale) else {
            return .failure(QuantityError("\"\(text)\" is not an exact \(kind.rawValue) in range; "
                + "the resolution is \(kind.resolution); write it as \(kind.example)"))
        }
        guard value.magnitude <= kind.largest.value.magnitude else {
            return .failure(QuantityError("\"\(text)\" is too large; a \(kind.rawValue) in a file is at most \(kind.largest.text)"))
        }
        return .success(value)
    }

    /// `number × scale` exactly, or nil when it has digits below 1 or overflows.
    private static func scaled(_ number: String, by scale: Int64) -> Int64? {
        var digits = Substring(number)
        var negative = false
        if let sign = digits.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            digits = digits.dropFirst()
        }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty || parts.count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isNumber) && $0.allSatisfy(\.isASCII) }),
              parts.count == 1 || !parts[1].isEmpty else { return nil }
        var value: Int64 = 0
        for ch in parts[0] {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int64(ch.wholeNumberValue!))
            guard !o1, !o2 else { return nil }
            value = a
        }
        var (result, overflow) = value.multipliedReportingOverflow(by: scale)
        guard !overflow else { return nil }
        if parts.count == 2 {
            var place = scale
            for ch in parts[1] {
                let digit = Int64(ch.wholeNumberValue!)
                guard place % 10 == 0 else {
                    if digit != 0 { return nil }
                    continue
                }
                place /= 10
                (result, overflow) = result.addingReportingOverflow(digit * place)
                guard !overflow else { return nil }
            }
        }
        return negative ? -result : result
    }
}

public struct QuantityError: Error {
    public var message: String
    init(_ message: String) { self.message = message }
}

import Foundation
