import Foundation
import PulseWorkload
import SerialWorkload
import StimulationCore
import Transports

// Bytes on the serial link per second, each way, for whole sessions in real time: the engine on
// its own thread (MonotonicClock), SerialTransport, and the device emulator behind a
// pseudo-terminal. The pseudo-terminal passes bytes at memory speed, so the figures are what a
// session asks of the link; the share of 115200 baud says whether a real line could carry it.
//
// First a four-channel variant of tens-modulated, every programme cut to 30 s, run to the end.
// Then, for comparison, the first programme of each carrier protocol, the heaviest on the link,
// each stopped after --heavy-seconds (default 40: past the IFC soft starts; 0 leaves them out).
//
// Every programme starts with the engine's soft start, during which each pulse is stronger than the
// last and so needs an entry of its own; each programme is therefore reported during its soft start
// and after it, as well as whole.
//
// --device-minor 0 has the emulator speak protocol 1.0, for the stream without ramp entries.
//
//     swift run -c release serial-bandwidth [--heavy-seconds N] [--device-minor 0|1]

let heavyProtocols = ["ifc-premodulated", "ifc-4-pole-sweep", "russian-10-50-10"]

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("serial-bandwidth: \(message)\n".utf8))
    exit(1)
}

var heavySeconds: Int64 = 40
var deviceMinor = WireProtocol.minor
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--heavy-seconds":
        guard let text = arguments.popFirst(), let value = Int64(text), value >= 0 else { fail("--heavy-seconds needs a whole number") }
        heavySeconds = value
    case "--device-minor":
        guard let text = arguments.popFirst(), let value = UInt8(text), value <= WireProtocol.minor else {
            fail("--device-minor needs 0 to \(WireProtocol.minor)")
        }
        deviceMinor = value
    default:
        fail("usage: serial-bandwidth [--heavy-seconds N] [--device-minor 0|1]")
    }
}

let directory: String
do {
    directory = try ProtocolSurvey.locateProtocols()
} catch {
    fail("\(error)")
}

var sessions: [LinkSession] = []
do {
    let variant = try FourChannelModulatedTENS.make(protocolsDirectory: directory)
    sessions.append(LinkSession(label: variant.id, therapyProtocol: variant, limit: nil, deviceMinor: deviceMinor))
} catch {
    fail("\(error)")
}
if heavySeconds > 0 {
    for id in heavyProtocols {
        do {
            let loaded = try ProtocolLoader.load(path: directory + "/" + id + ".toml").therapyProtocol
            sessions.append(LinkSession(label: id, therapyProtocol: loaded, limit: .seconds(heavySeconds), deviceMinor: deviceMinor))
        } catch {
            fail("\(id): \(error)")
        }
    }
}

func percent(_ rate: Double) -> String { String(format: "%.1f %%", rate / LinkRate.capacity * 100) }
func bytes(_ rate: Double) -> String { String(format: "%.0f", rate) }

print("bytes per second on the link; 115200 baud 8N1 carries \(Int(LinkRate.capacity)) bytes/s each way")
print("")
print("| session | stretch | s | host→device B/s | of 115200 | frames/s | device→host B/s | of 115200 | frames/s |")
print("|---|---|---|---|---|---|---|---|---|")
var allProblems: [String] = []
for session in sessions {
    let result: LinkSession.Result
    do {
        result = try session.run()
    } catch {
        fail("\(error)")
    }
    let samples = result.samples
    func row(_ stretch: String, _ rate: LinkRate) {
        print("| \(session.label) | \(stretch) | \(String(format: "%.1f", rate.seconds)) | \(bytes(rate.hostToDevice)) | "
            + "\(percent(rate.hostToDevice)) | \(String(format: "%.0f", rate.framesToDevice)) | \(bytes(rate.deviceToHost)) | "
            + "\(percent(rate.deviceToHost)) | \(String(format: "%.0f", rate.framesToHost)) |")
    }
    row(session.limit == nil ? "whole session" : "first \(session.limit!)", LinkRate(from: samples.first!, to: samples.last!))
    for p in Set(samples.map(\.programmeIndex)).sorted() {
        let programme = session.therapyProtocol.programmes[p]
        let first = samples.firstIndex { $0.programmeIndex == p }!
        let end = samples.firstIndex { $0.programmeIndex > p } ?? samples.count - 1
        let ramp = Int64(Double(programme.amplitude.target.microamps)
            / Double(SafetyPolicy.clinic.rampRate(for: programme.modality).microamps) * 1e9)
        let rampEnd = samples[first...end].firstIndex { $0.time - samples[first].time >= ramp } ?? end
        let name = "programme \(p + 1) \"\(programme.name)\""
        row("\(name), soft start", LinkRate(from: samples[first], to: samples[rampEnd]))
        if end - rampEnd >= 10 { row("\(name), after soft start", LinkRate(from: samples[rampEnd], to: samples[end])) }
    }
    if let peak = LinkRate.peaks(samples, over: 1_000_000_000) {
        let at = String(format: "busiest 1 s (from %.1f s / %.1f s)", peak.hostToDevice.from, peak.deviceToHost.from)
        print("| \(session.label) | \(at) | 1.0 | \(bytes(peak.hostToDevice.rate)) | \(percent(peak.hostToDevice.rate)) | | "
            + "\(bytes(peak.deviceToHost.rate)) | \(percent(peak.deviceToHost.rate)) | |")
    }
    if result.emulatorDroppedBytes > 0 {
        allProblems.append("\(session.label): the emulator dropped \(result.emulatorDroppedBytes) bytes the host did not read")
    }
    allProblems += result.problems.map { "\(session.label): \($0)" }
}
print("")
if allProblems.isEmpty {
    print("every session ran without an alarm, a refusal or a lost frame")
} else {
    print("problems:")
    for problem in allProblems.prefix(40) { print("  \(problem)") }
    if allProblems.count > 40 { print("  … and \(allProblems.count - 40) more") }
}
