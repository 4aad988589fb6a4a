import StimulationCore

/// Reads a prescription's keys and checks the ones that stand on their own: dates, counts, ranges, hashes.
struct PrescriptionReader {
    let file: String
    let top: TableReader

    static let topKeys = ["format", "patient", "clinician", "contact", "screening", "valid_from", "valid_until",
                          "sessions_per_day", "minimum_gap", "longest_session", "protocol"]
    static let sessionsPerDay = 1...12
    static let minimumGaps = TimeSpan.zero...TimeSpan.minutes(24 * 60)
    static let longestSessions = TimeSpan.minutes(1)...TimeSpan.minutes(120)

    func read() -> Prescription? {
        let r = top
        r.rejectUnknownKeys()
        if let format = r.integer("format"), format != PrescriptionLoader.formatVersion {
            r.error("format", "is \(format); this version of Galvani reads prescriptions of format \(PrescriptionLoader.formatVersion)")
        }
        let patient = r.nonEmptyString("patient")
        let clinician = r.nonEmptyString("clinician")
        let contact = r.nonEmptyString("contact")
        let screening = r.nonEmptyString("screening")
        let from = day("valid_from")
        let until = day("valid_until")
        if let from, let until, until < from {
            r.error("valid_until", "is \(until), before valid_from \(from)")
        }
        let perDay = r.integer("sessions_per_day").flatMap { count -> Int? in
            guard Self.sessionsPerDay.contains(count) else {
                r.error("sessions_per_day", "is \(count); allowed: \(Self.sessionsPerDay.lowerBound) to \(Self.sessionsPerDay.upperBound)")
                return nil
            }
            return count
        }
        let gap = span("minimum_gap", Self.minimumGaps)
        let longest = span("longest_session", Self.longestSessions)
        let readers = r.tableArray("protocol", label: { "protocol \($0 + 1)" }, allowed: ["id", "sha256", "channel"], required: true) ?? []
        if r.has("protocol"), readers.isEmpty { r.error("protocol", "must list at least one [[protocol]]") }
        var ids = Set<String>()
        let protocols = readers.map { reader -> Prescription.Allowed? in
            let allowed = readProtocol(reader)
            if let id = allowed?.id, !ids.insert(id).inserted {
                reader.error("id", "\"\(id)\" is prescribed twice; give each protocol once")
                return nil
            }
            return allowed
        }
        guard let patient, let clinician, let contact, let screening, let from, let until, let perDay, let gap, let longest,
              !protocols.isEmpty, protocols.allSatisfy({ $0 != nil }) else { return nil }
        return Prescription(file: file, patient: patient, clinician: clinician, contact: contact, screening: screening,
                            validFrom: from, validUntil: until, sessionsPerDay: perDay, minimumGap: gap, longestSession: longest,
                            protocols: protocols.map { $0! })
    }

    private func readProtocol(_ r: TableReader) -> Prescription.Allowed? {
        r.rejectUnknownKeys()
        let id = r.nonEmptyString("id")
        let sha = r.string("sha256").flatMap { text -> String? in
            guard text.count == 64, text.allSatisfy({ "0123456789abcdef".contains($0) }) else {
                r.error("sha256", "must be the 64 lower-case hex digits of the protocol file's SHA-256 "
                    + "(galvani prescription hash PROTOCOL prints it)")
                return nil
            }
            return text
        }
        let channelReaders = r.tableArray("channel", label: { "protocol \(id.map { "\"\($0)\"" } ?? ""), channel entry \($0 + 1)" },
                                          allowed: ["channel", "start", "maximum"], required: true) ?? []
        if r.has("channel"), channelReaders.isEmpty { r.error("channel", "must list at least one [[protocol.channel]]") }
        var numbers = Set<Int>()
        let channels = channelReaders.map { c -> Prescription.Channel? in
            c.rejectUnknownKeys()
            let number = c.integer("channel").flatMap { n -> Int? in
                guard (1...8).contains(n) else { c.error("channel", "is \(n); allowed: 1 to 8"); return nil }
                guard numbers.insert(n).inserted else { c.error("channel", "\(n) is given twice; give each channel once"); return nil }
                return n
            }
            let start = c.quantity("start", .current).map(Current.init(microamps:))
            let maximum = c.quantity("maximum", .current).map(Current.init(microamps:))
            if let maximum, maximum <= .zero { c.error("maximum", "must be more than 0 mA") }
            if let start, start < .zero { c.error("start", "must be 0 mA or more") }
            if let start, let maximum, start > maximum { c.error("start", "is \(start), above this channel's maximum \(maximum)") }
            guard let number, let start, let maximum, maximum > .zero, start >= .zero, start <= maximum else { return nil }
            return Prescription.Channel(number: number, start: start, maximum: maximum)
        }
        guard let id, let sha, !channels.isEmpty, channels.allSatisfy({ $0 != nil }) else { return nil }
        return Prescription.Allowed(id: id, sha256: sha, channels: channels.map { $0! }.sorted { $0.number < $1.number })
    }

    private func day(_ key: String) -> CalendarDay? {
        guard let text = top.string(key) else { return nil }
        guard let day = CalendarDay(text) else {
            top.error(key, "is \"\(text)\"; write a date as \"2026-12-01\" (year-month-day)")
            return nil
        }
        return day
    }

    private func span(_ key: String, _ range: ClosedRange<TimeSpan>) -> TimeSpan? {
        guard let ns = top.quantity(key, .time) else { return nil }
        let value = TimeSpan(nanoseconds: ns)
        guard range.contains(value) else {
            top.error(key, "is \(value); allowed: \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return value
    }
}
