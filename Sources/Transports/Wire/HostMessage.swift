/// What the host sends. Every one is a frame with the host's next sequence number and is answered by an ACK
/// (HELLO by a HELLO-REPLY). The one-byte STOP is not a message: it is sent raw (`WireProtocol.stop`).
public enum HostMessage: Hashable, Sendable {
    case hello(major: UInt8, minor: UInt8)
    case keepAlive
    /// Confirms a raw STOP byte: every output off, every queue emptied; also resets the sequence check.
    case stopAll
    case stopChannel(UInt8)
    /// Run entries for one channel, encoded against that channel's stream (`RunStreamEncoder`).
    case runs(channel: UInt8, entries: [UInt8])
    /// The host is closing the link: output off, back to waiting for HELLO, no fault.
    case goodbye

    public enum Kind: UInt8, CaseIterable, Sendable {
        case hello = 0x01
        case keepAlive = 0x02
        case stopAll = 0x03
        case stopChannel = 0x04
        case runs = 0x05
        case goodbye = 0x06

        /// The name docs/wire-protocol.md gives it.
        public var name: String {
            switch self {
            case .hello: "HELLO"
            case .keepAlive: "KEEPALIVE"
            case .stopAll: "STOP-ALL"
            case .stopChannel: "STOP-CHANNEL"
            case .runs: "RUNS"
            case .goodbye: "GOODBYE"
            }
        }
    }

    /// The channel a message is about, if any.
    public var channel: UInt8? {
        switch self {
        case .stopChannel(let channel), .runs(let channel, _): channel
        case .hello, .keepAlive, .stopAll, .goodbye: nil
        }
    }

    public var kind: Kind {
        switch self {
        case .hello: .hello
        case .keepAlive: .keepAlive
        case .stopAll: .stopAll
        case .stopChannel: .stopChannel
        case .runs: .runs
        case .goodbye: .goodbye
        }
    }

    public func frame(sequence: UInt8) -> WireFrame {
        var w = WireWriter()
        switch self {
        case .hello(let major, let minor):
            w.u8(major)
            w.u8(minor)
        case .keepAlive, .stopAll, .goodbye:
            break
        case .stopChannel(let channel):
            w.u8(channel)
        case .runs(let channel, let entries):
            w.u8(channel)
            w.append(entries)
        }
        return WireFrame(type: kind.rawValue, sequence: sequence, payload: w.bytes)
    }

    /// Reads a host frame; nil for a type the protocol does not define.
    public init?(_ frame: WireFrame) throws(WireFormatError) {
        guard let kind = Kind(rawValue: frame.type) else { return nil }
        var r = WireReader(frame.payload)
        switch kind {
        case .hello: self = .hello(major: try r.u8("major version"), minor: try r.u8("minor version"))
        case .keepAlive: self = .keepAlive
        case .stopAll: self = .stopAll
        case .goodbye: self = .goodbye
        case .stopChannel: self = .stopChannel(try r.u8("channel"))
        case .runs:
            let channel = try r.u8("channel")
            self = .runs(channel: channel, entries: Array(frame.payload.dropFirst()))
            return
        }
        try r.finish("\(kind) payload")
    }
}
