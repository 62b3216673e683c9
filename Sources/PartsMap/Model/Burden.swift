/// A burden: an extreme belief or feeling a part took on, which is not its true nature.
public struct Burden: Hashable, Sendable {
    /// Where the burden came from.
    public enum Kind: String, CaseIterable, Sendable, Hashable {
        /// Taken on from the person's own experience.
        case personal
        /// Handed down through the family.
        case legacy
        /// Taken on from the culture around the person.
        case cultural
    }

    /// How far the unburdening of this burden has gone.
    public enum State: String, CaseIterable, Sendable, Hashable {
        case carried
        case witnessed
        case released
    }

    /// How the burden is held: as a sentence, or without one.
    public enum Form: String, CaseIterable, Sendable, Hashable {
        /// A sentence in the part's own words (the default): `"I don't matter."`.
        case words
        /// Felt, but the part has no words for it.
        case wordless
        /// From before the person had language.
        case preverbal
        /// Held in the body: a sensation rather than a belief.
        case bodily
    }

    /// Where the burden came from.
    public var kind: Kind
    /// How far its unburdening has gone.
    public var state: State
    /// The burden in the person's words (`we don't cry`); for a burden without words (`form`
    /// other than `words`), a description of it, possibly empty.
    public var text: String
    /// Whether the burden has words (the default) or is wordless, preverbal or bodily.
    public var form: Form
    /// Who handed a legacy burden down, nearest first (`mother`, `grandmother`): words as in the map.
    public var lineage: [String]

    /// A burden of `kind` saying `text`, still carried unless `state` says otherwise.
    public init(_ kind: Kind, _ text: String, state: State = .carried, form: Form = .words, lineage: [String] = []) {
        self.kind = kind
        self.text = text
        self.state = state
        self.form = form
        self.lineage = lineage
    }

    /// The word before a lineage in a burden's header (`burden legacy from mother, grandmother: ...`).
    public static let lineageWord = "from"

    /// The words between `burden` and the colon, canonical: `legacy witnessed preverbal from mother, grandmother`.
    public var header: String {
        var words = [kind.rawValue]
        if state != .carried { words.append(state.rawValue) }
        if form != .words { words.append(form.rawValue) }
        if !lineage.isEmpty { words.append(Self.lineageWord + " " + lineage.joined(separator: ", ")) }
        return words.joined(separator: " ")
    }

    /// How the burden reads in cards, reports, tooltips and worksheets:
    /// `We don't cry (legacy, carried, from mother, grandmother)`; without text, `personal, carried, preverbal`.
    public var summary: String {
        text.isEmpty ? details : "\(text) (\(details))"
    }

    /// Everything but the words: `legacy, carried, preverbal, from mother, grandmother`.
    public var details: String {
        var what = [kind.rawValue, state.rawValue]
        if form != .words { what.append(form.rawValue) }
        if !lineage.isEmpty { what.append(Self.lineageWord + " " + lineage.joined(separator: ", ")) }
        return what.joined(separator: ", ")
    }

    /// Whether `word` can be one step of a lineage: letters, digits, `-`, `_`, `.` (as map words).
    public static func isLineageWord(_ word: String) -> Bool {
        !word.isEmpty && word != lineageWord && word.utf8.allSatisfy(CustomKey.isWordByte)
    }

    /// A burden's header read from its words (`["legacy", "witnessed", "from", "mother", "grandmother"]`):
    /// a kind, then in any order at most one state and one form, then optionally `from` and the
    /// lineage. On failure, the index of the word at fault and a message with a did-you-mean.
    public static func readHeader(_ words: [String]) -> Result<Burden, HeaderProblem> {
        let kinds = Kind.allCases.map(\.rawValue)
        guard let first = words.first else {
            return .failure(HeaderProblem(index: nil, message: "say what kind of burden: 'burden personal: ...', "
                                          + "'burden legacy: ...' or 'burden cultural: ...'"))
        }
        guard let kind = Kind(rawValue: first) else {
            return .failure(HeaderProblem(index: 0, message: Suggestions.unknown("burden kind", first, in: kinds,
                                                                                 otherwise: "kinds are \(kinds.joined(separator: ", "))")))
        }
        var burden = Burden(kind, "")
        var sawState = false
        var sawForm = false
        var index = 1
        while index < words.count {
            let word = words[index]
            if word == lineageWord {
                let lineage = Array(words[(index + 1)...])
                guard !lineage.isEmpty else {
                    return .failure(HeaderProblem(index: index, message: "say who handed the burden down after 'from', "
                                                  + "as in 'burden legacy from mother, grandmother: ...'"))
                }
                if let bad = lineage.firstIndex(where: { !isLineageWord($0) }) {
                    return .failure(HeaderProblem(index: index + 1 + bad, message: "'\(lineage[bad])' cannot be a step of a "
                                                  + "lineage: use words of letters, digits, '-' and '_' (e.g. maternal-grandmother)"))
                }
                burden.lineage = lineage
                return .success(burden)
            }
            if let state = State(rawValue: word) {
                guard !sawState else { return .failure(HeaderProblem(index: index, message: "the burden's state is already given")) }
                burden.state = state
                sawState = true
            } else if let form = Form(rawValue: word) {
                guard !sawForm else { return .failure(HeaderProblem(index: index, message: "the burden's form is already given")) }
                burden.form = form
                sawForm = true
            } else {
                let known = State.allCases.map(\.rawValue) + Form.allCases.map(\.rawValue) + [lineageWord]
                return .failure(HeaderProblem(index: index, message: Suggestions.unknown(
                    "burden state or form", word, in: known,
                    otherwise: "states are carried, witnessed, released; forms are words, wordless, preverbal, bodily; "
                        + "a lineage follows 'from', as in 'burden legacy witnessed from mother: ...'")))
            }
            index += 1
        }
        return .success(burden)
    }

    /// What is wrong with a burden's header, and at which word (`nil`: the header as a whole).
    public struct HeaderProblem: Error, Sendable, Hashable {
        /// The index of the word at fault, if one is.
        public var index: Int?
        /// What is wrong, for a person to read.
        public var message: String
    }
}

/// A burden the system carries that is not yet attached to a known part: a top-level
/// `burden legacy from father: "Men manage alone."` line in the map.
public struct UnattachedBurden: Hashable, Sendable {
    /// The burden.
    public var burden: Burden
    /// The person's comments around the line, kept so the file prints back unchanged.
    public var comments: Comments

    /// An unattached `burden` with the comments to print around it.
    public init(_ burden: Burden, comments: Comments = Comments()) {
        self.burden = burden
        self.comments = comments
    }
}
