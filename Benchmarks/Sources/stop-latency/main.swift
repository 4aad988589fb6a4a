import Foundation
import PulseWorkload
import SerialWorkload
import StimulationCore
import StimulationEngine
import Transports

// STOP-ALL latency as an operator meets it: from `SessionHost.send(.stopAll)` (the Space key) to the
// device emulator taking the STOP byte off its pseudo-terminal, and to the last of its channels going off.
// Many stops give the tail (p99.9 and the maximum), which a handful cannot. Each stop lands at a random
// moment within the engine's 80 ms sleep (its report reads; with the emulator it refills every 50 ms), since a key
// may come at any point of that sleep. Run it idle and beside `stress-ng --cpu $(nproc)`.
//
//     swift run -c release stop-latency [--samples N]      (default 2000)

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("stop-latency: \(message)\n".utf8))
    exit(1)
}

var samples = 2_000
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--samples":
        guard let text = arguments.popFirst(), let value = Int(text), value >= 10 else { fail("--samples needs a whole number of 10 or more") }
        samples = value
    default:
        fail("usage: stop-latency [--samples N]")
    }
}

let session: TherapyProtocol
do {
    session = try FourChannelModulatedTENS.make(protocolsDirectory: try ProtocolSurvey.locateProtocols())
} catch {
    fail("\(error)")
}
let channels = session.channels
let allOn = UInt32(1) << UInt32(channels) - 1

func waitUntil(_ what: String, within seconds: Int64 = 5, _ done: () -> Bool) {
    guard arrives(within: seconds, done) else { fail("no \(what) within \(seconds) s") }
}

let watch = EmulatorWatch()
let emulator: PseudoTerminalDevice
do {
    emulator = try PseudoTerminalDevice(DeviceEmulator.Configuration(channels: channels), log: { watch.observe($0) })
} catch {
    fail("\(error)")
}
emulator.start()
let thread = SessionHost(engine: Engine(therapyProtocol: session, transport: SerialTransport(path: emulator.path)),
                         pacing: .realTime(speed: 1))
thread.start()
waitUntil("handshake") { thread.snapshot?.linkUp ?? false }
thread.begin(screening: Contraindication.noneApply, start: true)

var toStopByte: [Int64] = []
var toOutputOff: [Int64] = []
for _ in 0..<samples {
    waitUntil("output on every channel") { watch.outputOn.load(ordering: .acquiring) == allOn }
    usleep(UInt32.random(in: 0...80_000))
    watch.arm()
    let sent = MonotonicTime.nanoseconds()
    thread.send(.stopAll)
    waitUntil("output off on every channel") { watch.outputsOff.load(ordering: .acquiring) >= channels }
    toStopByte.append(watch.stopByteAt.load(ordering: .relaxed) - sent)
    toOutputOff.append(watch.outputOffAt.load(ordering: .relaxed) - sent)
    guard let snapshot = thread.snapshot, snapshot.linkUp, !snapshot.state.isOver else {
        fail("the session ended: \(thread.snapshot?.stateReason ?? "no snapshot")")
    }
    thread.send(.acknowledge)
    thread.send(.resume)
}
thread.shutDown()
emulator.stop()

func percentile(_ sorted: [Int64], _ p: Double) -> Double {
    Double(sorted[min(sorted.count - 1, Int((Double(sorted.count) * p / 100).rounded(.up)) - 1)]) / 1_000
}
let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
print("\(samples) stops, \(ProcessInfo.processInfo.activeProcessorCount) cores, load average \(load); µs from send(.stopAll)")
print("| to | p50 | p90 | p99 | p99.9 | max |")
print("|---|---|---|---|---|---|")
for (label, values) in [("STOP byte taken by the emulator", toStopByte), ("every channel's output off", toOutputOff)] {
    let sorted = values.sorted()
    let cells = [50, 90, 99, 99.9].map { String(format: "%.0f", percentile(sorted, $0)) }
    print("| \(label) | \(cells.joined(separator: " | ")) | \(String(format: "%.0f", Double(sorted.last!) / 1_000)) |")
}
