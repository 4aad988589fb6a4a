/// Where each of a board's lines sits in the one line request, as bits: ENABLE, HEARTBEAT, then per channel
/// the anode leg, the cathode leg and the DAC's code lines. Values are logical (1 = active); the request's
/// active-low settings turn them into levels.
struct BoardLayout: Sendable, Equatable {
    struct Channel: Sendable, Equatable {
        var anode: UInt64
        var cathode: UInt64
        var dacBits: [UInt64]

        var legs: UInt64 { anode | cathode }
        var dac: UInt64 { dacBits.reduce(0, |) }

        func code(_ code: Int64) -> UInt64 {
            dacBits.enumerated().reduce(0) { bits, bit in code & (1 << Int64(bit.offset)) != 0 ? bits | bit.element : bits }
        }
    }

    static let enable: UInt64 = 1 << 0
    static let heartbeat: UInt64 = 1 << 1
    let channels: [Channel]

    init(_ board: Board) {
        var next: UInt64 = 2
        func take() -> UInt64 {
            defer { next += 1 }
            return 1 << next
        }
        channels = board.channels.map { channel in
            let anode = take()
            let cathode = take()
            return Channel(anode: anode, cathode: cathode, dacBits: channel.dac.map { _ in take() })
        }
    }

    var legs: UInt64 { channels.reduce(0) { $0 | $1.legs } }
    /// Everything that can put current into the patient, and ENABLE: what a stop turns off.
    var output: UInt64 { channels.reduce(Self.enable) { $0 | $1.legs | $1.dac } }
}
