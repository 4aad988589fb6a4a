import ArgumentParser
import StimulationCore

/// The `pulses` options, validated: which programmes and channels, which window, what amplitude.
struct ScheduleRequest {
    var therapyProtocol: TherapyProtocol
    var programmes: [Int]
    var channels: [Int]
    var start: TimeSpan
    var end: TimeSpan
    var amplitude: Current?

    init(protocol p: TherapyProtocol, programme: Int?, channel: Int?, from: String, seconds: String,
         amplitude: String?) throws {
        therapyProtocol = p
        if let programme, !(1...p.programmes.count).contains(programme) {
            throw ValidationError("--programme \(programme): \(p.id) has programmes 1 to \(p.programmes.count)")
        }
        if let channel, !(1...p.channels).contains(channel) {
            throw ValidationError("--channel \(channel): \(p.id) has channels 1 to \(p.channels)")
        }
        programmes = programme.map { [$0 - 1] } ?? Array(p.programmes.indices)
        channels = channel.map { [$0] } ?? Array(1...p.channels)
        let offset = programme.map { p.start(ofProgramme: $0 - 1) } ?? .zero
        let fromTime = try Self.time(from, option: "--from")
        let length = try Self.time(seconds, option: "--seconds")
        guard fromTime >= .zero else { throw ValidationError("--from \(from): must be 0 or later") }
        guard length > .zero else { throw ValidationError("--seconds \(seconds): must be more than 0") }
        let available = programme.map { p.programmes[$0 - 1].duration } ?? p.totalDuration
        guard fromTime < available else {
            throw ValidationError("--from \(from): past the end; \(programme.map { "programme \($0)" } ?? p.id) lasts \(available)")
        }
        // Both are at most 24 h (Quantity's largest time), so neither sum can overflow.
        start = offset + fromTime
        end = start + length
        if let amplitude {
            guard case .success(let microamps) = Quantity.parse(amplitude, as: .current) else {
                throw ValidationError("--amplitude \(amplitude): write a current with its unit, such as \"20 mA\" or \"350 µA\"")
            }
            let value = Current(microamps: microamps)
            guard value >= .zero else { throw ValidationError("--amplitude \(amplitude): must be 0 or more") }
            for index in programmes where value > p.programmes[index].amplitude.maximum {
                let prog = p.programmes[index]
                throw ValidationError("--amplitude \(value) is above programme \(index + 1) (\(prog.name))'s maximum of \(prog.amplitude.maximum)")
            }
            self.amplitude = value
        }
    }

    /// "1.5" is seconds; "500 ms", "2 min" carry their own unit.
    static func time(_ text: String, option: String) throws -> TimeSpan {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let withUnit = trimmed.last?.isNumber == true ? trimmed + " s" : trimmed
        switch Quantity.parse(withUnit, as: .time) {
        case .success(let ns): return TimeSpan(nanoseconds: ns)
        case .failure(let failure):
            throw ValidationError("\(option) \(text): \(failure.message); write seconds (\"1.5\") or a time with its unit (\"500 ms\", \"2 min\")")
        }
    }
}

import Foundation
