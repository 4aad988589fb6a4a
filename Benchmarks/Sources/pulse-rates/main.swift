import Foundation
import PulseWorkload
import StimulationCore

// Lists every programme of the bundled protocols with the pulse rate it needs in real time,
// counted by generating it, heaviest first. The benchmark "PulseGeneration" runs the first line,
// and the line with the most runs/s.
//
// `pulse-rates --repeat N [PROTOCOL-ID]` instead generates and expands the window of the heaviest
// programme (or of the protocol's first programme) N times and prints the time taken: a steady
// loop to run under a profiler such as `perf record -g`.

/// Window length over the median time to generate the window's runs: at least 7 passes and 0.3 s.
func realTimeFactor(_ workload: Workload) -> Double {
    var times: [Duration] = []
    let clock = ContinuousClock()
    let deadline = clock.now + .milliseconds(300)
    while times.count < 7 || clock.now < deadline {
        var runs = 0
        let elapsed = clock.measure { workload.forEachRun { _ in runs &+= 1 } }
        precondition(runs == workload.runsPerWindow)
        times.append(elapsed)
    }
    let median = times.sorted()[times.count / 2]
    return workload.window.seconds / (Double(median / .nanoseconds(1)) / 1e9)
}

do {
    let survey = try ProtocolSurvey()
    let arguments = CommandLine.arguments.dropFirst()
    if arguments.first == "--repeat" {
        guard let text = arguments.dropFirst().first, let repeats = Int(text), repeats > 0 else {
            FileHandle.standardError.write(Data("usage: pulse-rates [--repeat N [PROTOCOL-ID]]\n".utf8))
            exit(2)
        }
        var workload = survey.heaviest
        if let id = arguments.dropFirst(2).first {
            let matching = survey.workloads.filter { $0.protocolID == id }
            guard let first = matching.min(by: { $0.programmeIndex < $1.programmeIndex }) else {
                FileHandle.standardError.write(Data("pulse-rates: no valid protocol \"\(id)\"\n".utf8))
                exit(2)
            }
            workload = first
        }
        var pulses = 0
        let start = ContinuousClock.now
        for _ in 0..<repeats {
            workload.forEachRun { run in
                for (time, pulse) in run.expanded where time.nanoseconds >= 0 && pulse.count > 0 { pulses &+= 1 }
            }
        }
        let elapsed = ContinuousClock.now - start
        print("\(workload.label): \(repeats) × \(workload.window), \(pulses) pulses in \(elapsed)")
        exit(0)
    }
    print("protocols: \(survey.directory)")
    for problem in survey.problems { print("skipped: \(problem)") }
    print("pulses/s and runs/s over all channels, counted over the first \(Workload.standardWindow) of each programme")
    print("x realtime: the window's length over the median time to generate its runs (no expansion), one thread")
    print("")
    let header = ["protocol", "prog", "name", "ch", "pulses in 1st s", "pulses/s", "runs/s", "x realtime"]
    var rows = [header]
    for w in survey.workloads {
        rows.append([w.protocolID, "\(w.programmeIndex + 1)", w.programme.name, "\(w.channels.count)",
                     "\(w.pulsesInFirstSecond)", String(format: "%.1f", w.realTimePulseRate),
                     String(format: "%.1f", w.realTimeRunRate), String(format: "%.0f", realTimeFactor(w))])
    }
    let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
    for row in rows {
        print(row.indices.map { column -> String in
            let cell = row[column]
            let pad = String(repeating: " ", count: widths[column] - cell.count)
            return column >= 3 ? pad + cell : cell + pad
        }.joined(separator: "  "))
    }
    print("")
    print("heaviest (pulses/s): \(survey.heaviest.label)")
    print("most runs/s: \(survey.mostRuns.label)")
} catch {
    FileHandle.standardError.write(Data("pulse-rates: \(error)\n".utf8))
    exit(1)
}
