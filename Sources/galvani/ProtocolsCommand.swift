import ArgumentParser

struct ProtocolsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "protocols",
        abstract: "List, show and check treatment protocols.",
        discussion: "Protocols are read from ./protocols, $XDG_DATA_HOME/galvani/protocols, or a path you give.",
        subcommands: [ListProtocols.self, ShowProtocol.self, CheckProtocols.self]
    )
}
