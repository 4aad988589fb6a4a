/// What touches the patient. Area sets the current density and, for needles, the Shannon figure.
public struct Electrode: Hashable, Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        case pad
        case needle
    }

    public var kind: Kind
    public var area: Area

    public init(kind: Kind, area: Area) {
        self.kind = kind
        self.area = area
    }
}
