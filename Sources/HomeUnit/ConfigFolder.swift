import Foundation

/// Where a home unit keeps its configuration: $XDG_CONFIG_HOME/galvani (~/.config/galvani when unset), as the
/// XDG base-directory spec says.
public enum ConfigFolder {
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        var home = environment["XDG_CONFIG_HOME"] ?? ""
        if home.isEmpty { home = (environment["HOME"] ?? "/root") + "/.config" }
        return home + "/galvani"
    }
}
