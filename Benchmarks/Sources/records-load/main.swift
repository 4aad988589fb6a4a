import Foundation
import StimulationCore
import StimulationEngine
import Transports
import TreatmentRecords

// What keeping records costs, on a real SQLite file in the temporary folder:
//   1. events per second the records writer commits, fed as fast as the caller can;
//   2. a 20-minute four-channel session stepped on the manual clock, records on and off: each pass's
//      duration (tick, events, snapshots to the sinks) as p50/p99/max, which must not move with records on;
//   3. the size of that session's file.
//
//     swift run -c release records-load [--events N]      (default 200000)

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("records-load: \(message)\n".utf8))
    exit(1)
}

var eventCount = 200_000
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    guard argument == "--events", let text = arguments.popFirst(), let value = Int(text), value >= 1_000 else {
        fail("usage: records-load [--events N]   (N ≥ 1000)")
    }
    eventCount = value
}

let folder = FileManager.default.temporaryDirectory.appendingPathComponent("galvani-records-load-\(getpid())")
try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: folder) }

/// tens-conventional on four channels, its full 20 minutes.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
let text = ((try? String(contentsOf: root.appendingPathComponent("protocols/tens-conventional.toml"), encoding: .utf8)) ?? "")
    .replacingOccurrences(of: "channels = 2", with: "channels = 4")
guard let loaded = try? ProtocolLoader.load(text: text, file: "tens-conventional-4.toml") else { fail("cannot load the workload protocol") }
let header = SessionHeader(patient: "BENCH", operatorName: "records-load", protocolID: loaded.therapyProtocol.id,
                           protocolText: loaded.text, transport: "simulator")

func open(_ name: String) -> RecordsStore {
    do { return try RecordsStore(path: folder.appendingPathComponent(name).path) } catch { fail("\(error)") }
}

// 1. Throughput: batches of 100 events, as a busy session's passes would hand them over.
do {
    let store = open("throughput.sqlite")
    let writer: RecordsWriter
    do { writer = try RecordsWriter(store: store, header: header) } catch { fail("\(error)") }
    let start = MonotonicTime.nanoseconds()
    var sent = 0
    while sent < eventCount {
        let batch = (0..<100).map { i in
            SessionOutput.event(SessionEvent(time: .milliseconds(Int64(sent + i)),
                                             kind: .targetChanged(channel: 1 + (sent + i) % 4, target: .microamps(Int64(sent + i) % 40_000))))
        }
        writer.receive(batch, lost: 0)
        sent += batch.count
    }
    writer.close()
    let seconds = Double(MonotonicTime.nanoseconds() - start) / 1e9
    print("writer: \(eventCount) events committed in \(String(format: "%.2f", seconds)) s = \(Int(Double(eventCount) / seconds)) events/s")
}

// 2 and 3. The stepped session, with and without records.
func session(recording: Bool) -> (passes: [Int64], file: Int64?) {
    let store = recording ? open("session.sqlite") : nil
    var sinks: [any SessionSink] = []
    if let store {
        do { sinks.append(try RecordsWriter(store: store, header: header)) } catch { fail("\(error)") }
    }
    let host = SessionHost(engine: Engine(therapyProtocol: loaded.therapyProtocol,
                                          transport: SimulatorTransport(channels: 4, maximumAmplitude: .milliamps(300))),
                           pacing: .stepped, sinks: sinks)
    host.begin(screening: Contraindication.noneApply, start: true)
    host.start()
    var passes: [Int64] = []
    passes.reserveCapacity(250_000)
    while !host.isOver {
        let before = MonotonicTime.nanoseconds()
        host.advance(by: EngineTiming.tick)
        passes.append(MonotonicTime.nanoseconds() - before)
    }
    host.shutDown()
    guard recording else { return (passes, nil) }
    var status = stat()
    stat(folder.appendingPathComponent("session.sqlite").path, &status)
    return (passes, Int64(status.st_size))
}

func percentile(_ sorted: [Int64], _ p: Double) -> String {
    String(format: "%.1f", Double(sorted[min(sorted.count - 1, Int(Double(sorted.count) * p / 100))]) / 1_000)
}

print("| records | passes | p50 µs | p99 µs | p99.9 µs | max µs |")
print("|---|---|---|---|---|---|")
var size: Int64?
for recording in [false, true, false, true] {
    let (passes, file) = session(recording: recording)
    if let file { size = file }
    let sorted = passes.sorted()
    print("| \(recording ? "on" : "off") | \(sorted.count) | \(percentile(sorted, 50)) | \(percentile(sorted, 99)) | \(percentile(sorted, 99.9)) | \(percentile(sorted, 100)) |")
}
if let size { print("file of a 20-minute four-channel session: \(size) bytes (\(size / 1024) KiB)") }
