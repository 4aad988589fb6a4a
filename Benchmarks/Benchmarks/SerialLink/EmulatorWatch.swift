import SerialWorkload
import StimulationCore
import Synchronization

/// Reads the emulator's log as it is written, on the emulator's own thread, and timestamps the lines
/// a STOP's latency ends at: the STOP byte taken in, and each channel's output going off because of it.
final class EmulatorWatch: Sendable {
    let stopByteAt = Atomic<Int64>(0)
    /// The latest "output off (STOP byte)", and how many channels have logged one since `arm()`.
    let outputOffAt = Atomic<Int64>(0)
    let outputsOff = Atomic<Int>(0)
    /// Bit c-1 set while channel c's output is on.
    let outputOn = Atomic<UInt32>(0)

    func arm() {
        stopByteAt.store(0, ordering: .relaxed)
        outputOffAt.store(0, ordering: .relaxed)
        outputsOff.store(0, ordering: .releasing)
    }

    /// Lines look like "t=4.991143 channel 1 output off (STOP byte)".
    func observe(_ line: String) {
        let now = MonotonicTime.nanoseconds()
        guard let space = line.firstIndex(of: " ") else { return }
        let text = line[line.index(after: space)...]
        if text == "STOP byte" {
            stopByteAt.store(now, ordering: .relaxed)
            return
        }
        guard text.hasPrefix("channel ") else { return }
        let words = text.split(separator: " ", maxSplits: 3)
        guard words.count >= 3, let channel = Int(words[1]), (1...32).contains(channel) else { return }
        let bit = UInt32(1) << UInt32(channel - 1)
        if text.hasSuffix(" output on") {
            outputOn.bitwiseOr(bit, ordering: .releasing)
        } else if text.contains(" output off") {
            outputOn.bitwiseAnd(~bit, ordering: .releasing)
            if text.hasSuffix("(STOP byte)") {
                outputOffAt.store(now, ordering: .relaxed)
                outputsOff.add(1, ordering: .releasing)
            }
        }
    }
}
