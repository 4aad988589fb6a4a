import StimulationCore

/// The list of protocols to choose from: modality, duration and indication for each.
public struct ProtocolPicker: Sendable {
    public let protocols: [TherapyProtocol]
    public private(set) var cursor = 0
    public private(set) var chosen: TherapyProtocol?
    public private(set) var cancelled = false

    public init(protocols: [TherapyProtocol]) { self.protocols = protocols }

    public mutating func handle(_ key: Key) {
        switch key {
        case .up: cursor = max(0, cursor - 1)
        case .down, .tab: cursor = min(protocols.count - 1, cursor + 1)
        case .pageUp: cursor = max(0, cursor - 10)
        case .pageDown: cursor = min(protocols.count - 1, cursor + 10)
        case .enter where !protocols.isEmpty: chosen = protocols[cursor]
        case .escape, .character("q"): cancelled = true
        default: break
        }
    }

    public func draw(into buffer: inout ScreenBuffer, _ rect: Rect) {
        buffer.fill(rect)
        BoxFrame.draw(into: &buffer, rect, title: "Choose a protocol")
        let width = rect.width - 4
        buffer.write("↑↓ move, Enter choose, q quit", x: rect.x + 2, y: rect.y + 1, role: .dim, limit: width)
        let listTop = rect.y + 3
        let visible = max(1, (rect.maxY - 4 - listTop) / 2)
        let first = max(0, min(cursor - visible / 2, protocols.count - visible))
        var y = listTop
        for index in first..<min(protocols.count, first + visible) {
            let p = protocols[index]
            let selected = index == cursor
            let head = "\(selected ? "▶" : " ") \(p.title)  [\(p.modalitySummary), \(p.programmes.count) programme\(p.programmes.count == 1 ? "" : "s"), \(p.totalDuration.clockText)]"
            buffer.write(FittedText.fit(head, width: width), x: rect.x + 2, y: y, role: selected ? .selected : .value, limit: width)
            buffer.write("    " + FittedText.fit(p.indication, width: width - 4), x: rect.x + 2, y: y + 1, role: .dim, limit: width)
            y += 2
        }
    }
}
