import Foundation
import StimulationCore

/// Turns a board file into a `Board`, or into every error it contains, with the protocol files' rules:
/// nothing defaulted, nothing extra accepted, every error at its line.
///
/// Above all a board must be safe while Galvani is not running it: every line that switches the stage on
/// needs a pull resistor that holds it off once the lines are released (a killed process, a crash).
public enum BoardLoader {
    public static let formatVersion = 1
    public static let largestFile = 1 << 16
    /// One request sets at most 64 lines (the kernel's GPIO_V2_LINES_MAX).
    public static let largestLineCount = 64
    /// The kernel keeps 31 bytes of a line's name.
    public static let longestLineName = 31
    public static let dacBits: ClosedRange<Int> = 1...16
    public static let heartbeatPeriods = TimeSpan.milliseconds(1)...TimeSpan.seconds(1)
    /// Dead time long enough for any bridge driver's switching, short enough not to eat a phase.
    public static let deadTimes = TimeSpan.nanoseconds(100)...TimeSpan.microseconds(100)
    /// A real board keeps edges within tens of µs; 50 ms leaves room for a virtual machine under emulation.
    public static let stretchTolerances = TimeSpan.microseconds(1)...TimeSpan.milliseconds(50)

    public static func load(path: String) throws(BoardLoadError) -> Board {
        switch SourceFile.read(path: path, largest: largestFile, document: "a board file") {
        case .success(let bytes): return try load(bytes: bytes, file: path)
        case .failure(let diagnostic): throw BoardLoadError(diagnostics: [diagnostic])
        }
    }

    public static func load(text: String, file: String) throws(BoardLoadError) -> Board {
        try load(bytes: Array(text.utf8), file: file)
    }

    public static func load(bytes: [UInt8], file: String) throws(BoardLoadError) -> Board {
        let kind = TOMLSource.Kind(document: "a board file", headerExample: "[stage]", largestFile: largestFile)
        let keys = ["format", "name", "stage", "enable", "heartbeat", "channel"]
        switch TOMLSource.read(bytes, file: file, as: kind, topKeys: keys, { BoardReader(file: file, top: $0).read() }) {
        case .built(let board): return board
        case .failed(let diagnostics): throw BoardLoadError(diagnostics: diagnostics)
        }
    }

    /// A board given by name ("gpio-sim") is looked for as boards/NAME.toml in the data folders, as protocols are.
    public static func path(for argument: String, directories: [String] = DataDirectories.standard("boards")) -> String {
        guard !argument.contains("/"), !argument.hasSuffix(".toml") else { return argument }
        let candidates = directories.map { $0 + "/" + argument + ".toml" }
        return candidates.first { FileManager.default.fileExists(atPath: $0) } ?? argument
    }
}
