import Foundation
import StimulationCore

/// Where themes are found: the `DataDirectories` for "themes", as protocols are; and any theme file given by its path.
public struct ThemeLibrary: Sendable {
    /// The theme used when none is asked for.
    public static let defaultName = "default"

    public var directories: [String]

    public init(directories: [String]) { self.directories = directories }

    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment,
                                workingDirectory: String = FileManager.default.currentDirectoryPath,
                                executable: String? = DataDirectories.installedExecutable()) -> ThemeLibrary {
        ThemeLibrary(directories: DataDirectories.standard("themes", environment: environment,
                                                           workingDirectory: workingDirectory, executable: executable))
    }

    public enum LookupError: Error, Sendable, CustomStringConvertible {
        case notFound(String, known: [String], searched: [String])
        case invalid(ThemeLoadError)

        public var description: String {
            switch self {
            case .notFound(let name, let known, let searched):
                let list = known.isEmpty ? "none" : known.joined(separator: ", ")
                return "no theme \"\(name)\": it is not a file and no theme has that name.\n"
                    + "searched: \(searched.joined(separator: ", "))\nknown themes: \(list)"
            case .invalid(let error):
                return error.description
            }
        }
    }

    /// The names of the themes in the library's directories, each once, in name order:
    /// `light` for `light.toml`.
    public func names() -> [String] {
        let found = directories.flatMap { directory -> [String] in
            let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            return files.filter { $0.hasSuffix(".toml") && !$0.hasPrefix(".") && isFile(directory + "/" + $0) }
                .map { String($0.dropLast(".toml".count)) }
        }
        return Set(found).sorted()
    }

    /// The theme `--theme NAME|FILE` asks for: a file when the argument is one, holds a "/" or
    /// ends in ".toml"; otherwise NAME.toml from the first directory that has it.
    public func find(_ argument: String = defaultName) throws(LookupError) -> Theme {
        if argument.contains("/") || argument.hasSuffix(".toml") || isFile(argument) {
            do { return try ThemeLoader.load(path: argument) } catch { throw .invalid(error) }
        }
        // A hidden file is no theme, as names() does not list it.
        guard !argument.isEmpty, !argument.hasPrefix("."),
              let path = directories.map({ $0 + "/" + argument + ".toml" }).first(where: isFile) else {
            throw .notFound(argument, known: names(), searched: directories)
        }
        do { return try ThemeLoader.load(path: path) } catch { throw .invalid(error) }
    }

    private func isFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }
}
