import StimulationCore
import TOMLKit

/// Reads a prescription file with the protocol files' rules: nothing defaulted, nothing extra accepted, every
/// error at its FILE:LINE:COL. The signature is checked separately, over the file's exact bytes.
public enum PrescriptionLoader {
    public static let formatVersion = 1
    public static let largestFile = 1 << 16

    public static func load(path: String) throws(PrescriptionLoadError) -> (prescription: Prescription, bytes: [UInt8]) {
        switch SourceFile.read(path: path, largest: largestFile, document: "a prescription") {
        case .success(let bytes): return (try load(bytes: bytes, file: path), bytes)
        case .failure(let diagnostic): throw PrescriptionLoadError(diagnostics: [diagnostic])
        }
    }

    public static func load(bytes: [UInt8], file: String) throws(PrescriptionLoadError) -> Prescription {
        let root: TOMLTable, context: LoadContext
        switch TOMLSource.parse(bytes, file: file, as: .init(document: "a prescription", headerExample: "[[protocol]]",
                                                               largestFile: largestFile)) {
        case .success(let parsed): (root, context) = parsed
        case .failure(let diagnostic): throw PrescriptionLoadError(diagnostics: [diagnostic])
        }
        let prescription = PrescriptionReader(file: file, top: TableReader(table: root, path: "", label: "", context: context,
                                                                           allowed: PrescriptionReader.topKeys)).read()
        guard let prescription, !context.hasErrors else {
            throw PrescriptionLoadError(diagnostics: context.diagnostics.sorted {
                ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column)
            })
        }
        return prescription
    }
}
