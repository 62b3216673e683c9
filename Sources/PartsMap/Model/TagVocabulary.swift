/// Documented tag vocabularies for approaches used alongside IFS: a tag `schema:detached-protector`
/// belongs to the vocabulary `schema`. `--tag schema:` selects every tag of a vocabulary,
/// `--group tag` and the report name it in words, and `partsmap check` suggests the documented
/// term for a misspelt one (docs/format.md lists them).
public struct TagVocabulary: Sendable, Hashable {
    /// The prefix before the colon: `schema`.
    public let prefix: String
    /// What the tags name, in words: "schema mode".
    public let label: String
    /// The documented terms; others are allowed.
    public let terms: [String]

    public static let all: [TagVocabulary] = [
        TagVocabulary(prefix: "schema", label: "schema mode", terms: [
            "detached-protector", "detached-self-soother", "compliant-surrenderer", "self-aggrandizer", "bully-attack",
            "punitive-critic", "demanding-critic", "vulnerable-child", "angry-child", "impulsive-child",
            "undisciplined-child", "happy-child", "healthy-adult",
        ]),
        TagVocabulary(prefix: "dbt", label: "DBT skill", terms: [
            "opposite-action", "check-the-facts", "wise-mind", "radical-acceptance", "distress-tolerance", "tipp",
            "self-soothe", "accepts", "improve", "pros-and-cons", "emotion-regulation", "please", "mindfulness",
            "dear-man", "give", "fast", "chain-analysis",
        ]),
        TagVocabulary(prefix: "act", label: "ACT process", terms: [
            "values", "committed-action", "acceptance", "defusion", "present-moment", "self-as-context", "willingness",
        ]),
        TagVocabulary(prefix: "cbt", label: "CBT technique", terms: [
            "behavioural-activation", "activity-scheduling", "thought-record", "cognitive-restructuring", "exposure",
            "behavioural-experiment", "problem-solving", "graded-task",
        ]),
    ]

    /// The vocabulary of a tag (`schema:detached-protector`), and its term.
    public static func of(_ tag: String) -> (vocabulary: TagVocabulary, term: String)? {
        guard let colon = tag.firstIndex(of: ":") else { return nil }
        let prefix = String(tag[..<colon])
        guard let vocabulary = all.first(where: { $0.prefix == prefix }) else { return nil }
        return (vocabulary, String(tag[tag.index(after: colon)...]))
    }

    /// A tag in words: `schema mode: detached protector`; other tags as written.
    public static func describe(_ tag: String) -> String {
        guard let (vocabulary, term) = of(tag), !term.isEmpty else { return tag }
        return vocabulary.label + ": " + term.replacingDashes()
    }

    /// Whether a part's tags match a `--tag` choice: the tag itself, or any tag of a vocabulary
    /// when the choice is `schema:` (the prefix and a colon).
    public static func matches(_ choice: String, in tags: [String]) -> Bool {
        if choice.hasSuffix(":"), all.contains(where: { $0.prefix + ":" == choice }) {
            return tags.contains { $0.hasPrefix(choice) }
        }
        return tags.contains(choice)
    }
}

private extension String {
    func replacingDashes() -> String {
        String(map { $0 == "-" ? " " : $0 })
    }
}
