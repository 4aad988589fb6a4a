import StimulationCore

extension PulseRun {
    /// The pulses at or after `time`, or nil when none is left. Both ends drop pulses rather than
    /// play them late or overlap the run before: the host when the device clock steps back,
    /// the device when a run arrives after its first pulses were due.
    public func dropping(before time: TimeSpan) -> PulseRun? {
        guard start < time else { return self }
        let skipped = Int((time - start + period - .nanoseconds(1)).nanoseconds / period.nanoseconds)
        guard skipped < count else { return nil }
        var rest = self
        rest.pulse = pulse(at: skipped)
        rest.start = start + period * Int64(skipped)
        rest.count = count - skipped
        return rest
    }
}
