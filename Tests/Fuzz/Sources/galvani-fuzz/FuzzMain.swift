import CFuzzerDriver
import Foundation

/// Which harness runs is chosen by GALVANI_FUZZ_TARGET, so one instrumented build serves every target.
nonisolated(unsafe) var selected: FuzzTarget = .protocolFile

@main
struct FuzzMain {
    static func main() {
        let name = ProcessInfo.processInfo.environment["GALVANI_FUZZ_TARGET"] ?? ""
        guard let target = FuzzTarget(rawValue: name) else {
            let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
            FileHandle.standardError.write(Data("set GALVANI_FUZZ_TARGET to one of: \(names)\n".utf8))
            exit(2)
        }
        selected = target
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            selected.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
            return 0
        })
    }
}
