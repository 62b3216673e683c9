/// What is recorded about the Self as a whole (its ratings live in sessions).
public struct SelfBlock: Hashable, Sendable {
    public var fields: [SelfField]
    public var comments: Comments

    public init(fields: [SelfField] = [], comments: Comments = Comments()) {
        self.fields = fields
        self.comments = comments
    }

    public var notes: [String] {
        fields.compactMap { field in if case .note(let text) = field.value { return text } else { return nil } }
    }
}

public struct SelfField: Hashable, Sendable {
    public var value: Value
    public var comments: Comments

    public init(_ value: Value, comments: Comments = Comments()) {
        self.value = value
        self.comments = comments
    }

    public enum Value: Hashable, Sendable {
        case note(String)
        case custom(key: String, value: String)

        public var key: String {
            switch self {
            case .note: return "note"
            case .custom(let key, _): return key
            }
        }
    }

    public static let knownKeys = ["note"]
}
