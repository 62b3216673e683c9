/// What changed between two versions of a map, by stable part ID: what a person wants to see
/// after a session, rather than which lines moved.
public struct MapDiff: Equatable, Sendable {
    /// One value that changed: nil on a side means absent there.
    public struct Change<Value: Equatable & Sendable>: Equatable, Sendable {
        public var old: Value?
        public var new: Value?
    }

    /// How one field of a part (or the title) changed, as readable text.
    public struct FieldChange: Equatable, Sendable {
        public var key: String
        public var old: [String]
        public var new: [String]
    }

    /// A burden whose state moved (carried → witnessed → released), or that came or went.
    public struct BurdenChange: Equatable, Sendable {
        public var text: String
        public var kind: Burden.Kind
        public var old: Burden.State?
        public var new: Burden.State?
    }

    public struct PartChange: Equatable, Sendable {
        public var id: PartID
        public var name: Change<String>?
        public var fields: [FieldChange]
        public var burdens: [BurdenChange]

        /// The status change, if the status field changed.
        public var status: Change<String>? {
            fields.first { $0.key == "status" }.map { Change(old: $0.old.first, new: $0.new.first) }
        }
    }

    public struct RelationshipChange: Equatable, Sendable {
        public var old: Relationship
        public var new: Relationship
    }

    public struct RatingChange: Equatable, Sendable {
        public var quality: SelfQuality
        public var old: Int?
        public var new: Int?
    }

    public var title: Change<String>?
    public var addedParts: [Part] = []
    public var removedParts: [Part] = []
    public var changedParts: [PartChange] = []
    public var addedRelationships: [Relationship] = []
    public var removedRelationships: [Relationship] = []
    public var changedRelationships: [RelationshipChange] = []
    public var addedSessions: [Session] = []
    public var removedSessions: [Session] = []
    public var changedSessions: [Session] = []
    /// The latest Self-energy ratings (8 Cs) of each side, compared quality by quality.
    public var selfEnergy: [RatingChange] = []
    /// Whether anything else (self block, custom top-level keys, comments) differs.
    public var otherChanges = false

    public var isEmpty: Bool {
        title == nil && addedParts.isEmpty && removedParts.isEmpty && changedParts.isEmpty
            && addedRelationships.isEmpty && removedRelationships.isEmpty && changedRelationships.isEmpty
            && addedSessions.isEmpty && removedSessions.isEmpty && changedSessions.isEmpty && selfEnergy.isEmpty
            && !otherChanges
    }

    /// Compares two maps. Linear in the size of the maps (dictionaries by ID), so it stays fast
    /// for long histories of large maps.
    public init(from old: SystemMap, to new: SystemMap) {
        if old.title != new.title { title = Change(old: old.title, new: new.title) }

        let oldParts = Dictionary(old.parts.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let newParts = Dictionary(new.parts.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for part in new.parts {
            guard let before = oldParts[part.id] else { addedParts.append(part); continue }
            if let change = MapDiff.compare(before, part) { changedParts.append(change) }
        }
        removedParts = old.parts.filter { newParts[$0.id] == nil }

        var oldRelationships: [String: [Relationship]] = [:]
        for relationship in old.relationships { oldRelationships[relationship.identity, default: []].append(relationship) }
        for relationship in new.relationships {
            if var matches = oldRelationships[relationship.identity], !matches.isEmpty {
                let before = matches.removeFirst()
                oldRelationships[relationship.identity] = matches
                if before.note != relationship.note {
                    changedRelationships.append(RelationshipChange(old: before, new: relationship))
                }
            } else {
                addedRelationships.append(relationship)
            }
        }
        removedRelationships = old.relationships.filter { relationship in
            guard var matches = oldRelationships[relationship.identity], let index = matches.firstIndex(of: relationship) else {
                return false
            }
            matches.remove(at: index)
            oldRelationships[relationship.identity] = matches
            return true
        }

        var oldSessions: [String: [Session]] = [:]
        for session in old.sessions { oldSessions[MapDiff.key(session), default: []].append(session) }
        for session in new.sessions {
            if var matches = oldSessions[MapDiff.key(session)], !matches.isEmpty {
                let before = matches.removeFirst()
                oldSessions[MapDiff.key(session)] = matches
                if before.fields != session.fields { changedSessions.append(session) }
            } else {
                addedSessions.append(session)
            }
        }
        removedSessions = oldSessions.values.flatMap { $0 }.sorted { $0.date < $1.date }

        let oldRatings = MapDiff.latestRatings(old)
        let newRatings = MapDiff.latestRatings(new)
        for quality in SelfQuality.allCases where oldRatings[quality] != newRatings[quality] {
            selfEnergy.append(RatingChange(quality: quality, old: oldRatings[quality], new: newRatings[quality]))
        }

        if old.selfBlock != new.selfBlock || old.headerComments != new.headerComments
            || old.closingComments != new.closingComments
            || MapDiff.customFields(old) != MapDiff.customFields(new) {
            otherChanges = true
        }
        if isEmpty && old != new { otherChanges = true }  // comments, order
    }

    static func key(_ session: Session) -> String { "\(session.date) \(session.title ?? "")" }

    static func customFields(_ map: SystemMap) -> [MapField] {
        map.items.compactMap { if case .field(let field) = $0, field.key != "title" { return field } else { return nil } }
    }

    /// The 8 Cs ratings of the last session that has any.
    static func latestRatings(_ map: SystemMap) -> [SelfQuality: Int] {
        guard let session = map.sessions.last(where: { !$0.selfEnergy.isEmpty }) else { return [:] }
        return Dictionary(session.selfEnergy.map { ($0.quality, $0.score) }, uniquingKeysWith: { _, last in last })
    }

    static func compare(_ old: Part, _ new: Part) -> PartChange? {
        guard old != new else { return nil }
        var change = PartChange(id: new.id, name: nil, fields: [], burdens: [])
        if old.name != new.name { change.name = Change(old: old.name, new: new.name) }
        var keys: [String] = []
        for field in old.fields + new.fields where field.value.key != "burden" && !keys.contains(field.value.key) {
            keys.append(field.value.key)
        }
        for key in keys {
            let before = old.fields.filter { $0.value.key == key }.flatMap { texts($0.value) }
            let after = new.fields.filter { $0.value.key == key }.flatMap { texts($0.value) }
            if before != after { change.fields.append(FieldChange(key: key, old: before, new: after)) }
        }
        var oldBurdens = old.burdens
        for burden in new.burdens {
            if let index = oldBurdens.firstIndex(where: { $0.text == burden.text && $0.kind == burden.kind }) {
                let before = oldBurdens.remove(at: index)
                if before.state != burden.state {
                    change.burdens.append(BurdenChange(text: burden.text, kind: burden.kind, old: before.state, new: burden.state))
                }
            } else {
                change.burdens.append(BurdenChange(text: burden.text, kind: burden.kind, old: nil, new: burden.state))
            }
        }
        for burden in oldBurdens {
            change.burdens.append(BurdenChange(text: burden.text, kind: burden.kind, old: burden.state, new: nil))
        }
        if change.name == nil && change.fields.isEmpty && change.burdens.isEmpty { return nil }  // comments only
        return change
    }

    /// The values of a field as text, for showing and comparing.
    static func texts(_ value: PartField.Value) -> [String] {
        switch value {
        case .role(let role): return [role.rawValue]
        case .status(let status): return [status.rawValue]
        case .selfLike(let flag): return [flag ? "yes" : "no"]
        case .feelings(let list), .tags(let list): return list
        case .burden(let burden): return [burden.text]
        case .age, .body, .beliefs, .job, .intent, .fears, .trailheads, .note, .custom:
            return [value.text ?? ""]
        }
    }
}
