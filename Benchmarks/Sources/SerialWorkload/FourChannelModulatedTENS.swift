import Foundation
import StimulationCore

/// The bundled `tens-modulated` protocol widened to four channels, every programme cut to 30 s.
///
/// It is made from the bundled file's own text, so it keeps its programmes, shapes and sweeps as
/// they are; only the channel count, the id and the durations change. Every programme starts with
/// the engine's soft start (20–25 mA at 2 mA/s: 10–12.5 s), and 30 s leaves a whole 12 s sweep
/// cycle after it, so a session of a minute and a half shows every pattern the link must carry.
public enum FourChannelModulatedTENS {
    public static let bundledID = "tens-modulated"
    public static let id = "tens-modulated-4ch"
    public static let channels = 4
    public static let programmeDuration = "30 s"

    public enum Failure: Error, CustomStringConvertible {
        case unreadable(String)
        /// The bundled file no longer has the lines this variant rewrites.
        case changedSource(String)
        case invalid(String)

        public var description: String {
            switch self {
            case .unreadable(let why), .changedSource(let why), .invalid(let why): why
            }
        }
    }

    /// Writes the variant into a new temporary directory and loads it from there, as a user's own file would be.
    public static func make(protocolsDirectory: String) throws(Failure) -> TherapyProtocol {
        let source = protocolsDirectory + "/" + bundledID + ".toml"
        guard let text = try? String(contentsOfFile: source, encoding: .utf8) else {
            throw .unreadable("cannot read \(source)")
        }
        var rewritten = 0, durations = 0
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            if line.hasPrefix("channels = ") {
                rewritten += 1
                return "channels = \(channels)"
            }
            if line.hasPrefix("id = ") {
                rewritten += 1
                return "id = \"\(id)\""
            }
            if line.hasPrefix("duration = ") {
                durations += 1
                return "duration = \"\(programmeDuration)\""
            }
            return String(line)
        }
        guard rewritten == 2, durations > 0 else {
            throw .changedSource("\(source) no longer has one channels line, one id line and a duration per programme")
        }
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("galvani-serial-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))")
        let path = directory.appendingPathComponent(id + ".toml").path
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw .unreadable("cannot write \(path): \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(at: directory) }
        let loaded: ProtocolLoader.Loaded
        do {
            loaded = try ProtocolLoader.load(path: path)
        } catch {
            throw .invalid("the four-channel variant does not load: \(error)")
        }
        guard loaded.therapyProtocol.programmes.count == durations else {
            throw .changedSource("\(path) has \(loaded.therapyProtocol.programmes.count) programmes but \(durations) durations")
        }
        return loaded.therapyProtocol
    }
}
