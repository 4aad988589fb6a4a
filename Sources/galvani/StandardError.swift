import Foundation

/// Diagnostics go to standard error so that CSV and JSON on standard output stay clean.
enum StandardError {
    static func write(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
