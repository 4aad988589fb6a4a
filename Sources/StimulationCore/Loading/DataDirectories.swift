import Foundation

/// Where Galvani looks for one kind of its files ("protocols", "themes"), in order:
/// ./KIND, then $XDG_DATA_HOME/galvani/KIND (~/.local/share when XDG_DATA_HOME is unset, as the
/// XDG base-directory spec says), then PREFIX/share/galvani/KIND beside an installed binary in
/// PREFIX/bin, which is what `scripts/install` lays out, so an installed galvani works from any directory.
public enum DataDirectories {
    public static func standard(_ kind: String, environment: [String: String] = ProcessInfo.processInfo.environment,
                                workingDirectory: String = FileManager.default.currentDirectoryPath,
                                executable: String? = installedExecutable()) -> [String] {
        var dataHome = environment["XDG_DATA_HOME"] ?? ""
        if dataHome.isEmpty, let home = environment["HOME"] { dataHome = home + "/.local/share" }
        var directories = [workingDirectory + "/" + kind]
        if !dataHome.isEmpty { directories.append(dataHome + "/galvani/" + kind) }
        if let executable {
            let prefix = URL(fileURLWithPath: executable).deletingLastPathComponent().deletingLastPathComponent()
            directories.append(prefix.appendingPathComponent("share/galvani/" + kind).path)
        }
        var seen = Set<String>()
        return directories.filter { seen.insert($0).inserted }
    }

    /// The running binary's real path, symbolic links resolved, so a link in ~/bin still finds its share folder.
    public static func installedExecutable() -> String? {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            .map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path }
    }
}
