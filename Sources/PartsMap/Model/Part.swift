/// A part of the person's inner system, with everything recorded about it.
public struct Part: Hashable, Sendable {
    /// The part's stable ID; relationships and sessions refer to the part by it.
    public var id: PartID
    /// The display name (any text); `nil` when the person wrote only an ID.
    public var name: String?
    /// Every line recorded about the part, in the order written; the properties below read them by kind.
    public var fields: [PartField]
    /// The person's comments around the part, kept so the file prints back unchanged.
    public var comments: Comments

    /// A part with `fields` in the order they should be written.
    public init(id: PartID, name: String? = nil, fields: [PartField] = [], comments: Comments = Comments()) {
        self.id = id
        self.name = name
        self.fields = fields
        self.comments = comments
    }

    /// The name to show people: the display name, or the ID when there is none.
    public var displayName: String { name ?? id.rawValue }

    /// The part's role in the system; `.unknown` until one is recorded.
    public var role: Role {
        for field in fields { if case .role(let role) = field.value { return role } }
        return .unknown
    }

    /// Whether the part tends to look like Self (`self-like: yes`); `false` when not recorded.
    public var isSelfLike: Bool {
        for field in fields { if case .selfLike(let value) = field.value { return value } }
        return false
    }

    /// How old the part seems, in the person's words.
    public var age: String? {
        for field in fields { if case .age(let age) = field.value { return age } }
        return nil
    }

    /// Where the part's relationship with Self stands, as its `status:` line records it.
    public var status: PartStatus? {
        for field in fields { if case .status(let status) = field.value { return status } }
        return nil
    }

    /// Where the part is felt in the body, one entry per line written.
    public var body: [String] { texts { if case .body(let t) = $0 { return t } else { return nil } } }
    /// The part's beliefs, in its own words.
    public var beliefs: [String] { texts { if case .beliefs(let t) = $0 { return t } else { return nil } } }
    /// What the part does.
    public var jobs: [String] { texts { if case .job(let t) = $0 { return t } else { return nil } } }
    /// The positive intent behind its jobs.
    public var intents: [String] { texts { if case .intent(let t) = $0 { return t } else { return nil } } }
    /// What the part fears would happen if it stopped.
    public var fears: [String] { texts { if case .fears(let t) = $0 { return t } else { return nil } } }
    /// Ways in: situations or sensations that lead to the part.
    public var trailheads: [String] { texts { if case .trailheads(let t) = $0 { return t } else { return nil } } }
    /// Free notes about the part.
    public var notes: [String] { texts { if case .note(let t) = $0 { return t } else { return nil } } }

    /// The part's feelings, all `feelings:` lines together.
    public var feelings: [String] {
        fields.flatMap { field -> [String] in if case .feelings(let list) = field.value { return list } else { return [] } }
    }

    /// The part's tags, all `tags:` lines together (views can filter by them).
    public var tags: [String] {
        fields.flatMap { field -> [String] in if case .tags(let list) = field.value { return list } else { return [] } }
    }

    /// The burdens the part carries (or has witnessed or released), in the order written.
    public var burdens: [Burden] {
        fields.compactMap { field in if case .burden(let burden) = field.value { return burden } else { return nil } }
    }

    /// Custom `x-` fields, in the order written.
    public var customFields: [(key: String, value: String)] {
        fields.compactMap { field in
            if case .custom(let key, let value) = field.value { return (key, value) } else { return nil }
        }
    }

    private func texts(_ pick: (PartField.Value) -> String?) -> [String] {
        fields.compactMap { pick($0.value) }
    }
}
