import StimulationCore

/// Streams a schedule to standard output in one-second slices, merging channels in time order.
struct ScheduleWriter {
    var request: ScheduleRequest
    var format: PulsesCommand.Format

    static let slice = TimeSpan.seconds(1)


    private func runText(_ run: PulseRun) -> String {
        "\(run.start.microsecondText),\(run.channel),\(run.count),\(run.period.microsecondText),"
            + "\(run.alternates),\(run.pulse.peak.microamps),\(run.pulse.scheduleText)"
    }

    func write() {
        let p = request.therapyProtocol
        var out = StandardOutput()
        var pending: [Int: PulseRun] = [:]
        out.line(format == .csv ? "t_us,channel,amplitude_uA,phases" : "start_us,channel,count,period_us,alternates,amplitude_uA,phases")
        for index in request.programmes {
            let programme = p.programmes[index]
            let origin = p.start(ofProgramme: index)
            let from = max(request.start, origin), to = min(request.end, origin + programme.duration)
            guard from < to else { continue }
            let envelope = AmplitudeEnvelope.constant(request.amplitude ?? programme.amplitude.target)
            var cursors = request.channels.map {
                PulseCursor(plan: ChannelPlan(programme: programme, channel: $0), origin: origin, envelope: envelope, from: from)
            }
            var sliceStart = from
            while sliceStart < to {
                let sliceEnd = min(sliceStart + Self.slice, to)
                var runs: [PulseRun] = []
                for i in cursors.indices {
                    while let run = cursors[i].nextRun(before: sliceEnd) { runs.append(run) }
                }
                emit(runs, into: &out, pending: &pending)
                sliceStart = sliceEnd
            }
        }
        for run in pending.values.sorted(by: { ($0.start, $0.channel) < ($1.start, $1.channel) }) { out.line(runText(run)) }
        out.flush()
    }

    private func emit(_ runs: [PulseRun], into out: inout StandardOutput, pending: inout [Int: PulseRun]) {
        switch format {
        case .runs:
            // Slices cut long runs; a run that simply continues across the cut is printed as one.
            for run in runs.sorted(by: { ($0.start, $0.channel) < ($1.start, $1.channel) }) {
                if let previous = pending[run.channel], previous.end == run.start, previous.period == run.period,
                   previous.alternates == run.alternates, previous.pulse(at: previous.count) == run.pulse {
                    pending[run.channel]!.count += run.count
                    continue
                }
                if let previous = pending[run.channel] { out.line(runText(previous)) }
                pending[run.channel] = run
            }
        case .csv:
            var pulses: [(TimeSpan, Int, Pulse)] = []
            for run in runs {
                for (time, pulse) in run.expanded { pulses.append((time, run.channel, pulse)) }
            }
            pulses.sort { ($0.0, $0.1) < ($1.0, $1.1) }
            for (time, channel, pulse) in pulses {
                out.line("\(time.microsecondText),\(channel),\(pulse.peak.microamps),\(pulse.scheduleText)")
            }
        }
    }
}

/// Buffered standard output: a schedule can be millions of lines.
struct StandardOutput {
    private var buffer: [UInt8] = []

    mutating func line(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        buffer.append(0x0A)
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        buffer.withUnsafeBufferPointer { pointer in
            var offset = 0
            while offset < pointer.count {
                let written = Glibc.write(1, pointer.baseAddress! + offset, pointer.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

import Glibc
