/// One stage of a protocol: a modality with its waveform, timing and amplitude window.
public struct Programme: Hashable, Sendable {
    public var name: String
    public var modality: Modality
    public var duration: TimeSpan
    public var shape: PulseShape
    /// Pulse repetition rate. For carrier modalities this is the carrier cycle rate.
    public var frequency: Frequency
    /// Width of one phase. Derived from the period for square waves and carriers.
    public var phaseWidth: TimeSpan
    public var carrier: Carrier?
    public var burst: Burst?
    public var duty: DutyCycle?
    public var denseDisperse: DenseDisperse?
    public var sweeps: [Sweep]
    /// Keyed by channel number, 1-based.
    public var overrides: [Int: ChannelOverride]
    public var amplitude: AmplitudeWindow
    public var electrode: Electrode

    public init(name: String, modality: Modality, duration: TimeSpan, shape: PulseShape,
                frequency: Frequency, phaseWidth: TimeSpan, carrier: Carrier? = nil,
                burst: Burst? = nil, duty: DutyCycle? = nil, denseDisperse: DenseDisperse? = nil,
                sweeps: [Sweep] = [], overrides: [Int: ChannelOverride] = [:],
                amplitude: AmplitudeWindow, electrode: Electrode) {
        self.name = name
        self.modality = modality
        self.duration = duration
        self.shape = shape
        self.frequency = frequency
        self.phaseWidth = phaseWidth
        self.carrier = carrier
        self.burst = burst
        self.duty = duty
        self.denseDisperse = denseDisperse
        self.sweeps = sweeps
        self.overrides = overrides
        self.amplitude = amplitude
        self.electrode = electrode
    }

    public func sweep(of parameter: Sweep.Parameter) -> Sweep? {
        sweeps.first { $0.parameter == parameter }
    }
}
