/// What changed between two versions of a map, by stable part ID: what a person wants to see
/// after a session, rather than which lines moved.
public struct MapDiff: Equatable, Sendable {
    /// One value that changed: nil on a side means absent there.
    public struct Change<Value: Equatable & Sendable>: Equatable, Sendable {
        /// The value in the older version.
        public var old: Value?
        /// The value in the newer version.
        public var new: Value?
    }

    /// How one field of a part (or the title) changed, as readable text.
    public struct FieldChange: Equatable, Sendable {
        /// The field's key (`status`, `job`, `title`…).
        public var key: String
        /// The field's values in the older version, in the order written.
        public var old: [String]
        /// The field's values in the newer version, in the order written.
        public var new: [String]
    }

    /// A burden whose state moved (carried → witnessed → released), or that came or went.
    public struct BurdenChange: Equatable, Sendable {
        /// The burden in the person's words; it identifies the burden across versions.
        public var text: String
        /// Where the burden came from.
        public var kind: Burden.Kind
        /// Its state in the older version; `nil` when it is new.
        public var old: Burden.State?
        /// Its state in the newer version; `nil` when it was removed.
        public var new: Burden.State?
        /// Whether it has words, or is wordless, preverbal or bodily.
        public var form: Burden.Form = .words
        /// Who handed it down (a legacy burden), nearest first.
        public var lineage: [String] = []

        /// A change of the burden saying `text` from state `old` to `new`.
        init(text: String, kind: Burden.Kind, old: Burden.State?, new: Burden.State?, form: Burden.Form = .words,
             lineage: [String] = []) {
            self.text = text
            self.kind = kind
            self.old = old
            self.new = new
            self.form = form
            self.lineage = lineage
        }

        /// A change of `burden`'s state from `old` to `new`.
        init(_ burden: Burden, old: Burden.State?, new: Burden.State?) {
            self.init(text: burden.text, kind: burden.kind, old: old, new: new, form: burden.form, lineage: burden.lineage)
        }

        /// The burden in words for the diff: `burden (legacy, from mother) "We don't cry"`.
        public var description: String {
            var what = [kind.rawValue]
            if form != .words { what.append(form.rawValue) }
            if !lineage.isEmpty { what.append(Burden.lineageWord + " " + lineage.joined(separator: ", ")) }
            return "burden (\(what.joined(separator: ", ")))" + (text.isEmpty ? "" : " \"\(text)\"")
        }
    }

    /// Everything that changed about a part present in both versions.
    public struct PartChange: Equatable, Sendable {
        /// The part's ID, the same in both versions.
        public var id: PartID
        /// The display name's change, if it was renamed.
        public var name: Change<String>?
        /// The fields that changed, by key.
        public var fields: [FieldChange]
        /// The burdens that came, went or changed state.
        public var burdens: [BurdenChange]

        /// The status change, if the status field changed.
        public var status: Change<String>? {
            fields.first { $0.key == "status" }.map { Change(old: $0.old.first, new: $0.new.first) }
        }
    }

    /// A relationship in both versions whose note changed.
    public struct RelationshipChange: Equatable, Sendable {
        /// The relationship as it was.
        public var old: Relationship
        /// The relationship as it is now.
        public var new: Relationship
    }

    /// How the latest rating of one Self quality moved.
    public struct RatingChange: Equatable, Sendable {
        /// The quality rated.
        public var quality: SelfQuality
        /// Its latest rating in the older version; `nil` when never rated there.
        public var old: Int?
        /// Its latest rating in the newer version; `nil` when never rated there.
        public var new: Int?
    }

    /// The map's title change, if it changed.
    public var title: Change<String>?
    /// Parts only the newer version has.
    public var addedParts: [Part] = []
    /// Parts only the older version has.
    public var removedParts: [Part] = []
    /// Parts in both versions that changed.
    public var changedParts: [PartChange] = []
    /// Relationships only the newer version has.
    public var addedRelationships: [Relationship] = []
    /// Relationships only the older version has.
    public var removedRelationships: [Relationship] = []
    /// Relationships in both versions whose note changed.
    public var changedRelationships: [RelationshipChange] = []
    /// Sessions only the newer version has.
    public var addedSessions: [Session] = []
    /// Sessions only the older version has.
    public var removedSessions: [Session] = []
    /// Sessions in both versions whose lines changed (as they are now).
    public var changedSessions: [Session] = []
    /// The latest Self-energy ratings (8 Cs) of each side, compared quality by quality.
    public var selfEnergy: [RatingChange] = []
    /// Top-level burdens (not yet attached to a part) that came, went or changed state.
    public var unattachedBurdens: [BurdenChange] = []
    /// Whether anything else (self block, custom top-level keys, comments) differs.
    public var otherChanges = false

    /// Whether the two versions are the same in every respect this diff looks at, comments included.
    public var isEmpty: Bool {
        title == nil && addedParts.isEmpty && removedParts.isEmpty && changedParts.isEmpty
            && addedRelationships.isEmpty && removedRelationships.isEmpty && changedRelationships.isEmpty
            && addedSessions.isEmpty && removedSessions.isEmpty && changedSessions.isEmpty && selfEnergy.isEmpty
            && unattachedBurdens.isEmpty && !otherChanges
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

        unattachedBurdens = MapDiff.compare(old.unattachedBurdens.map(\.burden), new.unattachedBurdens.map(\.burden))

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
        change.burdens = compare(old.burdens, new.burdens)
        if change.name == nil && change.fields.isEmpty && change.burdens.isEmpty { return nil }  // comments only
        return change
    }

    /// How the burdens changed: the same words, kind, form and lineage make the same burden;
    /// only its state can move. Anything else is one burden gone and another come.
    static func compare(_ old: [Burden], _ new: [Burden]) -> [BurdenChange] {
        var changes: [BurdenChange] = []
        var oldBurdens = old
        for burden in new {
            if let index = oldBurdens.firstIndex(where: { $0.text == burden.text && $0.kind == burden.kind
                && $0.form == burden.form && $0.lineage == burden.lineage }) {
                let before = oldBurdens.remove(at: index)
                if before.state != burden.state { changes.append(BurdenChange(burden, old: before.state, new: burden.state)) }
            } else {
                changes.append(BurdenChange(burden, old: nil, new: burden.state))
            }
        }
        for burden in oldBurdens { changes.append(BurdenChange(burden, old: burden.state, new: nil)) }
        return changes
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
