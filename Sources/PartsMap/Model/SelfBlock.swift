/// What is recorded about the Self as a whole (its ratings live in sessions).
public struct SelfBlock: Hashable, Sendable {
    /// Every line of the block, in the order written.
    public var fields: [SelfField]
    /// The person's comments around the block, kept so the file prints back unchanged.
    public var comments: Comments

    /// A `self` block holding `fields` in the order they should be written.
    public init(fields: [SelfField] = [], comments: Comments = Comments()) {
        self.fields = fields
        self.comments = comments
    }

    /// The notes about the Self, in the order written.
    public var notes: [String] {
        fields.compactMap { field in if case .note(let text) = field.value { return text } else { return nil } }
    }
}

/// One line of the `self` block, kept in the order written.
public struct SelfField: Hashable, Sendable {
    /// What the line records.
    public var value: Value
    /// The person's comments around the line, kept so the file prints back unchanged.
    public var comments: Comments

    /// A line recording `value`, with the comments to print around it.
    public init(_ value: Value, comments: Comments = Comments()) {
        self.value = value
        self.comments = comments
    }

    /// The kinds of line a `self` block can hold: a note, or a custom `key: value`.
    public enum Value: Hashable, Sendable {
        case note(String)
        case custom(key: String, value: String)

        /// The key the line is written with in the text format.
        public var key: String {
            switch self {
            case .note: return "note"
            case .custom(let key, _): return key
            }
        }
    }

    /// The keys the parser understands inside a `self` block; any other key is a custom field.
    public static let knownKeys = ["note"]
}
