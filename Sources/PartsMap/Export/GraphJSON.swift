/// The data-shaped JSON of a map, for other programs (`partsmap export --format graph-json`):
/// parts as objects with their fields as keys, relationships, sessions and the Self, so that
/// `jq '.parts[] | select(.role=="exile")'` works. Schema: docs/partsmap-graph.schema.json;
/// described in docs/json.md.
///
/// Unlike `MapJSON` it is not lossless (comments, the order of different fields and the file's
/// layout are left out) and cannot be imported: it is the map as data. Keys are the keys of the
/// text format (`role`, `burden`, `x-colour`): a field a part may have once is a value, any other
/// field an array of every value written, in order; list fields (`feelings`, `tags`) are one
/// flat array. Keys are sorted, so the same map always gives the same bytes.
public enum GraphJSON {
    /// The `format` member, telling this JSON from the lossless `"partsmap"` one.
    public static let formatName = "partsmap-graph"
    /// The `version` member: raised when a key changes meaning or goes away.
    public static let version = 1

    /// The whole map as data-shaped JSON.
    public static func encode(_ map: SystemMap) -> JSONValue {
        var root: [String: JSONValue] = [
            "format": .string(formatName),
            "version": .number(version),
            "parts": parts(map.parts, in: map),
            "relationships": .array(map.relationships.map(relationship)),
            "sessions": .array(map.sessions.enumerated().map { session($1, number: $0 + 1) }),
            "self": selfObject(map.selfBlock),
        ]
        var fields: [String: JSONValue] = [:]
        for item in map.items {
            guard case .field(let field) = item else { continue }
            if field.key == "title" {
                if root["title"] == nil { root["title"] = .string(field.value) }
            } else {
                append(.string(field.value), to: field.key, in: &fields)
            }
        }
        root["fields"] = .object(fields)
        let unattached = map.unattachedBurdens
        if !unattached.isEmpty { root["unattachedBurdens"] = .array(unattached.map { .object(MapJSON.members(of: $0.burden)) }) }
        return .object(root)
    }

    /// One part as an object: `id`, `name` (the display name), `role` (`unknown` when none is
    /// written) and `self-like` always; every written field under its key; `lastSeen`, the date
    /// of the last session that names the part, when one does. `part list --json` writes these.
    public static func part(_ part: Part, in map: SystemMap) -> JSONValue {
        self.part(part, lastSeen: map.lastSession(mentioning: part.id))
    }

    /// Several parts of `map` as a JSON array of part objects (`part list --json`); the sessions
    /// are read once for all of them.
    public static func parts(_ parts: [Part], in map: SystemMap) -> JSONValue {
        let lastSeen = map.lastSessionDates()
        return .array(parts.map { part($0, lastSeen: lastSeen[$0.id]) })
    }

    static func part(_ part: Part, lastSeen: CalendarDate?) -> JSONValue {
        var members: [String: JSONValue] = [:]
        for field in part.fields {
            let key = field.value.key
            let value = value(of: field.value)
            if PartField.Value.isSingleValued(key) {
                if members[key] == nil { members[key] = value }
            } else {
                append(value, to: key, in: &members)
            }
        }
        members["id"] = .string(part.id.rawValue)
        members["name"] = .string(part.displayName)
        members["role"] = .string(part.role.rawValue)
        members["self-like"] = .bool(part.isSelfLike)
        if let lastSeen { members["lastSeen"] = .string(lastSeen.description) }
        return .object(members)
    }

    /// The JSON of one field's value: its value in the JSON form (`MapJSON`), without the key and
    /// comments: a string, a boolean, an array (list fields), or an object (burdens, and any
    /// field with several members). So every field the JSON form knows is written here too.
    static func value(of field: PartField.Value) -> JSONValue {
        content(MapJSON.encode(PartField(field)))
    }

    /// A field object of the JSON form without `key` and `comments`; its only member when that is
    /// `value` or `values`.
    static func content(_ encoded: JSONValue) -> JSONValue {
        guard case .object(var members) = encoded else { return encoded }
        members["key"] = nil
        members["comments"] = nil
        if members.count == 1, let only = members["value"] ?? members["values"] { return only }
        return .object(members)
    }

    static func relationship(_ relationship: Relationship) -> JSONValue {
        var members: [String: JSONValue] = ["from": .string(relationship.from.description), "kind": .string(relationship.kind.rawValue),
                                            "to": .string(relationship.to.description)]
        if let note = relationship.note { members["note"] = .string(note) }
        return .object(members)
    }

    static func session(_ session: Session, number: Int) -> JSONValue {
        var members: [String: JSONValue] = [:]
        for field in session.fields {
            let key = field.value.key
            switch field.value {
            case .present(let ids): append(.array(ids.map { .string($0.rawValue) }), to: key, in: &members)
            case .selfEnergy(let ratings): merge(ratings.map { ($0.quality.rawValue, $0.score) }, into: key, in: &members)
            case .selfPresence(let ratings): merge(ratings.map { ($0.quality.rawValue, $0.score) }, into: key, in: &members)
            case .feelings(let ratings): merge(ratings.map { ($0.feeling, $0.score) }, into: key, in: &members)
            default:
                // Text (homework, note, x-) and records (status, 6fs, unburdening, permission…):
                // as in the JSON form, without key and comments, one array entry per line.
                append(content(.object(MapJSON.members(of: field.value))), to: key, in: &members)
            }
        }
        members["date"] = .string(session.date.description)
        members["number"] = .number(number)
        if let title = session.title { members["title"] = .string(title) }
        return .object(members)
    }

    static func selfObject(_ block: SelfBlock?) -> JSONValue {
        var members: [String: JSONValue] = [:]
        for field in block?.fields ?? [] {
            switch field.value {
            case .note(let text), .custom(_, let text): append(.string(text), to: field.value.key, in: &members)
            }
        }
        return .object(members)
    }

    /// Adds `value` to the array under `key`; an array value adds each of its elements.
    private static func append(_ value: JSONValue, to key: String, in members: inout [String: JSONValue]) {
        var list: [JSONValue] = []
        if case .array(let existing)? = members[key] { list = existing }
        if case .array(let elements) = value { list += elements } else { list.append(value) }
        members[key] = .array(list)
    }

    /// Ratings as an object from quality (or feeling) to score; one rated twice keeps the later score.
    private static func merge(_ ratings: [(String, Int)], into key: String, in members: inout [String: JSONValue]) {
        var object: [String: JSONValue] = [:]
        if case .object(let existing)? = members[key] { object = existing }
        for (quality, score) in ratings { object[quality] = .number(score) }
        members[key] = .object(object)
    }
}
