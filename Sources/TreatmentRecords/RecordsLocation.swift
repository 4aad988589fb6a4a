import Foundation

/// Where the records live unless `--records` says otherwise: `$XDG_DATA_HOME/galvani/records.sqlite`,
/// or `~/.local/share/galvani/records.sqlite` as the XDG base-directory specification defaults it.
public enum RecordsLocation {
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let dataHome: String
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            dataHome = xdg
        } else {
            dataHome = (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share"
        }
        return dataHome + "/galvani/records.sqlite"
    }
}
