import Glibc

/// What is checked before the screen starts, so a console that cannot work says why in plain
/// words instead of drawing garbage, or spinning on an input that is not a keyboard.
public enum TerminalCheck {
    /// Also switches the process to the user's locale, which ncursesw needs for µ, ≤ and █.
    public static func verify(input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO) throws(TerminalError) {
        guard isatty(input) == 1 else { throw .inputNotTerminal }
        guard isatty(output) == 1 else { throw .outputNotTerminal }
        let accepted = setlocale(LC_ALL, "") != nil
        let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
        var environment: [String: String] = [:]
        for name in localeVariables {
            if let value = getenv(name) { environment[name] = String(cString: value) }
        }
        if let problem = localeProblem(codeset: codeset, accepted: accepted, environment: environment) {
            throw problem
        }
    }

    /// In the order the C library consults them for the character set: the first one set wins.
    static let localeVariables = ["LC_ALL", "LC_CTYPE", "LANG"]

    /// `accepted` is false when setlocale refused the locale that the environment names.
    static func localeProblem(codeset: String, accepted: Bool, environment: [String: String]) -> TerminalError? {
        guard codeset.uppercased().filter({ $0 != "-" && $0 != "_" }) != "UTF8" else { return nil }
        let setting = localeVariables.first { !(environment[$0] ?? "").isEmpty }
            .map { "\($0)=\(environment[$0] ?? "")" }
        if !accepted, let setting { return .localeMissing(setting: setting) }
        return .localeNotUTF8(codeset: codeset, setting: setting)
    }
}
