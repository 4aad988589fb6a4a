import Foundation

/// Where protocols are found: the `DataDirectories` for "protocols", and any path given directly.
public struct ProtocolLibrary: Sendable {
    public var directories: [String]

    public init(directories: [String]) { self.directories = directories }

    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment,
                                workingDirectory: String = FileManager.default.currentDirectoryPath,
                                executable: String? = DataDirectories.installedExecutable()) -> ProtocolLibrary {
        ProtocolLibrary(directories: DataDirectories.standard("protocols", environment: environment,
                                                              workingDirectory: workingDirectory, executable: executable))
    }

    public struct Entry: Sendable {
        public var path: String
        public var result: Result<ProtocolLoader.Loaded, ProtocolLoadError>
    }

    /// Every `.toml` file in the library's directories, in directory then name order.
    public func files() -> [String] {
        directories.flatMap { directory -> [String] in
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            return names.filter { $0.hasSuffix(".toml") }.sorted().map { directory + "/" + $0 }
        }
    }

    public func loadAll() -> [Entry] {
        files().map { path in
            Entry(path: path, result: Result { () throws(ProtocolLoadError) in try ProtocolLoader.load(path: path) })
        }
    }

    public enum LookupError: Error, CustomStringConvertible {
        case notFound(String, known: [String], searched: [String])
        case invalid(ProtocolLoadError)

        public var description: String {
            switch self {
            case .notFound(let name, let known, let searched):
                let list = known.isEmpty ? "none" : known.joined(separator: ", ")
                return "no protocol \"\(name)\": it is not a file and no protocol has that id.\n"
                    + "searched: \(searched.joined(separator: ", "))\nknown ids: \(list)"
            case .invalid(let error):
                return error.description
            }
        }
    }

    /// A protocol by file path, or by id among the library's valid protocols.
    public func find(_ name: String) throws(LookupError) -> ProtocolLoader.Loaded {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: name, isDirectory: &isDirectory), !isDirectory.boolValue {
            do { return try ProtocolLoader.load(path: name) } catch { throw .invalid(error) }
        }
        var known: [String] = []
        for entry in loadAll() {
            guard case .success(let loaded) = entry.result else { continue }
            if loaded.therapyProtocol.id == name { return loaded }
            known.append(loaded.therapyProtocol.id)
        }
        throw .notFound(name, known: known, searched: directories)
    }
}
