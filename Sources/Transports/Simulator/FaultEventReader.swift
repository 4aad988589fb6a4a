import StimulationCore

/// Reads one `[[fault]]`: the keys its kind needs, and no key that belongs to another kind.
struct FaultEventReader {
    let reader: TableReader
    let channels: Int

    static let keys = ["at", "channel", "kind", "lift", "to", "over", "message"]
    /// A drift beyond ×10 or below ×0.01 is no longer a drift but a different fault (open, short).
    static let driftRange: ClosedRange<Int64> = 10...10_000

    /// Which kinds each kind-specific key belongs to.
    private static let owners: [(key: String, kinds: [String])] = [
        ("channel", ["pad-lift", "lead-break", "short", "contact-restored", "impedance-drift"]),
        ("lift", ["pad-lift"]),
        ("to", ["impedance-drift"]),
        ("over", ["impedance-drift"]),
        ("message", ["device-fault"]),
    ]

    func read() -> FaultEvent? {
        let r = reader
        r.rejectUnknownKeys()
        let time = readTime()
        let name = r.string("kind")
        guard let name, FaultEvent.Kind.names.contains(name) else {
            if let name {
                r.error("kind", "\"\(name)\" is not one of " + FaultEvent.Kind.names.map { "\"\($0)\"" }.joined(separator: ", "))
            }
            // Without a kind no key can be missing or out of place, but the values written can still be wrong.
            _ = readChannel(required: false)
            _ = readLift(required: false)
            _ = readDriftTarget(required: false)
            _ = readDriftDuration(required: false)
            _ = r.string("message", required: false)
            return nil
        }
        for (key, kinds) in Self.owners where !kinds.contains(name) {
            r.forbid(key, because: kinds.count == 1 ? "it only applies to kind \"\(kinds[0])\""
                : "\"\(name)\" concerns the whole device, not one channel")
        }
        let kind: FaultEvent.Kind?
        switch name {
        case "pad-lift":
            let channel = readChannel()
            let lift = readLift()
            if let channel, let lift {
                kind = .padLift(channel: channel, lift: lift)
            } else {
                kind = nil
            }
        case "lead-break": kind = readChannel().map { .leadBreak(channel: $0) }
        case "short": kind = readChannel().map { .short(channel: $0) }
        case "contact-restored": kind = readChannel().map { .contactRestored(channel: $0) }
        case "impedance-drift":
            let channel = readChannel()
            let to = readDriftTarget()
            let over = readDriftDuration()
            if let channel, let to, let over {
                kind = .impedanceDrift(channel: channel, to: to, over: over)
            } else {
                kind = nil
            }
        case "device-fault": kind = r.nonEmptyString("message").map { .deviceFault(message: $0) }
        default: kind = .disconnect
        }
        guard let time, let kind else { return nil }
        return FaultEvent(time: time, kind: kind)
    }

    private func readTime() -> TimeSpan? {
        guard let ns = reader.quantity("at", .time) else { return nil }
        let time = TimeSpan(nanoseconds: ns)
        guard time >= .zero else {
            reader.error("at", "is \(time); a fault happens at session time 0 s or later")
            return nil
        }
        return time
    }

    private func readChannel(required: Bool = true) -> Int? {
        guard let channel = reader.integer("channel", required: required) else { return nil }
        guard (1...channels).contains(channel) else {
            let allowed = channels == 1 ? "the only channel is 1" : "allowed: 1 to \(channels)"
            reader.error("channel", "is \(channel); the device has \(channels) channel\(channels == 1 ? "" : "s"), \(allowed)")
            return nil
        }
        return channel
    }

    private func readLift(required: Bool = true) -> Ratio? {
        guard let perMille = reader.quantity("lift", .ratio, required: required) else { return nil }
        let lift = Ratio(perMille: perMille)
        guard perMille > 0, lift <= .whole else {
            reader.error("lift", "is \(lift); how much of the pad has come away: more than 0 % and at most 100 %")
            return nil
        }
        return lift
    }

    private func readDriftTarget(required: Bool = true) -> Ratio? {
        guard let perMille = reader.quantity("to", .ratio, required: required) else { return nil }
        let to = Ratio(perMille: perMille)
        guard Self.driftRange.contains(perMille) else {
            reader.error("to", "is \(to); the impedance multiplier must be \(Ratio(perMille: Self.driftRange.lowerBound)) "
                + "to \(Ratio(perMille: Self.driftRange.upperBound)) of its value with the pad freshly applied")
            return nil
        }
        return to
    }

    private func readDriftDuration(required: Bool = true) -> TimeSpan? {
        guard let ns = reader.quantity("over", .time, required: required) else { return nil }
        let over = TimeSpan(nanoseconds: ns)
        guard over >= .zero else {
            reader.error("over", "is \(over); a drift takes 0 s (a step) or longer")
            return nil
        }
        return over
    }
}
