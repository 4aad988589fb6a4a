import Foundation
import StimulationCore

/// One programme of one protocol, set up for generation on every channel at a fixed amplitude.
///
/// `forEachRun` generates `window` of programme time from the programme's start, the way
/// the CLI's schedule writer does: one `PulseCursor` per channel, `nextRun` until the window ends.
public struct Workload: Sendable {
    public let protocolID: String
    public let path: String
    public let programmeIndex: Int
    public let programme: Programme
    public let channels: [Int]
    public let plans: [ChannelPlan]
    /// Session time at which the programme starts.
    public let origin: TimeSpan
    /// The programme's target amplitude, held constant.
    public let envelope: AmplitudeEnvelope
    /// Programme time generated per pass: 10 s, or the whole programme if it is shorter.
    public let window: TimeSpan

    /// What one pass over `window` yields, counted once at set-up.
    public private(set) var pulsesPerWindow = 0
    public private(set) var runsPerWindow = 0
    /// Pulses in the programme's first second, all channels.
    public private(set) var pulsesInFirstSecond = 0

    public static let standardWindow = TimeSpan.seconds(10)

    public init(protocolID: String, path: String, programmeIndex: Int, therapyProtocol: TherapyProtocol,
                window: TimeSpan = Workload.standardWindow) {
        let programme = therapyProtocol.programmes[programmeIndex]
        self.protocolID = protocolID
        self.path = path
        self.programmeIndex = programmeIndex
        self.programme = programme
        self.channels = Array(1...therapyProtocol.channels)
        self.plans = channels.map { ChannelPlan(programme: programme, channel: $0) }
        self.origin = therapyProtocol.start(ofProgramme: programmeIndex)
        self.envelope = .constant(programme.amplitude.target)
        self.window = min(window, programme.duration)
        (pulsesPerWindow, runsPerWindow) = count(over: self.window)
        pulsesInFirstSecond = count(over: min(.seconds(1), programme.duration)).pulses
    }

    /// Pulses per second of programme time over all channels: what a stimulator must deliver in real time.
    public var realTimePulseRate: Double { Double(pulsesPerWindow) / window.seconds }
    public var realTimeRunRate: Double { Double(runsPerWindow) / window.seconds }

    public var label: String { "\(protocolID) / programme \(programmeIndex + 1) \"\(programme.name)\"" }

    /// Every run of every channel over the window, channel after channel.
    @inlinable
    public func forEachRun(_ body: (PulseRun) -> Void) {
        forEachRun(over: window, body)
    }

    @inlinable
    public func forEachRun(over span: TimeSpan, _ body: (PulseRun) -> Void) {
        let end = origin + span
        for plan in plans {
            var cursor = PulseCursor(plan: plan, origin: origin, envelope: envelope, from: origin)
            while let run = cursor.nextRun(before: end) { body(run) }
        }
    }

    private func count(over span: TimeSpan) -> (pulses: Int, runs: Int) {
        var pulses = 0, runs = 0
        forEachRun(over: span) { run in
            pulses += run.count
            runs += 1
        }
        return (pulses, runs)
    }
}

public enum WorkloadError: Error, CustomStringConvertible {
    case noProtocolDirectory(searched: [String])
    case noValidProtocol(directory: String, problems: [String])

    public var description: String {
        switch self {
        case .noProtocolDirectory(let searched):
            return "no protocols/ directory found; set GALVANI_PROTOCOLS or run from the project. searched upward from: "
                + searched.joined(separator: ", ")
        case .noValidProtocol(let directory, let problems):
            return "no valid protocol in \(directory)" + (problems.isEmpty ? "" : ":\n" + problems.joined(separator: "\n"))
        }
    }
}

/// The bundled protocols, every programme measured, heaviest first.
public struct ProtocolSurvey: Sendable {
    public let directory: String
    /// Heaviest first; ties broken by protocol id and programme order so the pick is stable.
    public let workloads: [Workload]
    /// Files that did not load, with the loader's first diagnostic.
    public let problems: [String]

    /// The programme with the highest pulse rate over all channels.
    public var heaviest: Workload { workloads[0] }

    /// The programme with the most runs per second: where every pulse differs from the last
    /// (amplitude-modulated carriers), each pulse is a run of its own and costs a whole `nextRun`.
    public var mostRuns: Workload {
        workloads.enumerated().max { a, b in
            a.element.realTimeRunRate != b.element.realTimeRunRate
                ? a.element.realTimeRunRate < b.element.realTimeRunRate : a.offset > b.offset
        }!.element
    }

    public init(directory: String? = nil) throws(WorkloadError) {
        let directory = if let directory { directory } else { try Self.locateProtocols() }
        var workloads: [Workload] = []
        var problems: [String] = []
        for entry in ProtocolLibrary(directories: [directory]).loadAll() {
            switch entry.result {
            case .success(let loaded):
                let p = loaded.therapyProtocol
                for index in p.programmes.indices {
                    workloads.append(Workload(protocolID: p.id, path: entry.path, programmeIndex: index, therapyProtocol: p))
                }
            case .failure(let error):
                problems.append("\(entry.path): \(error.description.split(separator: "\n").first ?? "")")
            }
        }
        guard !workloads.isEmpty else { throw .noValidProtocol(directory: directory, problems: problems) }
        workloads.sort {
            if $0.realTimePulseRate != $1.realTimePulseRate { return $0.realTimePulseRate > $1.realTimePulseRate }
            return ($0.protocolID, $0.programmeIndex) < ($1.protocolID, $1.programmeIndex)
        }
        self.directory = directory
        self.workloads = workloads
        self.problems = problems
    }

    /// `$GALVANI_PROTOCOLS`, else the first `protocols/` beside a `Package.swift` found walking up
    /// from the working directory, from this source file, and from the running executable.
    public static func locateProtocols() throws(WorkloadError) -> String {
        let environment = ProcessInfo.processInfo.environment
        if let given = environment["GALVANI_PROTOCOLS"], !given.isEmpty { return given }
        let fileManager = FileManager.default
        var starts = [fileManager.currentDirectoryPath, URL(fileURLWithPath: #filePath).deletingLastPathComponent().path]
        if let executable = Bundle.main.executableURL { starts.append(executable.deletingLastPathComponent().path) }
        for start in starts {
            var directory = URL(fileURLWithPath: start).standardizedFileURL
            while true {
                var isDirectory: ObjCBool = false
                let candidate = directory.appendingPathComponent("protocols").path
                if fileManager.fileExists(atPath: candidate, isDirectory: &isDirectory), isDirectory.boolValue,
                   fileManager.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                    return candidate
                }
                let parent = directory.deletingLastPathComponent()
                if parent.path == directory.path { break }
                directory = parent
            }
        }
        throw .noProtocolDirectory(searched: starts)
    }
}
