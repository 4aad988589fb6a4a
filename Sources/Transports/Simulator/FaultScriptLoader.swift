import Foundation
import StimulationCore
import TOMLKit

/// Turns a fault script file into a `FaultScript`, or into every error it contains.
///
/// The same rules as protocol files: nothing defaulted, nothing extra accepted, every
/// error at its line, and no bytes that make the TOML parser crash.
public enum FaultScriptLoader {
    public static let formatVersion = 1
    /// A fault script is a few lines; anything this large is refused before parsing.
    public static let largestFile = 1 << 20

    public static func load(path: String, channels: Int) throws(FaultScriptLoadError) -> FaultScript {
        switch SourceFile.read(path: path, largest: largestFile, document: "a fault script") {
        case .success(let bytes): return try load(bytes: bytes, file: path, channels: channels)
        case .failure(let diagnostic): throw FaultScriptLoadError(diagnostics: [diagnostic])
        }
    }

    public static func load(text: String, file: String, channels: Int) throws(FaultScriptLoadError) -> FaultScript {
        try load(bytes: Array(text.utf8), file: file, channels: channels)
    }

    /// `channels` is the device's channel count: every channel a fault names must exist.
    public static func load(bytes: [UInt8], file: String, channels: Int) throws(FaultScriptLoadError) -> FaultScript {
        precondition(channels >= 1, "a device has at least one channel")
        let root: TOMLTable, context: LoadContext
        switch TOMLSource.parse(bytes, file: file, as: .init(document: "a fault script", headerExample: "[[fault]]",
                                                               largestFile: largestFile)) {
        case .success(let parsed): (root, context) = parsed
        case .failure(let diagnostic): throw FaultScriptLoadError(diagnostics: [diagnostic])
        }
        let top = TableReader(table: root, path: "", label: "", context: context, allowed: ["format", "fault"])
        top.rejectUnknownKeys()
        if let format = top.integer("format"), format != formatVersion {
            top.error("format", "is \(format); this version of Galvani reads fault scripts of format \(formatVersion)")
        }
        let readers = top.tableArray("fault", label: { "fault \($0 + 1)" }, allowed: FaultEventReader.keys,
                                     required: true) ?? []
        if top.has("fault"), readers.isEmpty {
            top.error("fault", "must list at least one [[fault]]")
        }
        let events = readers.compactMap { FaultEventReader(reader: $0, channels: channels).read() }
        guard !context.hasErrors else {
            throw FaultScriptLoadError(diagnostics: context.diagnostics.sorted {
                ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column)
            })
        }
        return FaultScript(events)
    }
}
