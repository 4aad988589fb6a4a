/// Everything a TOML file must pass before toml++ (inside TOMLKit) sees it. toml++ asserts,
/// rather than reports, on some invalid input — a debug build aborts and a release build
/// meets undefined behaviour — so these checks turn those cases into ordinary located errors.
/// Every loader (protocols, fault scripts, themes) goes through here.
public enum TOMLPreflight {
    /// The text without a UTF-8 byte-order mark: toml++ skips one, but the checks would take it
    /// for the start of line 1 and miss a bad table header right after it.
    public static func withoutByteOrderMark(_ bytes: [UInt8]) -> [UInt8] {
        bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
    }

    /// The first problem in `bytes` (already without a byte-order mark), with its place.
    public static func firstProblem(in bytes: [UInt8], document: String,
                                    headerExample: String) -> (location: SourceLocation, message: String)? {
        if let bad = TextCheck.firstProblem(in: bytes, document: document) {
            return (bad.location, bad.message)
        }
        return StructureCheck.firstProblem(in: bytes, headerExample: headerExample)
    }
}
