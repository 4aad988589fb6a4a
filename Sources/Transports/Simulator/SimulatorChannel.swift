import StimulationCore

/// One simulated output: its electrodes, its queue of runs and its electrode-error latch.
struct SimulatorChannel {
    /// Consumed runs are dropped from the front of the queue in batches of this many, not one by one.
    private static let compactionBatch = 256

    var electrode: ElectrodeModel
    var drift: DriftRamp?
    /// Set by the first pulse met with bad contact; every later pulse is dropped until the host stops the channel.
    var latched = false
    /// The telemetry last reported, which the next pulse is compared with.
    var lastReported: ElectrodeModel.Response?
    var lastReportedAt: TimeSpan?
    /// The time of the last pulse queued, so that a run overlapping it is refused.
    private(set) var lastQueuedPulse: TimeSpan?

    /// The electrodes' answer to the last pulse they met. A train repeats its pulse (a sweep changes only the period,
    /// which the model does not see), and the model's exponentials were a third of the simulator's time.
    private var lastResponse: (pulse: Pulse, electrode: ElectrodeModel, response: ElectrodeModel.Response)?

    private var queue: [PulseRun] = []
    private var head = 0
    /// The index, within the run at `head`, of the next pulse to play.
    private var next = 0

    /// Not stimulating: nothing queued, or held off by the electrode-error latch.
    var isIdle: Bool { latched || head >= queue.count }

    init(electrode: ElectrodeModel) {
        self.electrode = electrode
    }

    /// What `pulse` does through the electrodes as they are now.
    mutating func respond(to pulse: Pulse) -> ElectrodeModel.Response {
        if let last = lastResponse, last.pulse == pulse, last.electrode == electrode { return last.response }
        let response = electrode.respond(to: pulse)
        lastResponse = (pulse, electrode, response)
        return response
    }

    mutating func enqueue(_ run: PulseRun) {
        queue.append(run)
        lastQueuedPulse = run.start + run.period * Int64(run.count - 1)
    }

    /// Drops every queued pulse; the next run may start at any time.
    mutating func discardQueue() {
        queue.removeAll(keepingCapacity: true)
        head = 0
        next = 0
        lastQueuedPulse = nil
    }

    /// The next stretch of one run whose pulses all fall at or before `limit`, removed from the queue:
    /// the run, the time of its first pulse in the stretch, and how many pulses it holds.
    mutating func takePulses(through limit: TimeSpan) -> (run: PulseRun, time: TimeSpan, count: Int)? {
        guard head < queue.count else { return nil }
        let run = queue[head]
        let time = run.start + run.period * Int64(next)
        guard time <= limit else { return nil }
        let last = min(Int64(run.count - 1), (limit - run.start).nanoseconds / run.period.nanoseconds)
        let count = Int(last) - next + 1
        next = Int(last) + 1
        if next == run.count {
            head += 1
            next = 0
            if head == queue.count {
                queue.removeAll(keepingCapacity: true)
                head = 0
            } else if head >= Self.compactionBatch {
                queue.removeFirst(head)
                head = 0
            }
        }
        return (run, time, count)
    }
}
