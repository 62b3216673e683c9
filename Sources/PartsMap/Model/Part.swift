/// A part of the person's inner system, with everything recorded about it.
public struct Part: Hashable, Sendable {
    public var id: PartID
    /// The display name (any text); `nil` when the person wrote only an ID.
    public var name: String?
    public var fields: [PartField]
    public var comments: Comments

    public init(id: PartID, name: String? = nil, fields: [PartField] = [], comments: Comments = Comments()) {
        self.id = id
        self.name = name
        self.fields = fields
        self.comments = comments
    }

    /// The name to show people: the display name, or the ID when there is none.
    public var displayName: String { name ?? id.rawValue }

    public var role: Role {
        for field in fields { if case .role(let role) = field.value { return role } }
        return .unknown
    }

    public var isSelfLike: Bool {
        for field in fields { if case .selfLike(let value) = field.value { return value } }
        return false
    }

    public var age: String? {
        for field in fields { if case .age(let age) = field.value { return age } }
        return nil
    }

    public var status: PartStatus? {
        for field in fields { if case .status(let status) = field.value { return status } }
        return nil
    }

    public var body: [String] { texts { if case .body(let t) = $0 { return t } else { return nil } } }
    public var beliefs: [String] { texts { if case .beliefs(let t) = $0 { return t } else { return nil } } }
    public var jobs: [String] { texts { if case .job(let t) = $0 { return t } else { return nil } } }
    public var intents: [String] { texts { if case .intent(let t) = $0 { return t } else { return nil } } }
    public var fears: [String] { texts { if case .fears(let t) = $0 { return t } else { return nil } } }
    public var trailheads: [String] { texts { if case .trailheads(let t) = $0 { return t } else { return nil } } }
    public var notes: [String] { texts { if case .note(let t) = $0 { return t } else { return nil } } }

    public var feelings: [String] {
        fields.flatMap { field -> [String] in if case .feelings(let list) = field.value { return list } else { return [] } }
    }

    public var tags: [String] {
        fields.flatMap { field -> [String] in if case .tags(let list) = field.value { return list } else { return [] } }
    }

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
