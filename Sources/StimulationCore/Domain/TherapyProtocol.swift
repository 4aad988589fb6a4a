/// A complete treatment: programmes run one after another on every channel.
public struct TherapyProtocol: Hashable, Sendable {
    public var id: String
    public var title: String
    public var indication: String
    public var placement: String
    public var channels: Int
    public var contraindications: [Contraindication]
    public var programmes: [Programme]

    public init(id: String, title: String, indication: String, placement: String, channels: Int,
                contraindications: [Contraindication], programmes: [Programme]) {
        self.id = id
        self.title = title
        self.indication = indication
        self.placement = placement
        self.channels = channels
        self.contraindications = contraindications
        self.programmes = programmes
    }

    public var totalDuration: TimeSpan { programmes.reduce(.zero) { $0 + $1.duration } }

    /// The session time at which programme `index` (0-based) begins.
    public func start(ofProgramme index: Int) -> TimeSpan {
        programmes.prefix(index).reduce(.zero) { $0 + $1.duration }
    }

    /// "microcurrent" for a single-modality protocol, "mixed" otherwise.
    public var modalitySummary: String {
        let distinct = Set(programmes.map(\.modality))
        return distinct.count == 1 ? programmes[0].modality.rawValue : "mixed"
    }
}
