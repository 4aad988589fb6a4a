import Benchmark
import Foundation
import PulseWorkload
import StimulationCore

// Pulse generation, measured against real time.
//
// "generate runs" and "generate and expand" use the heaviest bundled programme: the one whose
// channels together carry the most pulses per second of programme time, found by generating and
// counting (ProtocolSurvey). "generate runs, most runs/s" uses the programme with the most
// PulseRuns per second, where each pulse tends to be a run of its own; it is left out when that
// is the same programme.
//
// Each iteration generates `Workload.standardWindow` (10 s) of programme time from the
// programme's start on every channel, at the programme's target amplitude, with a fresh
// PulseCursor per channel, as the CLI's schedule writer does.
//
// Custom metrics, one sample per iteration, from the iteration's own wall time:
//   pulses/s    pulses generated per second of wall time
//   runs/s      PulseRuns generated per second of wall time
//   x realtime  programme time generated per wall time (= pulses/s over the real-time pulse rate)

enum PulseMetric {
    static let pulsesPerSecond = BenchmarkMetric.custom("pulses/s", polarity: .prefersLarger, useScalingFactor: false)
    static let runsPerSecond = BenchmarkMetric.custom("runs/s", polarity: .prefersLarger, useScalingFactor: false)
    static let realTimeFactor = BenchmarkMetric.custom("x realtime", polarity: .prefersLarger, useScalingFactor: false)
}

let benchmarks: @Sendable () -> Void = {
    let survey: ProtocolSurvey
    do {
        survey = try ProtocolSurvey()
    } catch {
        fatalError("PulseGeneration: \(error)")
    }

    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident,
                  PulseMetric.pulsesPerSecond, PulseMetric.runsPerSecond, PulseMetric.realTimeFactor],
        timeUnits: .microseconds,
        units: [.mallocCountTotal: .count, PulseMetric.pulsesPerSecond: .kilo, PulseMetric.runsPerSecond: .kilo,
                PulseMetric.realTimeFactor: .count],
        warmupIterations: 3,
        scalingFactor: .one,
        maxDuration: .seconds(5),
        maxIterations: 2_000
    )

    func describe(_ workload: Workload, as role: String) {
        FileHandle.standardError.write(Data("""
            PulseGeneration, \(role): \(workload.label), \(workload.channels.count) channel(s), \
            \(workload.window) per iteration: \(workload.pulsesPerWindow) pulses in \(workload.runsPerWindow) runs \
            (real time \(String(format: "%.1f", workload.realTimePulseRate)) pulses/s)

            """.utf8))
    }

    func record(_ benchmark: Benchmark, _ workload: Workload, pulses: Int, runs: Int,
                since start: ContinuousClock.Instant) {
        let nanoseconds = Double((ContinuousClock.now - start) / .nanoseconds(1))
        guard nanoseconds > 0 else { return }
        benchmark.measurement(PulseMetric.pulsesPerSecond, Int(Double(pulses) / nanoseconds * 1e9))
        benchmark.measurement(PulseMetric.runsPerSecond, Int(Double(runs) / nanoseconds * 1e9))
        benchmark.measurement(PulseMetric.realTimeFactor, Int(workload.window.seconds / nanoseconds * 1e9))
        precondition(pulses == workload.pulsesPerWindow && runs == workload.runsPerWindow,
                     "generation is not repeatable")
    }

    func generateRuns(_ name: String, _ workload: Workload) {
        Benchmark(name, configuration: configuration) { benchmark in
            for _ in benchmark.scaledIterations {
                let start = ContinuousClock.now
                var pulses = 0, runs = 0
                workload.forEachRun { run in
                    pulses &+= run.count
                    runs &+= 1
                    blackHole(run)
                }
                record(benchmark, workload, pulses: pulses, runs: runs, since: start)
            }
        }
    }

    func generateAndExpand(_ name: String, _ workload: Workload) {
        Benchmark(name, configuration: configuration) { benchmark in
            for _ in benchmark.scaledIterations {
                let start = ContinuousClock.now
                var pulses = 0, runs = 0
                workload.forEachRun { run in
                    runs &+= 1
                    for (time, pulse) in run.expanded {
                        blackHole(time)
                        blackHole(pulse)
                        pulses &+= 1
                    }
                }
                record(benchmark, workload, pulses: pulses, runs: runs, since: start)
            }
        }
    }

    let heaviest = survey.heaviest
    describe(heaviest, as: "heaviest (pulses/s)")
    generateRuns("generate runs", heaviest)
    generateAndExpand("generate and expand", heaviest)

    let mostRuns = survey.mostRuns
    if mostRuns.protocolID != heaviest.protocolID || mostRuns.programmeIndex != heaviest.programmeIndex {
        describe(mostRuns, as: "most runs/s")
        generateRuns("generate runs, most runs/s", mostRuns)
    }
}
