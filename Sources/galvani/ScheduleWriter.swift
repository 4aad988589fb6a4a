import StimulationCore

/// Streams a schedule to standard output in slices of protocol time, every channel merged in time order.
///
/// Rows must come out in time order without holding a whole session in memory, so the
/// schedule is produced a slice at a time: a second for single pulses, a minute for runs.
/// A run therefore never crosses a whole minute of protocol time.
struct ScheduleWriter {
    var request: ScheduleRequest
    var format: PulsesCommand.Format

    var slice: TimeSpan { format == .csv ? .seconds(1) : .seconds(60) }

    func write() {
        let p = request.therapyProtocol
        var out = StandardOutput()
        out.line(format == .csv ? "t_us,channel,amplitude_uA,phases"
                                : "start_us,channel,count,period_us,alternates,amplitude_uA,phases")
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
                // Slices are aligned to whole slice lengths of protocol time, so output does not depend on --from.
                let boundary = TimeSpan(nanoseconds: (sliceStart.nanoseconds / slice.nanoseconds + 1) * slice.nanoseconds)
                let sliceEnd = min(boundary, to)
                var runs: [PulseRun] = []
                for i in cursors.indices {
                    while let run = cursors[i].nextRun(before: sliceEnd) { runs.append(run) }
                }
                emit(runs, into: &out)
                sliceStart = sliceEnd
            }
        }
        out.flush()
    }

    private func emit(_ runs: [PulseRun], into out: inout StandardOutput) {
        switch format {
        case .runs:
            for run in runs.sorted(by: { ($0.start, $0.channel) < ($1.start, $1.channel) }) {
                out.line("\(run.start.microsecondText),\(run.channel),\(run.count),\(run.period.microsecondText),"
                    + "\(run.alternates),\(run.pulse.peak.microamps),\(run.pulse.scheduleText)")
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
