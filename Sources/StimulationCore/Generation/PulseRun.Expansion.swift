extension PulseRun {
    /// A run's pulses one by one, each with its time. A type of its own, rather than a lazy map,
    /// so expanding a run allocates nothing.
    public struct Expansion: Sequence, IteratorProtocol, Sendable {
        private let run: PulseRun
        private var index = 0

        init(_ run: PulseRun) { self.run = run }

        public var underestimatedCount: Int { run.count - index }

        public mutating func next() -> (time: TimeSpan, pulse: Pulse)? {
            guard index < run.count else { return nil }
            defer { index += 1 }
            return (run.start + run.period * Int64(index), run.pulse(at: index))
        }
    }
}
