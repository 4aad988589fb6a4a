import TreatmentRecords

/// Diagnostics go to standard error so that CSV and JSON on standard output stay clean. A standard error that
/// cannot be written (a full disk, a closed pipe) loses the message, never the process.
enum StandardError {
    static func write(_ text: String) {
        FileOutput.write(Array((text + "\n").utf8), to: 2)
    }

    /// Without a line end: a prompt the answer follows on the same line.
    static func writeInline(_ text: String) {
        FileOutput.write(Array(text.utf8), to: 2)
    }
}
