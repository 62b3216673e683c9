/// A map of one person's inner system: the contents of one `.parts` file.
///
/// Items are kept in the order the person wrote them, with their comments, so a map read and
/// printed again comes back the way it was written (and git diffs stay small).
public struct SystemMap: Hashable, Sendable {
    /// The version of the text format this model corresponds to (the `partsmap 1` line).
    public static let formatVersion = 1

    /// Comment lines above the `partsmap 1` line, and a comment at the end of it.
    public var headerComments: Comments
    /// Every top-level item in file order; the properties below read them by kind.
    public var items: [MapItem]
    /// Comment lines after the last item.
    public var closingComments: [String]

    /// A map holding `items` in the order they should be written.
    public init(items: [MapItem] = [], headerComments: Comments = Comments(), closingComments: [String] = []) {
        self.items = items
        self.headerComments = headerComments
        self.closingComments = closingComments
    }

    /// The check rules this map switches off (`ignore-checks: a, b`; several lines add up).
    public var ignoredChecks: [String] {
        items.flatMap { item -> [String] in
            guard case .field(let field) = item, field.key == "ignore-checks" else { return [] }
            return field.value.split(separator: ",").map { String($0).trimmingBlanks() }.filter { !$0.isEmpty }
        }
    }

    /// The map's title (`title: ...`), if it has one.
    public var title: String? {
        for item in items { if case .field(let field) = item, field.key == "title" { return field.value } }
        return nil
    }

    /// The parts, in file order.
    public var parts: [Part] {
        items.compactMap { if case .part(let part) = $0 { return part } else { return nil } }
    }

    /// The relationships between parts, in file order.
    public var relationships: [Relationship] {
        items.compactMap { if case .relationship(let relationship) = $0 { return relationship } else { return nil } }
    }

    /// The sessions, in file order (not necessarily by date).
    public var sessions: [Session] {
        items.compactMap { if case .session(let session) = $0 { return session } else { return nil } }
    }

    /// The burdens written at the top level, not yet attached to a known part, in file order.
    public var unattachedBurdens: [UnattachedBurden] {
        items.compactMap { if case .burden(let burden) = $0 { return burden } else { return nil } }
    }

    /// The `self` block, if the map has one.
    public var selfBlock: SelfBlock? {
        for item in items { if case .selfBlock(let block) = item { return block } }
        return nil
    }

    /// The part with this ID, if any. Linear: build a dictionary from `parts` for many look-ups.
    public func part(_ id: PartID) -> Part? {
        for item in items { if case .part(let part) = item, part.id == id { return part } }
        return nil
    }
}

/// One top-level item of a map, in file order.
public enum MapItem: Hashable, Sendable {
    /// A top-level `key: value` line: `title` or an `x-` custom key.
    case field(MapField)
    case selfBlock(SelfBlock)
    case part(Part)
    case relationship(Relationship)
    case session(Session)
    /// A top-level `burden` line: a burden not yet attached to a known part.
    case burden(UnattachedBurden)

    /// What makes an item "the same item" in two versions of a map: its kind and key (part ID,
    /// relationship ends, session date and title). Edits and merges match items by it.
    public var identityKey: String {
        switch self {
        case .field(let field): return "field \(field.key)"
        case .selfBlock: return "self"
        case .part(let part): return "part \(part.id)"
        case .relationship(let relationship): return "relationship \(relationship.identity)"
        case .session(let session): return "session \(session.date) \(session.title ?? "")"
        case .burden(let burden): return "burden \(burden.burden.kind.rawValue) \(burden.burden.form.rawValue) \(burden.burden.text)"
        }
    }

    /// The person's comments around the item, kept so the file prints back unchanged.
    public var comments: Comments {
        switch self {
        case .field(let field): return field.comments
        case .selfBlock(let block): return block.comments
        case .part(let part): return part.comments
        case .relationship(let relationship): return relationship.comments
        case .session(let session): return session.comments
        case .burden(let burden): return burden.comments
        }
    }
}

/// A top-level `key: value` line.
public struct MapField: Hashable, Sendable {
    /// The key before the colon.
    public var key: String
    /// Everything after the colon, trimmed.
    public var value: String
    /// The person's comments around the line, kept so the file prints back unchanged.
    public var comments: Comments

    /// A `key: value` line with the comments to print around it.
    public init(key: String, value: String, comments: Comments = Comments()) {
        self.key = key
        self.value = value
        self.comments = comments
    }

    /// `title`, and `ignore-checks` (rule IDs that `partsmap check` does not report for this map).
    public static let knownKeys = ["title", "ignore-checks"]
}
