import StimulationCore

/// Reads a board file's tables and checks that the wiring it describes is safe to drive.
struct BoardReader {
    let file: String
    let top: TableReader

    /// Where each line name was first used, to name both uses of a line written twice.
    private final class Uses {
        var first: [String: String] = [:]
    }

    private let uses = Uses()

    func read() -> Board? {
        top.rejectUnknownKeys()
        if let format = top.integer("format"), format != BoardLoader.formatVersion {
            top.error("format", "is \(format); this version of Galvani reads board files of format \(BoardLoader.formatVersion)")
        }
        let name = top.nonEmptyString("name")
        let stage = top.subtable("stage", label: "[stage]", allowed: ["compliance", "maximum", "dead_time", "shortest_phase",
                                                                        "highest_rate", "stretch_tolerance"], required: true)
        stage?.rejectUnknownKeys()
        let compliance = stage.flatMap { positive($0, "compliance", .voltage) }
        let maximum = stage.flatMap { positive($0, "maximum", .current) }.map(Current.init(microamps:))
        let deadTime = stage.flatMap { within($0, "dead_time", BoardLoader.deadTimes,
                                              why: "both legs of a bridge must be off between phases, or the stage shorts its supply") }
        let shortestPhase = stage.flatMap { positive($0, "shortest_phase", .time) }.map(TimeSpan.init(nanoseconds:))
        let highestRate = stage.flatMap { positive($0, "highest_rate", .frequency) }.map(Frequency.init(millihertz:))
        let tolerance = stage.flatMap { within($0, "stretch_tolerance", BoardLoader.stretchTolerances,
                                               why: "the charge admitted grows with it, and a longer stall is not timing but a hang") }
        if let stage, let shortestPhase, let deadTime, shortestPhase < deadTime * 2 {
            stage.error("shortest_phase", "is \(shortestPhase), less than twice the \(deadTime) dead time: a phase that gives up "
                + "dead time at a switch of legs would vanish")
        }

        let enableTable = top.subtable("enable", label: "[enable]", allowed: ["line", "active", "pull"], required: true)
        let enable = enableTable.flatMap { readSwitch($0, lineKey: "line", what: "ENABLE") }
        let heartbeatTable = top.subtable("heartbeat", label: "[heartbeat]", allowed: ["line", "period"], required: true)
        heartbeatTable?.rejectUnknownKeys()
        let heartbeat = heartbeatTable.flatMap { lineName($0, "line", use: "HEARTBEAT") }
        let period = heartbeatTable.flatMap { within($0, "period", BoardLoader.heartbeatPeriods,
                                                     why: "the external watchdog must see it toggle") }
        let channelReaders = top.tableArray("channel", label: { "channel \($0 + 1)" },
                                            allowed: ["anode", "cathode", "active", "pull", "dac", "full_scale", "fixed"],
                                            required: true) ?? []
        if top.has("channel"), channelReaders.isEmpty { top.error("channel", "must list at least one [[channel]]") }
        let channels = channelReaders.enumerated().map { readChannel($1, number: $0 + 1) }
        if uses.first.count > BoardLoader.largestLineCount {
            top.error("channel", "uses \(uses.first.count) lines; one GPIO request sets at most \(BoardLoader.largestLineCount)")
        }
        guard let name, let compliance, let maximum, let deadTime, let shortestPhase, let highestRate, let tolerance,
              let enable, let heartbeat, let period, !channels.isEmpty, channels.allSatisfy({ $0 != nil }) else { return nil }
        return Board(file: file, name: name, enable: enable, heartbeat: heartbeat, heartbeatPeriod: period,
                     channels: channels.map { $0! }, compliance: compliance, maximum: maximum, deadTime: deadTime,
                     shortestPhase: shortestPhase, highestRate: highestRate, stretchTolerance: tolerance)
    }

    private func readChannel(_ r: TableReader, number: Int) -> Board.Channel? {
        r.rejectUnknownKeys()
        if r.has("fixed") {
            r.error("fixed", "is not supported yet: Galvani ramps amplitude at every start and resume, which a fixed-amplitude "
                + "stage cannot do; wire a current DAC and give `dac` and `full_scale`")
        }
        let legs = readLegs(r, number: number)
        let dac = r.stringArray("dac").map { items -> [String]? in
            guard BoardLoader.dacBits.contains(items.count) else {
                r.error("dac", "has \(items.count) lines; a current DAC has \(BoardLoader.dacBits.lowerBound) to "
                    + "\(BoardLoader.dacBits.upperBound) code lines, least significant first")
                return nil
            }
            let names = items.enumerated().map { index, item in
                checkedLine(item.0, at: item.1, use: "channel \(number) DAC bit \(index)", report: { message in
                    r.context.error(at: item.1, "channel \(number): `dac` item \(index + 1) \(message)")
                })
            }
            return names.allSatisfy { $0 != nil } ? names.map { $0! } : nil
        } ?? nil
        let fullScale = positive(r, "full_scale", .current).map(Current.init(microamps:))
        guard let legs, let dac, let fullScale else { return nil }
        return Board.Channel(anode: legs.anode, cathode: legs.cathode, dac: dac, fullScale: fullScale)
    }

    private func readLegs(_ r: TableReader, number: Int) -> (anode: Board.Switch, cathode: Board.Switch)? {
        let anode = lineName(r, "anode", use: "channel \(number) anode leg")
        let cathode = lineName(r, "cathode", use: "channel \(number) cathode leg")
        let level = safeLevel(r, what: "the legs of channel \(number)'s bridge")
        guard let anode, let cathode, let level else { return nil }
        return (Board.Switch(line: anode, active: level), Board.Switch(line: cathode, active: level))
    }

    private func readSwitch(_ r: TableReader, lineKey: String, what: String) -> Board.Switch? {
        r.rejectUnknownKeys()
        let line = lineName(r, lineKey, use: what)
        let level = safeLevel(r, what: what)
        guard let line, let level else { return nil }
        return Board.Switch(line: line, active: level)
    }

    /// The active level, and a pull resistor that holds the line at the other level when Galvani lets go.
    private func safeLevel(_ r: TableReader, what: String) -> Board.Level? {
        let level = r.choice("active", Board.Level.self)
        let pull = r.string("pull")
        guard let level, let pull else { return nil }
        let safe = level == .high ? "down" : "up"
        guard ["down", "up", "none"].contains(pull) else {
            r.error("pull", "\"\(pull)\" is not one of \"down\", \"up\", \"none\"")
            return nil
        }
        guard pull == safe else {
            r.error("pull", "is \"\(pull)\", which does not hold \(what) off when the lines are released (a killed process, a crash): "
                + "an active-\(level.rawValue) line needs the board's pull resistor to pull \(safe), written pull = \"\(safe)\"")
            return nil
        }
        return level
    }

    private func lineName(_ r: TableReader, _ key: String, use: String) -> String? {
        guard let name = r.string(key) else { return nil }
        return checkedLine(name, at: r.keyPath(key), use: use) { r.error(key, $0) }
    }

    private func checkedLine(_ name: String, at path: String, use: String, report: (String) -> Void) -> String? {
        guard !name.isEmpty, name.utf8.count <= BoardLoader.longestLineName else {
            report("is \"\(name)\"; a GPIO line name has 1 to \(BoardLoader.longestLineName) bytes")
            return nil
        }
        if let earlier = uses.first[name] {
            report("names line \"\(name)\", which is already the \(earlier): one line cannot do two jobs")
            return nil
        }
        uses.first[name] = use
        return name
    }

    private func positive(_ r: TableReader, _ key: String, _ kind: Quantity.Kind) -> Int64? {
        guard let value = r.quantity(key, kind) else { return nil }
        guard value > 0 else {
            r.error(key, "must be more than 0")
            return nil
        }
        return value
    }

    private func within(_ r: TableReader, _ key: String, _ range: ClosedRange<TimeSpan>, why: String) -> TimeSpan? {
        guard let ns = r.quantity(key, .time) else { return nil }
        let value = TimeSpan(nanoseconds: ns)
        guard range.contains(value) else {
            r.error(key, "is \(value); allowed: \(range.lowerBound) to \(range.upperBound) (\(why))")
            return nil
        }
        return value
    }
}
