@testable import PartsMap

/// SplitMix64: a tiny, fast, deterministic generator, so every failure can be replayed from its seed.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Generates random, valid `SystemMap` models for round-trip tests.
///
/// "Valid" means: what a person could write in a `.parts` file without errors. Part IDs are
/// valid and unique; relationships and sessions name only defined parts; at most one title and
/// one self block; single-valued part fields appear at most once; ratings name each quality
/// once; comments contain no line breaks or other control characters (a comment ends at the
/// end of its line), and custom keys are `x-` words.
struct MapGenerator {
    var rng: SplitMix64

    init(seed: UInt64) {
        rng = SplitMix64(seed: seed)
    }

    // MARK: Building blocks

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
    mutating func chance(_ probability: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < probability }
    mutating func pick<T>(_ values: [T]) -> T { values[int(0...values.count - 1)] }
    mutating func pickCase<T: CaseIterable>(_ type: T.Type) -> T { pick(Array(type.allCases)) }

    /// Fragments of text that have broken parsers and printers before, or might.
    static let hostileFragments: [String] = [
        "\"", "\"\"", "\"quoted\"", "\\", "ends with a backslash\\", "\\\\", "\\N \\G \\l", "\\n not a newline",
        "\"]; x [label=\"", "<script>alert(1)</script>", "&amp;", "]]>", "<![CDATA[", "\n", "\n\n", "\r", "\r\n",
        "\t", " ", "  ", " # ", "#", " #", "# ", "a # b", "x#y", "\u{05E9}\u{05DC}\u{05D5}\u{05DD} \u{05E2}\u{05D5}\u{05DC}\u{05DD}",
        "\u{202E}reversed\u{202C}", "\u{0645}\u{0631}\u{062D}\u{0628}\u{0627}", "e\u{301}", "\u{301}",
        "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}", "\u{1F3F3}\u{FE0F}\u{200D}\u{1F308}", "\u{FFFE}", "\u{FEFF}",
        "\u{0}", "\u{7F}", "\u{1B}[31m", "\u{85}", "\u{2028}", "a, b", ",", ", ",
        "\"lazy\" versus \"needs rest\"", "\"\\u{41}\"", "\"\\q\"", "\"unterminated", "\\u{1F600}", "\"a\" # c",
        "\"a\"#c", "\"a\",", "x:", ":", ": ", "part fog: The Fog", "partsmap 1", "self", "->", "known -> befriended",
        "    four spaces", "\tTab", "caf\u{E9}", "\u{10FFFF}", "\u{E000}", "%s %n", "'", "`rm -rf`", "${HOME}",
    ]

    static let words = [
        "fog", "grief", "the", "little one", "numb", "Sam", "dad", "winter", "heavy", "7", "teen", "calm", "garden",
        "x", "scared", "don't", "cry", "Größe", "日本語", "протектор",
    ]

    /// Free text: words and hostile fragments, sometimes empty, sometimes several lines.
    mutating func text() -> String {
        switch int(0...9) {
        case 0: return ""
        case 1: return pick(Self.hostileFragments)
        case 2:  // an indented-block candidate: several lines, maybe a blank one, maybe deeper indentation
            var lines: [String] = []
            for index in 0..<int(2...4) {
                var line = pick(Self.words) + " " + pick(Self.words)
                if index > 0 && chance(0.3) { line = "  " + line }
                if index > 0 && chance(0.2) { line = "" }
                lines.append(line)
            }
            if lines.last == "" { lines.append(pick(Self.words)) }
            return lines.joined(separator: "\n")
        default:
            var out = ""
            for _ in 0..<int(1...4) {
                out += chance(0.5) ? pick(Self.hostileFragments) : pick(Self.words)
                if chance(0.5) { out += " " }
            }
            return out
        }
    }

    /// Text for a comment: anything but a line break or another control character (tabs are fine).
    mutating func commentText() -> String {
        var out = ""
        for _ in 0..<int(0...3) {
            out += chance(0.5) ? pick(Self.hostileFragments) : pick(Self.words)
            if chance(0.5) { out += " " }
        }
        out.unicodeScalars.removeAll { $0 != "\t" && ($0.value < 0x20 || $0.value == 0x7F) }
        return out
    }

    /// A trailing comment: often starting with a blank (as people write them), but also
    /// empty, glued to the `#` (`#c`), or with quotes that could close a literal before it.
    mutating func trailingComment() -> String? {
        guard chance(0.25) else { return nil }
        let body = commentText()
        switch int(0...3) {
        case 0: return body
        case 1: return "\"" + body + pick(["\"", "\" ", ""])
        default: return pick([" ", "\t", "  "]) + body
        }
    }

    mutating func comments() -> Comments {
        var leading: [String] = []
        if chance(0.25) { for _ in 0..<int(1...3) { leading.append(commentText()) } }
        return Comments(leading: leading, trailing: trailingComment())
    }

    mutating func list() -> [String] {
        (0..<int(0...4)).map { _ in chance(0.6) ? pick(Self.words) : text() }
    }

    mutating func customKey() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789-_.")
        var key = "x-"
        for _ in 0..<int(1...12) { key.append(pick(alphabet)) }
        return key
    }

    mutating func partID() -> PartID {
        let first = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        let rest = first + Array("-_")
        while true {
            var raw = String(pick(first))
            let length = chance(0.05) ? 63 : int(0...10)
            for _ in 0..<length { raw.append(pick(rest)) }
            if let id = PartID(raw) { return id }  // not a reserved word such as `self` or `part`
        }
    }

    mutating func date() -> CalendarDate {
        while true {
            if let date = CalendarDate(year: int(1...9999), month: int(1...12), day: int(1...31)) { return date }
        }
    }

    mutating func score() -> Int {
        switch int(0...9) {
        case 0: return pick([-1, 11, 100, -100, Int.max, Int.min])
        default: return int(0...10)
        }
    }

    mutating func ratings<Q: CaseIterable & RawRepresentable & Hashable & Sendable>(_ type: Q.Type) -> [QualityRating<Q>]
    where Q.RawValue == String {
        let qualities = Array(Q.allCases).shuffled(using: &rng).prefix(int(0...Q.allCases.count))
        return qualities.map { QualityRating($0, score()) }
    }

    // MARK: Items

    mutating func partField(_ used: inout Set<String>) -> PartField {
        while true {
            let value: PartField.Value
            switch int(0...14) {
            case 0: value = .role(pickCase(Role.self))
            case 1: value = .selfLike(chance(0.5))
            case 2: value = .age(text())
            case 3: value = .body(text())
            case 4: value = .feelings(list())
            case 5: value = .beliefs(text())
            case 6: value = .job(text())
            case 7: value = .intent(text())
            case 8: value = .fears(text())
            case 9: value = .burden(burden())
            case 10: value = .trailheads(text())
            case 11: value = .status(pickCase(PartStatus.self))
            case 12: value = .tags(list())
            case 13: value = .note(text())
            default: value = .custom(key: customKey(), value: text())
            }
            if PartField.Value.isSingleValued(value.key) {
                guard used.insert(value.key).inserted else { continue }
            }
            return PartField(value, comments: comments())
        }
    }

    mutating func part(_ id: PartID) -> Part {
        var used: Set<String> = []
        let fields = (0..<int(0...8)).map { _ in partField(&used) }
        return Part(id: id, name: chance(0.8) ? text() : nil, fields: fields, comments: comments())
    }

    mutating func endpoint(_ ids: [PartID]) -> Relationship.Endpoint {
        ids.isEmpty || chance(0.15) ? .theSelf : .part(pick(ids))
    }

    mutating func relationship(_ ids: [PartID]) -> Relationship {
        Relationship(endpoint(ids), pickCase(Relationship.Kind.self), endpoint(ids),
                     note: chance(0.4) ? text() : nil, comments: comments())
    }

    mutating func sessionField(_ ids: [PartID]) -> SessionField {
        while true {
            let value: SessionField.Value
            switch int(0...14) {
            case 14:
                guard !ids.isEmpty else { continue }
                value = .intensity(BurdenIntensity(part: pick(ids), score: int(-2...12), burden: chance(0.5) ? text() : nil))
            case 9:
                guard !ids.isEmpty else { continue }
                value = .permission(Permission(protector: pick(ids), exile: pick(ids), answer: pickCase(PermissionAnswer.self),
                                               note: chance(0.5) ? text() : nil))
            case 10:
                guard !ids.isEmpty else { continue }
                let answers = list()
                guard !answers.isEmpty else { continue }
                value = .feelToward(FeelToward(part: pick(ids), answers: answers))
            case 11:
                guard !ids.isEmpty else { continue }
                value = .blended(Blending(part: pick(ids), outcome: pickCase(UnblendingOutcome.self), concern: chance(0.5) ? text() : nil))
            case 12:
                guard !ids.isEmpty else { continue }
                value = .roleChange(RoleChange(part: pick(ids), from: pick(Self.words), to: pick(Self.words) + " " + pick(Self.words)))
            case 13:
                var feelings: [FeelingRating] = []
                for _ in 0..<int(0...4) {
                    let word = pick(Self.words)
                    if !feelings.contains(where: { $0.feeling == word }) { feelings.append(FeelingRating(word, score())) }
                }
                value = .feelings(feelings)
            case 0: value = .present((0..<int(0...3)).compactMap { _ in ids.isEmpty ? nil : pick(ids) })
            case 1: value = .selfEnergy(ratings(SelfQuality.self))
            case 2: value = .selfPresence(ratings(SelfPresenceQuality.self))
            case 3:
                guard !ids.isEmpty else { continue }
                value = .statusChange(StatusChange(part: pick(ids), from: chance(0.6) ? pickCase(PartStatus.self) : nil,
                                                   to: pickCase(PartStatus.self), note: chance(0.4) ? text() : nil))
            case 4:
                guard !ids.isEmpty else { continue }
                value = .sixFs(part: pick(ids), step: pickCase(SixFsStep.self))
            case 5:
                guard !ids.isEmpty else { continue }
                value = .unburdening(UnburdeningRecord(part: pick(ids), step: pickCase(UnburdeningStep.self),
                                                       progress: pickCase(StepProgress.self), detail: chance(0.4) ? text() : nil))
            case 6: value = .homework(text())
            case 7: value = .note(text())
            default: value = .custom(key: customKey(), value: text())
            }
            return SessionField(value, comments: comments())
        }
    }

    mutating func session(_ ids: [PartID]) -> Session {
        Session(date: date(), title: chance(0.7) ? text() : nil,
                fields: (0..<int(0...7)).map { _ in sessionField(ids) }, comments: comments())
    }

    mutating func selfBlock() -> SelfBlock {
        let fields = (0..<int(0...3)).map { _ -> SelfField in
            SelfField(chance(0.6) ? .note(text()) : .custom(key: customKey(), value: text()), comments: comments())
        }
        return SelfBlock(fields: fields, comments: comments())
    }

    /// Steps of a lineage: words as the map writes them (`maternal-grandmother`).
    static let lineageWords = ["mother", "grandmother", "father", "maternal-grandmother", "Oma", "great_aunt.2", "x", "from-x"]

    /// A burden of any kind, state and form, with hostile words (or description), sometimes a lineage.
    mutating func burden() -> Burden {
        let lineage = chance(0.3) ? (0..<int(1...3)).map { _ in pick(Self.lineageWords) } : []
        return Burden(pickCase(Burden.Kind.self), text(), state: pickCase(Burden.State.self),
                      form: chance(0.5) ? .words : pickCase(Burden.Form.self), lineage: lineage)
    }

    /// A whole map: parts first (so every reference has a target), then shuffled so references
    /// come before definitions too.
    mutating func map() -> SystemMap {
        var ids: [PartID] = []
        var seen: Set<PartID> = []
        for _ in 0..<int(0...6) {
            let id = partID()
            if seen.insert(id).inserted { ids.append(id) }
        }
        var items: [MapItem] = ids.map { .part(part($0)) }
        if chance(0.6) { items.append(.field(MapField(key: "title", value: text(), comments: comments()))) }
        for _ in 0..<int(0...2) { items.append(.field(MapField(key: customKey(), value: text(), comments: comments()))) }
        if chance(0.5) { items.append(.selfBlock(selfBlock())) }
        for _ in 0..<int(0...6) { items.append(.relationship(relationship(ids))) }
        for _ in 0..<int(0...3) { items.append(.session(session(ids))) }
        for _ in 0..<int(0...2) { items.append(.burden(UnattachedBurden(burden(), comments: comments()))) }
        items.shuffle(using: &rng)
        let closing = chance(0.3) ? (0..<int(1...2)).map { _ in commentText() } : []
        return SystemMap(items: items, headerComments: comments(), closingComments: closing)
    }
}
