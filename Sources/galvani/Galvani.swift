import ArgumentParser

@main
struct Galvani: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "galvani",
        abstract: "A terminal console for electrotherapy stimulators.",
        discussion: """
        Galvani drives stimulators that send current into people. It is not a certified medical device. \
        Every protocol is checked against the safety limits in docs/protocol-format.md before it is used.
        """,
        subcommands: [DemoCommand.self, RunCommand.self, ProtocolsCommand.self, PulsesCommand.self, EmulateCommand.self, DevicesCommand.self,
                      RecordsCommand.self, ClinicianCommand.self, PrescriptionCommand.self, HomeCommand.self]
    )
}
