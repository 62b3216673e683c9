/// One line of what is known about a part (`role: manager`, `burden legacy: ...`).
///
/// A part keeps its fields as an ordered list, in the order the person wrote them, so that the
/// map reads back the way it was written and an edit touches only the line it must.
public struct PartField: Hashable, Sendable {
    public var value: Value
    public var comments: Comments

    public init(_ value: Value, comments: Comments = Comments()) {
        self.value = value
        self.comments = comments
    }

    /// What a field line says. Free-text fields hold one entry per line; repeat the key for more.
    public enum Value: Hashable, Sendable {
        case role(Role)
        /// Whether the part tends to look like Self (a "Self-like" part).
        case selfLike(Bool)
        /// Free text, because people write "7", "about 7" or "teen".
        case age(String)
        /// Where the part is felt in the body.
        case body(String)
        /// Feelings, as a comma-separated list of words.
        case feelings([String])
        case beliefs(String)
        /// What the part does.
        case job(String)
        /// The positive intent behind the job.
        case intent(String)
        /// What the part fears would happen if it stopped.
        case fears(String)
        case burden(Burden)
        /// Ways in: situations or sensations that lead to the part.
        case trailheads(String)
        case status(PartStatus)
        case tags([String])
        case note(String)
        /// Anything else a therapist records, under an `x-` key, so nothing is lost.
        case custom(key: String, value: String)
    }
}

extension PartField.Value {
    /// The key as written in the map, e.g. `role`, `burden`, `x-colour`.
    public var key: String {
        switch self {
        case .role: return "role"
        case .selfLike: return "self-like"
        case .age: return "age"
        case .body: return "body"
        case .feelings: return "feelings"
        case .beliefs: return "beliefs"
        case .job: return "job"
        case .intent: return "intent"
        case .fears: return "fears"
        case .burden: return "burden"
        case .trailheads: return "trailheads"
        case .status: return "status"
        case .tags: return "tags"
        case .note: return "note"
        case .custom(let key, _): return key
        }
    }

    /// The keys a part may use, besides `x-` custom keys (from `PartFieldSpec.all`).
    public static var knownKeys: [String] { PartFieldSpec.keys }

    /// Whether a part may have `key` at most once (from `PartFieldSpec.all`).
    public static func isSingleValued(_ key: String) -> Bool {
        PartFieldSpec.named(key)?.isSingle ?? false
    }
}
