/// How two parts (or a part and the Self) relate.
public struct Relationship: Hashable, Sendable {
    /// One end of a relationship: a part, or the Self (written `self`).
    public enum Endpoint: Hashable, Sendable, CustomStringConvertible {
        case part(PartID)
        case theSelf

        public var description: String {
            switch self {
            case .part(let id): return id.rawValue
            case .theSelf: return PartID.reservedSelfWord
            }
        }

        public var partID: PartID? {
            if case .part(let id) = self { return id }
            return nil
        }
    }

    public enum Kind: String, CaseIterable, Sendable, Hashable {
        /// A protector guarding an exile (or another part).
        case protects
        /// Two parts pulling in opposite directions; symmetric.
        case polarized
        /// Two parts working together; symmetric.
        case allied
        /// A part that often takes the seat of Self (or merges with another part).
        case blends
        /// One part's activity sets off another.
        case triggers
        /// Two parts that take turns (numbness alternating with overwhelm); symmetric.
        case alternates

        /// Polarized, allied and alternates read the same both ways, so `a polarized b` equals `b polarized a`.
        public var isSymmetric: Bool { self == .polarized || self == .allied || self == .alternates }
    }

    public var from: Endpoint
    public var kind: Kind
    public var to: Endpoint
    public var note: String?
    public var comments: Comments

    public init(_ from: Endpoint, _ kind: Kind, _ to: Endpoint, note: String? = nil, comments: Comments = Comments()) {
        self.from = from
        self.kind = kind
        self.to = to
        self.note = note
        self.comments = comments
    }

    /// What makes two relationships "the same" regardless of note, comments and, for symmetric
    /// kinds, direction: used to find duplicates.
    public var identity: String {
        let first = from.description
        let second = to.description
        if kind.isSymmetric && second < first { return second + " " + kind.rawValue + " " + first }
        return first + " " + kind.rawValue + " " + second
    }

    /// Whether the relationship involves the part `id` at either end.
    public func involves(_ id: PartID) -> Bool {
        from == .part(id) || to == .part(id)
    }
}
