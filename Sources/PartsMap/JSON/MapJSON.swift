/// The JSON form of a map (docs/json.md, schema in docs/partsmap.schema.json).
///
/// It holds everything the text holds, comments and order included, so text → JSON → text
/// gives back the same map. Keys are sorted, so the same map always gives the same bytes.
public enum MapJSON {
    /// The value of the `format` key that marks a JSON document as a partsmap map.
    public static let formatName = "partsmap"

    /// The map as JSON, holding everything the text holds, comments and order included.
    public static func encode(_ map: SystemMap) -> JSONValue {
        var root: [String: JSONValue] = [
            "format": .string(formatName),
            "version": .number(SystemMap.formatVersion),
            "items": .array(map.items.map(encode)),
        ]
        if let comments = encode(map.headerComments) { root["comments"] = comments }
        if !map.closingComments.isEmpty { root["closingComments"] = .array(map.closingComments.map(JSONValue.string)) }
        return .object(root)
    }

    private static func encode(_ comments: Comments) -> JSONValue? {
        guard !comments.isEmpty else { return nil }
        var object: [String: JSONValue] = [:]
        if !comments.leading.isEmpty { object["leading"] = .array(comments.leading.map(JSONValue.string)) }
        if let trailing = comments.trailing { object["trailing"] = .string(trailing) }
        return .object(object)
    }

    private static func object(_ members: [String: JSONValue], comments: Comments) -> JSONValue {
        var members = members
        if let encoded = encode(comments) { members["comments"] = encoded }
        return .object(members)
    }

    private static func encode(_ item: MapItem) -> JSONValue {
        switch item {
        case .field(let field):
            return object(["type": "field", "key": .string(field.key), "value": .string(field.value)], comments: field.comments)
        case .selfBlock(let block):
            return object(["type": "self", "fields": .array(block.fields.map { field in
                switch field.value {
                case .note(let text): return object(["key": "note", "value": .string(text)], comments: field.comments)
                case .custom(let key, let text): return object(["key": .string(key), "value": .string(text)], comments: field.comments)
                }
            })], comments: block.comments)
        case .part(let part):
            var members: [String: JSONValue] = ["type": "part", "id": .string(part.id.rawValue),
                                                "fields": .array(part.fields.map(encode))]
            if let name = part.name { members["name"] = .string(name) }
            return object(members, comments: part.comments)
        case .relationship(let relationship):
            var members: [String: JSONValue] = ["type": "relationship", "from": .string(relationship.from.description),
                                                "kind": .string(relationship.kind.rawValue), "to": .string(relationship.to.description)]
            if let note = relationship.note { members["note"] = .string(note) }
            return object(members, comments: relationship.comments)
        case .session(let session):
            var members: [String: JSONValue] = ["type": "session", "date": .string(session.date.description),
                                                "fields": .array(session.fields.map(encode))]
            if let title = session.title { members["title"] = .string(title) }
            return object(members, comments: session.comments)
        case .burden(let unattached):
            return object(self.members(of: unattached.burden).merging(["type": "burden"]) { first, _ in first },
                          comments: unattached.comments)
        }
    }

    /// A burden's members: `kind`, `state`, `text`, and `form` and `lineage` when it has them.
    static func members(of burden: Burden) -> [String: JSONValue] {
        var members: [String: JSONValue] = ["kind": .string(burden.kind.rawValue), "state": .string(burden.state.rawValue),
                                            "text": .string(burden.text)]
        if burden.form != .words { members["form"] = .string(burden.form.rawValue) }
        if !burden.lineage.isEmpty { members["lineage"] = .array(burden.lineage.map(JSONValue.string)) }
        return members
    }

    /// The keys of a burden's members besides `key`/`type` and `comments`.
    private static let burdenKeys: Set<String> = ["kind", "state", "text", "form", "lineage"]

    private static func decodeBurden(_ members: Members) throws(MapJSONError) -> Burden {
        let lineage = try members.optionalStrings("lineage") ?? []
        if let bad = lineage.firstIndex(where: { !Burden.isLineageWord($0) }) {
            throw MapJSONError(path: "\(members.at("lineage"))[\(bad)]", message: "'\(lineage[bad])' cannot be a step of a lineage: "
                               + "use a word of letters, digits, '-' and '_' (e.g. maternal-grandmother)")
        }
        let form = members.members["form"] == nil ? Burden.Form.words : try members.choice("form", Burden.Form.self)
        return Burden(try members.choice("kind", Burden.Kind.self), try members.string("text"),
                      state: try members.choice("state", Burden.State.self), form: form, lineage: lineage)
    }

    /// One part field as the JSON form writes it (`GraphJSON` reuses it).
    static func encode(_ field: PartField) -> JSONValue {
        let key = JSONValue.string(field.value.key)
        let members: [String: JSONValue]
        switch field.value {
        case .role(let role): members = ["key": key, "value": .string(role.rawValue)]
        case .status(let status): members = ["key": key, "value": .string(status.rawValue)]
        case .selfLike(let value): members = ["key": key, "value": .bool(value)]
        case .feelings(let list), .tags(let list): members = ["key": key, "values": .array(list.map(JSONValue.string))]
        case .burden(let burden):
            members = self.members(of: burden).merging(["key": key]) { first, _ in first }
        case .age, .body, .beliefs, .job, .intent, .fears, .trailheads, .note, .custom:
            members = ["key": key, "value": .string(field.value.text ?? "")]
        }
        return object(members, comments: field.comments)
    }

    private static func encode(_ field: SessionField) -> JSONValue {
        object(members(of: field.value), comments: field.comments)
    }

    /// A session field's members in the lossless JSON (`key` and the value's own members); the
    /// data-shaped graph JSON reuses them for session records, so each record is shaped once.
    package static func members(of value: SessionField.Value) -> [String: JSONValue] {
        let key = JSONValue.string(value.key)
        var members: [String: JSONValue]
        switch value {
        case .present(let ids): members = ["key": key, "parts": .array(ids.map { .string($0.rawValue) })]
        case .selfEnergy(let ratings):
            members = ["key": key, "ratings": .array(ratings.map { ["quality": .string($0.quality.rawValue), "score": .number($0.score)] })]
        case .selfPresence(let ratings):
            members = ["key": key, "ratings": .array(ratings.map { ["quality": .string($0.quality.rawValue), "score": .number($0.score)] })]
        case .statusChange(let change):
            members = ["key": key, "part": .string(change.part.rawValue), "to": .string(change.to.rawValue)]
            if let from = change.from { members["from"] = .string(from.rawValue) }
            if let note = change.note { members["note"] = .string(note) }
        case .sixFs(let part, let step): members = ["key": key, "part": .string(part.rawValue), "step": .string(step.rawValue)]
        case .unburdening(let record):
            members = ["key": key, "part": .string(record.part.rawValue), "step": .string(record.step.rawValue),
                       "progress": .string(record.progress.rawValue)]
            if let detail = record.detail { members["detail"] = .string(detail) }
        case .feelings(let ratings):
            members = ["key": key, "ratings": .array(ratings.map { ["feeling": .string($0.feeling), "score": .number($0.score)] })]
        case .permission(let permission):
            members = ["key": key, "protector": .string(permission.protector.rawValue), "exile": .string(permission.exile.rawValue),
                       "answer": .string(permission.answer.rawValue)]
            if let note = permission.note { members["note"] = .string(note) }
        case .feelToward(let answer):
            members = ["key": key, "part": .string(answer.part.rawValue), "answers": .array(answer.answers.map(JSONValue.string))]
        case .blended(let blending):
            members = ["key": key, "part": .string(blending.part.rawValue), "outcome": .string(blending.outcome.rawValue)]
            if let concern = blending.concern { members["concern"] = .string(concern) }
        case .intensity(let intensity):
            members = ["key": key, "part": .string(intensity.part.rawValue), "score": .number(intensity.score)]
            if let burden = intensity.burden { members["burden"] = .string(burden) }
        case .roleChange(let change):
            members = ["key": key, "part": .string(change.part.rawValue), "from": .string(change.from), "to": .string(change.to)]
        case .homework(let text), .note(let text), .custom(_, let text): members = ["key": key, "value": .string(text)]
        }
        return members
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByDictionaryLiteral {
    /// A JSON string, so literals like `"fog"` can stand for `JSONValue`s.
    public init(stringLiteral value: String) { self = .string(value) }
    /// A JSON object, so `["key": value]` literals can stand for `JSONValue`s; a repeated key
    /// keeps its last value.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

/// Why a JSON document is not a partsmap map: where in it (`items[3].fields[0]`), and what.
public struct MapJSONError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Where in the document: `items[3].fields[0]`, or empty for the top level.
    public var path: String
    /// What is wrong there.
    public var message: String
    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}

extension MapJSON {
    /// The map a JSON document describes; fails with the first place that is not a valid map.
    public static func decode(_ value: JSONValue) throws(MapJSONError) -> SystemMap {
        let root = try Members(value, path: "")
        guard try root.string("format") == formatName else {
            throw MapJSONError(path: "format", message: "expected \"\(formatName)\"")
        }
        guard try root.int("version") == SystemMap.formatVersion else {
            throw MapJSONError(path: "version", message: "this partsmap reads version \(SystemMap.formatVersion)")
        }
        try root.allow(["format", "version", "items", "comments", "closingComments"])
        let items = try root.array("items").enumerated().map { (index, item) throws(MapJSONError) in
            try decodeItem(item, path: "items[\(index)]")
        }
        return SystemMap(items: items, headerComments: try root.comments(),
                         closingComments: try root.optionalStrings("closingComments") ?? [])
    }

    private static func decodeItem(_ value: JSONValue, path: String) throws(MapJSONError) -> MapItem {
        let item = try Members(value, path: path)
        switch try item.string("type") {
        case "field":
            try item.allow(["type", "key", "value", "comments"])
            let key = try item.string("key")
            guard MapField.knownKeys.contains(key) || CustomKey.isValid(key) else {
                throw MapJSONError(path: "\(path).key", message: Suggestions.unknown("top-level field", key, in: MapField.knownKeys,
                                                                                      otherwise: "custom keys start with 'x-'"))
            }
            return .field(MapField(key: key, value: try item.string("value"), comments: try item.comments()))
        case "self":
            try item.allow(["type", "fields", "comments"])
            let fields = try item.array("fields").enumerated().map { (index, field) throws(MapJSONError) in
                let members = try Members(field, path: "\(path).fields[\(index)]")
                try members.allow(["key", "value", "comments"])
                let key = try members.string("key")
                guard key == "note" || CustomKey.isValid(key) else {
                    throw MapJSONError(path: "\(path).fields[\(index)].key", message: Suggestions.unknown(
                        "self field", key, in: SelfField.knownKeys, otherwise: "custom keys start with 'x-'"))
                }
                let text = try members.string("value")
                return SelfField(key == "note" ? .note(text) : .custom(key: key, value: text), comments: try members.comments())
            }
            return .selfBlock(SelfBlock(fields: fields, comments: try item.comments()))
        case "part":
            try item.allow(["type", "id", "name", "fields", "comments"])
            let fields = try item.array("fields").enumerated().map { (index, field) throws(MapJSONError) in
                try decodePartField(field, path: "\(path).fields[\(index)]")
            }
            return .part(Part(id: try item.partID("id"), name: try item.optionalString("name"), fields: fields,
                              comments: try item.comments()))
        case "relationship":
            try item.allow(["type", "from", "kind", "to", "note", "comments"])
            return .relationship(Relationship(try item.endpoint("from"), try item.choice("kind", Relationship.Kind.self),
                                              try item.endpoint("to"), note: try item.optionalString("note"),
                                              comments: try item.comments()))
        case "session":
            try item.allow(["type", "date", "title", "fields", "comments"])
            guard let date = CalendarDate(try item.string("date")) else {
                throw MapJSONError(path: "\(path).date", message: "expected a date as YYYY-MM-DD")
            }
            let fields = try item.array("fields").enumerated().map { (index, field) throws(MapJSONError) in
                try decodeSessionField(field, path: "\(path).fields[\(index)]")
            }
            return .session(Session(date: date, title: try item.optionalString("title"), fields: fields, comments: try item.comments()))
        case "burden":
            try item.allow(burdenKeys.union(["type", "comments"]))
            return .burden(UnattachedBurden(try decodeBurden(item), comments: try item.comments()))
        case let other:
            throw MapJSONError(path: "\(path).type", message: "unknown item type '\(other)'; use field, self, part, relationship, session or burden")
        }
    }

    private static func decodePartField(_ value: JSONValue, path: String) throws(MapJSONError) -> PartField {
        let field = try Members(value, path: path)
        let key = try field.string("key")
        let decoded: PartField.Value
        guard let spec = PartFieldSpec.named(key) else {
            guard CustomKey.isValid(key) else {
                throw MapJSONError(path: "\(path).key", message: Suggestions.unknown(
                    "part field", key, in: PartField.Value.knownKeys,
                    otherwise: "custom keys are 'x-' and at least one letter, digit, '-', '_' or '.'"))
            }
            try field.allow(["key", "value", "comments"])
            return PartField(.custom(key: key, value: try field.string("value")), comments: try field.comments())
        }
        switch spec.shape {
        case .choice:
            decoded = key == "role" ? .role(try field.choice("value", Role.self)) : .status(try field.choice("value", PartStatus.self))
        case .yesNo:
            decoded = .selfLike(try field.bool("value"))
        case .list:
            let words = try field.strings("values")
            decoded = key == "tags" ? .tags(words) : .feelings(words)
        case .burden:
            decoded = .burden(try decodeBurden(field))
        case .text, .ownWords:
            guard let value = PartField.Value.text(key, try field.string("value")) else {
                throw MapJSONError(path: "\(path).key", message: "'\(key)' is not a text field")
            }
            decoded = value
        }
        switch spec.shape {
        case .burden: try field.allow(burdenKeys.union(["key", "comments"]))
        case .list: try field.allow(["key", "values", "comments"])
        default: try field.allow(["key", "value", "comments"])
        }
        return PartField(decoded, comments: try field.comments())
    }

    private static func decodeSessionField(_ value: JSONValue, path: String) throws(MapJSONError) -> SessionField {
        let field = try Members(value, path: path)
        let key = try field.string("key")
        let decoded: SessionField.Value
        switch key {
        case "present":
            try field.allow(["key", "parts", "comments"])
            decoded = .present(try field.array("parts").enumerated().map { (index, id) throws(MapJSONError) in
                guard case .string(let text) = id, let id = PartID(text) else {
                    throw MapJSONError(path: "\(path).parts[\(index)]", message: "expected a part ID")
                }
                return id
            })
        case "self":
            try field.allow(["key", "ratings", "comments"])
            decoded = .selfEnergy(try field.ratings(SelfQuality.self))
        case "5ps":
            try field.allow(["key", "ratings", "comments"])
            decoded = .selfPresence(try field.ratings(SelfPresenceQuality.self))
        case "status":
            try field.allow(["key", "part", "from", "to", "note", "comments"])
            let from = try field.optionalString("from").map { (text: String) throws(MapJSONError) -> PartStatus in
                guard let status = PartStatus(rawValue: text) else { throw MapJSONError(path: "\(path).from", message: "unknown status '\(text)'") }
                return status
            }
            decoded = .statusChange(StatusChange(part: try field.partID("part"), from: from, to: try field.choice("to", PartStatus.self),
                                                 note: try field.optionalString("note")))
        case "6fs":
            try field.allow(["key", "part", "step", "comments"])
            decoded = .sixFs(part: try field.partID("part"), step: try field.choice("step", SixFsStep.self))
        case "unburdening":
            try field.allow(["key", "part", "step", "progress", "detail", "comments"])
            let progress = try field.optionalString("progress").map { (text: String) throws(MapJSONError) -> StepProgress in
                guard let progress = StepProgress(rawValue: text) else {
                    throw MapJSONError(path: "\(path).progress", message: "expected started or done")
                }
                return progress
            }
            decoded = .unburdening(UnburdeningRecord(part: try field.partID("part"), step: try field.choice("step", UnburdeningStep.self),
                                                     progress: progress ?? .done, detail: try field.optionalString("detail")))
        case "feelings":
            try field.allow(["key", "ratings", "comments"])
            decoded = .feelings(try field.array("ratings").enumerated().map { (index, rating) throws(MapJSONError) in
                let members = try Members(rating, path: "\(path).ratings[\(index)]")
                try members.allow(["feeling", "score"])
                let feeling = try members.string("feeling")
                let words = feeling.split(separator: " ", omittingEmptySubsequences: false)
                guard !feeling.isEmpty, !words.contains(where: \.isEmpty),
                      !feeling.unicodeScalars.contains(where: { $0 == "," || $0 == "#" || $0 == "\"" || $0.value < 0x20 || $0.value == 0x7F })
                else {
                    throw MapJSONError(path: "\(path).ratings[\(index)].feeling",
                                       message: "expected feeling words separated by single spaces, without commas, '#' or quotes")
                }
                return FeelingRating(feeling, try members.int("score"))
            })
        case "permission":
            try field.allow(["key", "protector", "exile", "answer", "note", "comments"])
            decoded = .permission(Permission(protector: try field.partID("protector"), exile: try field.partID("exile"),
                                             answer: try field.choice("answer", PermissionAnswer.self), note: try field.optionalString("note")))
        case "feel-toward":
            try field.allow(["key", "part", "answers", "comments"])
            let answers = try field.strings("answers")
            guard !answers.isEmpty else { throw MapJSONError(path: "\(path).answers", message: "expected at least one answer") }
            decoded = .feelToward(FeelToward(part: try field.partID("part"), answers: answers))
        case "blended":
            try field.allow(["key", "part", "outcome", "concern", "comments"])
            decoded = .blended(Blending(part: try field.partID("part"), outcome: try field.choice("outcome", UnblendingOutcome.self),
                                        concern: try field.optionalString("concern")))
        case "intensity":
            try field.allow(["key", "part", "score", "burden", "comments"])
            decoded = .intensity(BurdenIntensity(part: try field.partID("part"), score: try field.int("score"),
                                                 burden: try field.optionalString("burden")))
        case "role":
            try field.allow(["key", "part", "from", "to", "comments"])
            let from = try field.string("from"), to = try field.string("to")
            guard RoleChange.split(from + " -> " + to).map({ $0.from == from && $0.to == to }) ?? false else {
                throw MapJSONError(path: "\(path).from", message: "expected an old and a new job, not empty and without '->'")
            }
            decoded = .roleChange(RoleChange(part: try field.partID("part"), from: from, to: to))
        case "homework", "note":
            try field.allow(["key", "value", "comments"])
            let text = try field.string("value")
            decoded = key == "note" ? .note(text) : .homework(text)
        default:
            guard CustomKey.isValid(key) else {
                throw MapJSONError(path: "\(path).key", message: Suggestions.unknown("session field", key, in: SessionField.Value.knownKeys,
                                                                                     otherwise: "custom keys start with 'x-'"))
            }
            try field.allow(["key", "value", "comments"])
            decoded = .custom(key: key, value: try field.string("value"))
        }
        return SessionField(decoded, comments: try field.comments())
    }
}

/// Typed access to a JSON object's members, with errors that name the path.
private struct Members {
    let members: [String: JSONValue]
    let path: String

    init(_ value: JSONValue, path: String) throws(MapJSONError) {
        guard case .object(let members) = value else { throw MapJSONError(path: path, message: "expected an object") }
        self.members = members
        self.path = path
    }

    func at(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func allow(_ keys: Set<String>) throws(MapJSONError) {
        for key in members.keys.sorted() where !keys.contains(key) {
            throw MapJSONError(path: at(key), message: "unknown key")
        }
    }

    func string(_ key: String) throws(MapJSONError) -> String {
        guard case .string(let text)? = members[key] else { throw MapJSONError(path: at(key), message: "expected a string") }
        return text
    }

    func optionalString(_ key: String) throws(MapJSONError) -> String? {
        guard let value = members[key] else { return nil }
        guard case .string(let text) = value else { throw MapJSONError(path: at(key), message: "expected a string") }
        return text
    }

    func int(_ key: String) throws(MapJSONError) -> Int {
        guard case .number(let number)? = members[key] else { throw MapJSONError(path: at(key), message: "expected a whole number") }
        return number
    }

    func bool(_ key: String) throws(MapJSONError) -> Bool {
        guard case .bool(let value)? = members[key] else { throw MapJSONError(path: at(key), message: "expected true or false") }
        return value
    }

    func array(_ key: String) throws(MapJSONError) -> [JSONValue] {
        guard case .array(let values)? = members[key] else { throw MapJSONError(path: at(key), message: "expected an array") }
        return values
    }

    func strings(_ key: String) throws(MapJSONError) -> [String] {
        try array(key).enumerated().map { (index, value) throws(MapJSONError) in
            guard case .string(let text) = value else { throw MapJSONError(path: "\(at(key))[\(index)]", message: "expected a string") }
            return text
        }
    }

    func optionalStrings(_ key: String) throws(MapJSONError) -> [String]? {
        members[key] == nil ? nil : try strings(key)
    }

    func choice<Choice: RawRepresentable & CaseIterable>(_ key: String, _ type: Choice.Type) throws(MapJSONError) -> Choice
    where Choice.RawValue == String {
        let text = try string(key)
        guard let value = Choice(rawValue: text) else {
            let names = Choice.allCases.map(\.rawValue)
            throw MapJSONError(path: at(key), message: Suggestions.unknown("value", text, in: names,
                                                                           otherwise: "use one of \(names.joined(separator: ", "))"))
        }
        return value
    }

    func partID(_ key: String) throws(MapJSONError) -> PartID {
        let text = try string(key)
        guard let id = PartID(text) else { throw MapJSONError(path: at(key), message: "'\(text)' is not a valid part ID") }
        return id
    }

    func endpoint(_ key: String) throws(MapJSONError) -> Relationship.Endpoint {
        if try string(key) == PartID.reservedSelfWord { return .theSelf }
        return .part(try partID(key))
    }

    func comments() throws(MapJSONError) -> Comments {
        guard let value = members["comments"] else { return Comments() }
        let comments = try Members(value, path: at("comments"))
        try comments.allow(["leading", "trailing"])
        for (name, text) in [("trailing", try comments.optionalString("trailing"))] + (try comments.optionalStrings("leading") ?? []).map({ ("leading", Optional($0)) })
        where text?.contains("\n") == true {
            throw MapJSONError(path: comments.at(name), message: "a comment is one line")
        }
        return Comments(leading: try comments.optionalStrings("leading") ?? [], trailing: try comments.optionalString("trailing"))
    }

    func ratings<Quality: RawRepresentable & CaseIterable & Hashable & Sendable>(_ type: Quality.Type) throws(MapJSONError)
        -> [QualityRating<Quality>] where Quality.RawValue == String {
        try array("ratings").enumerated().map { (index, value) throws(MapJSONError) in
            let rating = try Members(value, path: "\(at("ratings"))[\(index)]")
            try rating.allow(["quality", "score"])
            return QualityRating(try rating.choice("quality", type), try rating.int("score"))
        }
    }
}
