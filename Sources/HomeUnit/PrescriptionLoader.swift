import StimulationCore

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
        let kind = TOMLSource.Kind(document: "a prescription", headerExample: "[[protocol]]", largestFile: largestFile)
        switch TOMLSource.read(bytes, file: file, as: kind, topKeys: PrescriptionReader.topKeys,
                               { PrescriptionReader(file: file, top: $0).read() }) {
        case .built(let prescription): return prescription
        case .failed(let diagnostics): throw PrescriptionLoadError(diagnostics: diagnostics)
        }
    }
}
