import StimulationCore
import Transports

/// The built-in tour `galvani demo` runs: four channels, two programmes, and a fault script
/// that shows a pad lifting and coming back, impedance drifting and a programme change in
/// about two minutes of session time. It is not a treatment and is not in the protocol library.
enum DemoTour {
    static let protocolText = """
    format = 1
    id = "demo-tour"
    title = "Demo tour (simulator)"
    indication = "A tour of the console on the simulator; not a treatment."
    placement = "Simulated pads on four channels."
    channels = 4
    contraindications = ["implanted-device"]

    [electrode]
    kind = "pad"
    area = "25 cm²"

    [[programme]]
    name = "Conventional TENS"
    modality = "tens-conventional"
    duration = "60 s"
    shape = "symmetric-biphasic"
    frequency = "100 Hz"
    phase_width = "200 µs"
    amplitude = { start = "0 mA", target = "18 mA", max = "40 mA" }

    [programme.channel.3]
    frequency = "120 Hz"

    [programme.channel.4]
    frequency = "80 Hz"

    [[programme]]
    name = "Modulated TENS"
    modality = "tens-modulated"
    duration = "60 s"
    shape = "symmetric-biphasic"
    frequency = "80 Hz"
    phase_width = "200 µs"
    amplitude = { start = "0 mA", target = "15 mA", max = "40 mA" }

    [[programme.sweep]]
    parameter = "frequency"
    profile = "triangle"
    from = "80 Hz"
    to = "120 Hz"
    cycle = "6 s"
    """

    static let faultText = """
    format = 1

    [[fault]]
    at = "25 s"
    channel = 2
    kind = "pad-lift"
    lift = "70 %"

    [[fault]]
    at = "33 s"
    channel = 2
    kind = "contact-restored"

    [[fault]]
    at = "40 s"
    channel = 3
    kind = "impedance-drift"
    to = "130 %"
    over = "15 s"

    [[fault]]
    at = "90 s"
    channel = 3
    kind = "impedance-drift"
    to = "100 %"
    over = "10 s"
    """

    static func load() throws -> (TherapyProtocol, FaultScript) {
        let therapyProtocol = try ProtocolLoader.load(text: protocolText, file: "demo-tour (built in)").therapyProtocol
        let faults = try FaultScriptLoader.load(text: faultText, file: "demo-tour faults (built in)",
                                                channels: therapyProtocol.channels)
        return (therapyProtocol, faults)
    }
}
