import ArgumentParser
import ConsoleUI

/// Turns the console's own errors into clear messages and exit statuses.
enum ConsoleLauncher {
    static func theme(_ name: String) throws -> Theme {
        do {
            return try ThemeLibrary.standard().find(name)
        } catch {
            StandardError.write(error.description)
            throw ExitCode(1)
        }
    }

    static func run(_ app: ConsoleApp) throws {
        do {
            try app.run()
        } catch let error as TerminalError {
            StandardError.write("galvani: \(error)")
            throw ExitCode(1)
        }
    }
}
