/// The one description of every part field: its key, how often it may appear, how its value is
/// written, the label people see, the command-line flag that adds it, and where it shows.
///
/// The reader, the printer, the JSON form, the `part` commands, the card, the report and the
/// worksheet all read this table instead of listing the keys themselves, so a new field is
/// added here (and as a case of `PartField.Value`) and nowhere else.
public struct PartFieldSpec: Sendable, Hashable {
    /// How a field's value is written after the colon.
    public enum Shape: Sendable, Hashable {
        /// One word from a fixed list (`role`, `status`).
        case choice([String])
        /// `yes` or `no` (a JSON boolean).
        case yesNo
        /// Free text, one entry per line; a text block is allowed.
        case text
        /// Free text in the part's own words: printed in quotes.
        case ownWords
        /// A comma-separated list; several lines add up.
        case list
        /// `burden KIND [STATE]: text`.
        case burden
    }

    /// Where a field's values are shown besides the map itself.
    public struct Places: OptionSet, Sendable, Hashable {
        /// The bits of the set (see the static members).
        public let rawValue: Int
        /// A set from its bits.
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// `partsmap part show`.
        public static let card = Places(rawValue: 1)
        /// The part cards of `partsmap report`.
        public static let report = Places(rawValue: 2)
        /// The tooltip of a part in a rendered picture.
        public static let tooltip = Places(rawValue: 4)
        /// The worksheet's card of what is known (for fields the 6 Fs do not ask about).
        public static let worksheet = Places(rawValue: 8)
        /// Leads the tooltip: what a person most needs on hover (why the part acts, what it carries).
        public static let tooltipLead = Places(rawValue: 16)
        /// The card, the report and the tooltip: where most fields show.
        public static let everywhere: Places = [.card, .report, .tooltip]
    }

    /// The fields shown in `place`, in the order shown there (in the tooltip, its lead fields
    /// first). Worked out once for each single place: every part's card and tooltip reads it.
    static func shown(in place: Places) -> [PartFieldSpec] {
        if let known = shownInOnePlace[place.rawValue] { return known }
        return ordered(in: place)
    }

    private static let shownInOnePlace: [Int: [PartFieldSpec]] = Dictionary(
        uniqueKeysWithValues: [Places.card, .report, .tooltip, .worksheet].map { ($0.rawValue, ordered(in: $0)) })

    private static func ordered(in place: Places) -> [PartFieldSpec] {
        let specs = all.filter { $0.places.contains(place) }
        guard place == .tooltip else { return specs }
        return specs.filter { $0.places.contains(.tooltipLead) } + specs.filter { !$0.places.contains(.tooltipLead) }
    }

    /// The key as written in the map (`trailheads`).
    public let key: String
    /// At most once per part.
    public let isSingle: Bool
    /// How the value is written after the colon.
    public let shape: Shape
    /// The heading people see (`Trailheads`).
    public let label: String
    /// The repeatable `part add` flag for a text or list field (`--trailhead`), if it has one.
    public let flag: String?
    /// One line for help texts.
    public let help: String
    /// Where the field's values show besides the map itself.
    public let places: Places

    init(_ key: String, single: Bool = false, _ shape: Shape, label: String, flag: String? = nil,
         help: String, places: Places = .everywhere) {
        self.key = key
        self.isSingle = single
        self.shape = shape
        self.label = label
        self.flag = flag
        self.help = help
        self.places = places
    }

    /// Every part field, in the canonical order (`part add` writes fields in this order).
    public static let all: [PartFieldSpec] = [
        PartFieldSpec("role", single: true, .choice(Role.allCases.map(\.rawValue)), label: "Role",
                      help: "manager, firefighter, protector, exile or unknown.", places: []),
        PartFieldSpec("self-like", single: true, .yesNo, label: "Self-like",
                      help: "Whether it tends to look like Self: yes or no.", places: []),
        PartFieldSpec("age", single: true, .text, label: "Age", help: "How old it seems (any text).", places: []),
        PartFieldSpec("body", .text, label: "Body", flag: "--body", help: "Where it is felt in the body."),
        PartFieldSpec("feelings", .list, label: "Feelings", flag: "--feeling",
                      help: "A feeling (repeat, or separate with commas)."),
        PartFieldSpec("beliefs", .ownWords, label: "Beliefs", flag: "--belief", help: "A belief, in its own words.",
                      places: Places.everywhere.union(.worksheet)),
        PartFieldSpec("job", .text, label: "Job", flag: "--job", help: "What it does."),
        PartFieldSpec("intent", .text, label: "Intent", flag: "--intent", help: "Its positive intent.",
                      places: Places.everywhere.union(.tooltipLead)),
        PartFieldSpec("fears", .text, label: "Fears", flag: "--fear", help: "What it fears would happen if it stopped.",
                      places: Places.everywhere.union(.tooltipLead)),
        PartFieldSpec("burden", .burden, label: "Burdens",
                      help: "A burden: KIND[ STATE][ FORM][ from WHO, WHO]:TEXT, e.g. \"legacy from mother:we don't cry\".",
                      places: Places.everywhere.union([.worksheet, .tooltipLead])),
        PartFieldSpec("trailheads", .text, label: "Trailheads", flag: "--trailhead",
                      help: "A way in: a situation or sensation that leads to it.", places: Places.everywhere.union(.worksheet)),
        PartFieldSpec("status", single: true, .choice(PartStatus.allCases.map(\.rawValue)), label: "Status",
                      help: "Where the relationship with Self stands.", places: []),
        PartFieldSpec("tags", .list, label: "Tags", flag: "--tag", help: "A tag (repeat, or separate with commas).",
                      places: [.card, .report]),
        PartFieldSpec("note", .text, label: "Notes", flag: "--note", help: "A note.", places: [.card, .report]),
    ]

    private static let byKey: [String: PartFieldSpec] = Dictionary(all.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })

    /// The field with this key; `nil` for custom (`x-`) and unknown keys.
    public static func named(_ key: String) -> PartFieldSpec? { byKey[key] }

    /// The keys of the table, in order.
    public static let keys: [String] = all.map(\.key)

    /// The position of `key` in the canonical order; custom keys come last.
    public static func order(of key: String) -> Int {
        all.firstIndex { $0.key == key } ?? all.count
    }

    /// The value of a field from its text, as the `part` commands take it: a word for a choice,
    /// `yes`/`no`, a list with commas, `KIND:TEXT` or `KIND:STATE:TEXT` for a burden.
    public func value(fromText text: String) -> Result<PartField.Value, FieldValueProblem> {
        switch shape {
        case .choice(let words):
            guard words.contains(text) else {
                return .failure(FieldValueProblem(Suggestions.unknown(key == "status" ? "status" : key, text, in: words,
                                                                      otherwise: "use \(words.joined(separator: ", "))")))
            }
            if key == "role", let role = Role(rawValue: text) { return .success(.role(role)) }
            if let status = PartStatus(rawValue: text) { return .success(.status(status)) }
            return .failure(FieldValueProblem("'\(text)' is not a \(key)"))
        case .yesNo:
            switch text {
            case "yes": return .success(.selfLike(true))
            case "no": return .success(.selfLike(false))
            default: return .failure(FieldValueProblem("'\(key)' is 'yes' or 'no'"))
            }
        case .text, .ownWords:
            guard let value = PartField.Value.text(key, text) else { return .failure(FieldValueProblem("'\(key)' takes no text")) }
            return .success(value)
        case .list:
            let items = text.split(separator: ",").map { String($0).trimmingBlanks() }.filter { !$0.isEmpty }
            return .success(key == "tags" ? .tags(items) : .feelings(items))
        case .burden:
            return Self.burden(fromText: text).map { .burden($0) }.mapError { FieldValueProblem("'burden' " + $0.message) }
        }
    }

    /// A burden from the words of its map line after `burden`: `HEADER: TEXT`, where the header
    /// is the kind, then a state, a form and `from` with a lineage as in the map
    /// (`legacy witnessed from mother, grandmother: we don't cry`); also the older `KIND:STATE:TEXT`.
    /// A wordless, preverbal or bodily burden may leave out the colon and the text.
    public static func burden(fromText text: String) -> Result<Burden, FieldValueProblem> {
        let usage = "takes KIND:TEXT, with a state, a form and 'from WHO, WHO' after the kind when needed, e.g. "
            + "\"legacy witnessed from mother, grandmother:we don't cry\" (kinds: personal, legacy, cultural; forms: "
            + "wordless, preverbal, bodily)"
        let colonIndex = text.firstIndex(of: ":")
        let head = colonIndex.map { String(text[..<$0]) } ?? text
        var rest = colonIndex.map { String(text[text.index(after: $0)...]) }
        // As in the map, commas separate only the lineage after `from`.
        let blankSeparated = head.split(whereSeparator: { $0 == " " || $0 == "\t" })
        if blankSeparated.prefix(while: { $0 != Burden.lineageWord }).contains(where: { $0.contains(",") }) {
            return .failure(FieldValueProblem("separate the words before the colon with spaces; a comma goes only "
                                              + "between the steps of a lineage, after 'from'"))
        }
        var words = head.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).map(String.init)
        // The older `KIND:STATE:TEXT`.
        if words.count == 1, let more = rest, let second = more.firstIndex(of: ":"),
           Burden.State(rawValue: String(more[..<second])) != nil {
            words.append(String(more[..<second]))
            rest = String(more[more.index(after: second)...])
        }
        switch Burden.readHeader(words) {
        case .failure(let problem):
            return .failure(FieldValueProblem(words.isEmpty || rest == nil ? usage : problem.message))
        case .success(var burden):
            if rest == nil && burden.form == .words { return .failure(FieldValueProblem(usage)) }
            // `legacy:TEXT` keeps TEXT exactly; a header of several words reads like the map line.
            let oneWord = !head.contains(where: { $0 == " " || $0 == "\t" || $0 == "," })
            burden.text = rest.map { oneWord ? $0 : $0.trimmingBlanks() } ?? ""
            return .success(burden)
        }
    }
}

/// Why a text is not a valid value for a field.
public struct FieldValueProblem: Error, Sendable, Hashable {
    /// What is wrong, for a person to read.
    public var message: String
    /// A problem described by `message`.
    public init(_ message: String) { self.message = message }
}

/// Custom keys (`x-colour`): `x-` and at least one more character, all of them word characters
/// (ASCII letters, digits, `-`, `_`, `.`). The same rule for the text, the `part` commands and JSON,
/// so every custom key read can be written back.
public enum CustomKey {
    /// Whether `key` may be used as a custom key; check before writing one from user input.
    public static func isValid(_ key: String) -> Bool {
        key.hasPrefix("x-") && key.utf8.count > 2 && key.utf8.allSatisfy(isWordByte)
    }

    static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == 0x2D || byte == 0x5F || byte == 0x2E
    }
}

extension PartField.Value {
    /// The spec of this field; `nil` for a custom field.
    public var spec: PartFieldSpec? { PartFieldSpec.named(key) }

    /// A free-text field (shape `text` or `ownWords`) with this key and text; `nil` when the key
    /// is not a free-text field. The one place that maps text keys to cases.
    public static func text(_ key: String, _ text: String) -> PartField.Value? {
        switch key {
        case "age": return .age(text)
        case "body": return .body(text)
        case "beliefs": return .beliefs(text)
        case "job": return .job(text)
        case "intent": return .intent(text)
        case "fears": return .fears(text)
        case "trailheads": return .trailheads(text)
        case "note": return .note(text)
        default: return nil
        }
    }

    /// The text of a free-text or custom field; `nil` for the other shapes.
    public var text: String? {
        switch self {
        case .age(let text), .body(let text), .beliefs(let text), .job(let text), .intent(let text), .fears(let text),
             .trailheads(let text), .note(let text), .custom(_, let text):
            return text
        case .role, .selfLike, .status, .feelings, .tags, .burden:
            return nil
        }
    }

    /// The words of a list field; `nil` for the other shapes.
    public var list: [String]? {
        switch self {
        case .feelings(let list), .tags(let list): return list
        default: return nil
        }
    }
}

extension Part {
    /// The sections of what is known about the part, in table order (those marked `tooltipLead`
    /// first, when `place` is the tooltip), for the fields shown in `place`: text fields one value
    /// per line, lists joined into one line, burdens as `Burden.summary`. Only fields the part has.
    public func sections(for place: PartFieldSpec.Places, burdens includeBurdens: Bool = true)
        -> [(spec: PartFieldSpec, values: [String])]
    {
        var sections: [(spec: PartFieldSpec, values: [String])] = []
        for spec in PartFieldSpec.shown(in: place) {
            var values: [String] = []
            switch spec.shape {
            // Loops by index, not flatMap or compactMap: those copy every field (and build an
            // array for each field the part lacks).
            case .list:
                var words: [String] = []
                for index in fields.indices where fields[index].value.key == spec.key {
                    if let list = fields[index].value.list { words += list }
                }
                if spec.key == "tags" { words = words.map(TagVocabulary.describe) }
                if !words.isEmpty { values = [words.joined(separator: ", ")] }
            case .burden:
                guard includeBurdens else { continue }
                values = burdens.map(\.summary)
            case .text, .ownWords:
                for index in fields.indices where fields[index].value.key == spec.key {
                    if let text = fields[index].value.text { values.append(text) }
                }
            case .choice, .yesNo:
                continue
            }
            if !values.isEmpty { sections.append((spec, values)) }
        }
        return sections
    }
}

extension String {
    /// Without spaces and tabs at both ends.
    func trimmingBlanks() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
