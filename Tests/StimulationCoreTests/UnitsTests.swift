import Testing
@testable import StimulationCore

@Suite struct UnitsTests {
    @Test func currentFormatsInTheUnitAClinicianReads() {
        #expect(Current.milliamps(12.5).description == "12.5 mA")
        #expect(Current.microamps(350).description == "350 µA")
        #expect(Current.microamps(1000).description == "1 mA")
        #expect(Current.milliamps(20).description == "20 mA")
    }

    @Test func timeFormatsInTheUnitAPersonReads() {
        #expect(TimeSpan.microseconds(250).description == "250 µs")
        #expect(TimeSpan.milliseconds(10).description == "10 ms")
        #expect(TimeSpan.seconds(3).description == "3 s")
        #expect(TimeSpan.minutes(20).description == "20 min")
        #expect(TimeSpan.nanoseconds(121_951).description == "121.951 µs")
    }

    @Test func frequencyPeriodIsRoundedToTheNanosecond() {
        #expect(Frequency.hertz(100).period == .microseconds(10_000))
        #expect(Frequency.hertz(4000).period == .microseconds(250))
        #expect(Frequency.hertz(3).period.nanoseconds == 333_333_333)
        #expect(Frequency.millihertz(300).description == "0.3 Hz")
        #expect(Frequency.hertz(2500).description == "2.5 kHz")
    }

    @Test(arguments: [
        ("12.5 mA", Quantity.Kind.current, Int64(12_500)), ("350 µA", .current, 350), ("350 uA", .current, 350),
        ("250 µs", .time, 250_000), ("0.5 ms", .time, 500_000), ("20 min", .time, 1_200_000_000_000),
        ("2.5 kHz", .frequency, 2_500_000), ("0.3 Hz", .frequency, 300), ("25 cm²", .area, 25_000_000),
        ("50 %", .ratio, 500),
    ])
    func quantitiesParseExactly(text: String, kind: Quantity.Kind, expected: Int64) throws {
        #expect(try Quantity.parse(text, as: kind).get() == expected)
    }

    @Test(arguments: [
        ("20", Quantity.Kind.current), ("20 ma", .current), ("0.0001 µA", .current), ("1.2.3 mA", .current),
        ("mA", .current), ("100 Hz", .time), ("99999999999999999999 Hz", .frequency), (". Hz", .frequency),
    ])
    func badQuantitiesAreRejectedNotRounded(text: String, kind: Quantity.Kind) {
        #expect(throws: QuantityError.self) { try Quantity.parse(text, as: kind).get() }
    }
}
