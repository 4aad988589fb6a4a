import ArgumentParser
import ConsoleUI
import StimulationCore
import Transports

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "The console on the simulator, touring every feature in about two minutes.",
        discussion: """
        Four simulated channels run two programmes; a pad lifts on channel 2 and comes back (press a to \
        acknowledge the alarm), channel 3's impedance drifts, and the programme changes halfway. \
        No stimulator is involved.
        """
    )

    @Option(help: "Session time per wall-clock second, 1 to 20, to take the tour faster.")
    var speed: Int64 = 1

    @Option(help: "A theme name (default, high-contrast, monochrome, light) or a theme file.")
    var theme: String = ThemeLibrary.defaultName

    func validate() throws {
        guard (1...20).contains(speed) else { throw ValidationError("--speed \(speed): give 1 to 20") }
    }

    func run() throws {
        let (therapyProtocol, faults) = try DemoTour.load()
        let chosen = try ConsoleLauncher.theme(theme)
        let app = ConsoleApp(therapyProtocol: therapyProtocol, choices: [], options: .init(theme: chosen, speed: speed, demo: true, recordsOff: "not recorded")) {
            SimulatedDevice.make(for: $0, faults: faults, speed: speed)
        }
        try ConsoleLauncher.run(app)
    }
}
