import StimulationCore
import Synchronization

/// Reads the emulator's log as it is written, on the emulator's own thread, and timestamps the lines
/// a STOP's latency ends at: the STOP byte taken in, and each channel's output going off because of it.
public final class EmulatorWatch: Sendable {
    public init() {}

    public let stopByteAt = Atomic<Int64>(0)
    /// The latest "output off (STOP byte)", and how many channels have logged one since `arm()`.
    public let outputOffAt = Atomic<Int64>(0)
    public let outputsOff = Atomic<Int>(0)
    /// Bit c-1 set while channel c's output is on.
    public let outputOn = Atomic<UInt32>(0)

    public func arm() {
        stopByteAt.store(0, ordering: .relaxed)
        outputOffAt.store(0, ordering: .relaxed)
        outputsOff.store(0, ordering: .releasing)
    }

    /// Lines look like "t=4.991143 channel 1 output off (STOP byte)".
    public func observe(_ line: String) {
        let now = MonotonicTime.nanoseconds()
        guard let space = line.firstIndex(of: " ") else { return }
        let text = line[line.index(after: space)...]
        if text == "STOP byte" {
            // The first since `arm()`: the engine's own STOP byte may follow the one the key sent.
            _ = stopByteAt.compareExchange(expected: 0, desired: now, ordering: .relaxed)
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
