/// What a report shows, gathered once from the map as the report's view and redaction leave it;
/// `ReportHTML` and `ReportMarkdown` only lay it out.
///
/// Every string here that a person typed stays raw: each writer escapes it for its own format.
package struct ReportModel {
    /// One end of a relationship, or a part a session names.
    enum Reference: Equatable {
        case theSelf
        /// A part, with its display name (the ID when the part is not in the map).
        case part(PartID, name: String, inReport: Bool)
    }

    struct RelationshipEntry {
        var from: Reference
        var kind: Relationship.Kind
        var to: Reference
        var note: String?
    }

    /// One status change of a part, with the session that recorded it.
    struct JourneyStep {
        var session: Int
        var date: CalendarDate
        var sessionTitle: String?
        var from: PartStatus?
        var to: PartStatus
        var note: String?
        var goesBack: Bool
    }

    /// How far a guided process (the 6 Fs, an unburdening) got, and when.
    struct Progress {
        var step: String
        var session: Int
        var date: CalendarDate
    }

    struct SessionReference {
        var number: Int
        var date: CalendarDate
        var title: String?
    }

    struct PartEntry {
        var id: PartID
        var name: String
        var role: Role
        var age: String?
        var status: PartStatus?
        var selfLike: Bool
        /// Body, feelings, beliefs, job, intent, fears, trailheads, tags, notes: only those it has.
        var fields: [(label: String, values: [String])]
        var burdens: [Burden]
        var custom: [(key: String, value: String)]
        var relationships: [RelationshipEntry]
        var journey: [JourneyStep]
        var sixFs: Progress?
        var unburdening: Progress?
        var sessions: [SessionReference]
    }

    struct SessionEntry {
        var number: Int
        var date: CalendarDate
        var title: String?
        var present: [Reference]
        var selfEnergy: [(quality: String, score: Int)]
        var selfPresence: [(quality: String, score: Int)]
        var statusChanges: [(part: Reference, from: PartStatus?, to: PartStatus, note: String?)]
        var sixFs: [(part: Reference, step: String)]
        /// Each part's unburdening steps in this session, in order.
        var unburdening: [(part: Reference, steps: [String])]
        /// The feelings check-in: which feelings were reachable, and how strongly.
        var feelings: [(feeling: String, score: Int)] = []
        /// Permission, feel-toward answers, unblending, burden intensities and role changes, in words.
        var work: [String] = []
        var homework: [String]
        var notes: [String]
        var custom: [(key: String, value: String)]
        /// The session a `--session` view highlights.
        var highlighted: Bool
    }

    var title: String
    var redacted: Bool
    /// What the view shows, in words (nil without a view).
    var viewDescription: String?
    /// Top-level `x-` fields.
    var about: [(key: String, value: String)]
    var selfNotes: [String]
    var selfCustom: [(key: String, value: String)]
    var parts: [PartEntry]
    /// Burdens not yet attached to a known part (top-level `burden` lines).
    var unattachedBurdens: [Burden]
    var relationships: [RelationshipEntry]
    var sessions: [SessionEntry]
    /// The Self-energy chart as SVG, when sessions have ratings.
    var chartSVG: String?
    /// The feelings check-ins, feeling by feeling, when sessions have them.
    var feelings: FeelingsTrend?
    /// The feelings chart as SVG (IDs prefixed `feelings-`), when sessions have check-ins.
    var feelingsChartSVG: String?

    /// `map` is the map as the report shows it: viewed, and redacted when `redacted`. With a
    /// view, sessions that name none of the parts shown are left out, and the others speak only of
    /// the parts shown (their notes are kept as written).
    package init(map: SystemMap, view: MapView, redacted: Bool) {
        self.redacted = redacted
        title = map.title ?? "Parts map"
        viewDescription = ReportModel.describe(view, redacted: redacted)
        about = map.items.compactMap { item in
            if case .field(let field) = item, field.key != "title" { return (field.key, field.value) }
            return nil
        }
        unattachedBurdens = map.unattachedBurdens.map(\.burden)
        selfNotes = map.selfBlock?.notes ?? []
        selfCustom = map.selfBlock?.fields.compactMap { field in
            if case .custom(let key, let value) = field.value { return (key, value) }
            return nil
        } ?? []

        let mapParts = map.parts
        let names = Dictionary(mapParts.map { ($0.id, $0.displayName) }, uniquingKeysWith: { first, _ in first })
        let filtered = !view.isIdentity
        func reference(_ id: PartID) -> Reference {
            .part(id, name: names[id] ?? id.rawValue, inReport: names[id] != nil)
        }
        func reference(_ endpoint: Relationship.Endpoint) -> Reference {
            switch endpoint {
            case .theSelf: return .theSelf
            case .part(let id): return reference(id)
            }
        }
        /// With a view, sessions speak only of the parts the view shows.
        func shown(_ id: PartID) -> Bool { !filtered || names[id] != nil }

        relationships = map.relationships.map { relationship in
            RelationshipEntry(from: reference(relationship.from), kind: relationship.kind, to: reference(relationship.to),
                              note: relationship.note)
        }

        var highlight: Int?
        let allSessions = map.sessions
        if let choice = view.session {
            switch choice {
            case .number(let number): highlight = number
            case .date(let date): highlight = allSessions.lastIndex { $0.date == date }.map { $0 + 1 }
            }
        }
        var sessions: [SessionEntry] = []
        for (index, session) in allSessions.enumerated() {
            let number = index + 1
            if filtered && !session.mentionedParts.contains(where: { names[$0] != nil }) { continue }
            var entry = SessionEntry(number: number, date: session.date, title: session.title, present: [], selfEnergy: [],
                                     selfPresence: [], statusChanges: [], sixFs: [], unburdening: [], homework: [], notes: [],
                                     custom: [], highlighted: highlight == number)
            for field in session.fields {
                switch field.value {
                case .present(let ids): entry.present += ids.filter(shown).map(reference)
                case .selfEnergy(let ratings): entry.selfEnergy += ratings.map { ($0.quality.rawValue, $0.score) }
                case .selfPresence(let ratings): entry.selfPresence += ratings.map { ($0.quality.rawValue, $0.score) }
                case .statusChange(let change):
                    if shown(change.part) { entry.statusChanges.append((reference(change.part), change.from, change.to, change.note)) }
                case .sixFs(let part, let step):
                    if shown(part) { entry.sixFs.append((reference(part), step.rawValue)) }
                case .unburdening(let record):
                    let part = record.part
                    guard shown(part) else { break }
                    let step = record.step.rawValue + (record.progress == .started ? " (started)" : "")
                        + (record.detail.map { " (\(record.detailLabel): \($0))" } ?? "")
                    if let index = entry.unburdening.firstIndex(where: { $0.part == reference(part) }) {
                        entry.unburdening[index].steps.append(step)
                    } else {
                        entry.unburdening.append((reference(part), [step]))
                    }
                case .feelings(let ratings): entry.feelings += ratings.map { ($0.feeling, $0.score) }
                case .permission, .feelToward, .blended, .roleChange, .intensity:
                    guard field.value.partReferences.allSatisfy(shown),
                          let sentence = field.value.sentence({ names[$0] ?? $0.rawValue }) else { break }
                    entry.work.append(sentence)
                case .homework(let text): entry.homework.append(text)
                case .note(let text): entry.notes.append(text)
                case .custom(let key, let value): entry.custom.append((key, value))
                }
            }
            sessions.append(entry)
        }
        self.sessions = sessions

        var parts: [PartEntry] = []
        for part in mapParts {
            let fields = part.sections(for: .report, burdens: false).map { (label: $0.spec.label, values: $0.values) }

            var journey: [JourneyStep] = []
            var sixFs: Progress?
            var unburdening: Progress?
            var mentioned: [SessionReference] = []
            for (index, session) in allSessions.enumerated() where session.mentionedParts.contains(part.id) {
                mentioned.append(SessionReference(number: index + 1, date: session.date, title: session.title))
                for field in session.fields {
                    switch field.value {
                    case .statusChange(let change) where change.part == part.id:
                        journey.append(JourneyStep(session: index + 1, date: session.date, sessionTitle: session.title,
                                                   from: change.from, to: change.to, note: change.note, goesBack: change.goesBack))
                    case .sixFs(let id, let step) where id == part.id:
                        sixFs = Progress(step: step.rawValue, session: index + 1, date: session.date)
                    case .unburdening(let record) where record.part == part.id:
                        unburdening = Progress(step: record.step.rawValue + (record.progress == .started ? " (started)" : ""),
                                               session: index + 1, date: session.date)
                    default:
                        break
                    }
                }
            }
            parts.append(PartEntry(
                id: part.id, name: part.displayName, role: part.role, age: part.age, status: part.status,
                selfLike: part.isSelfLike, fields: fields, burdens: part.burdens, custom: part.customFields,
                relationships: relationships.filter { entry in
                    [entry.from, entry.to].contains { if case .part(let id, _, _) = $0 { return id == part.id } else { return false } }
                },
                journey: journey, sixFs: sixFs, unburdening: unburdening, sessions: mentioned))
        }
        self.parts = parts
        chartSVG = SelfEnergyChart(map: map)?.svg(idPrefix: "self-energy-")
        feelings = FeelingsTrend(map: map)
        feelingsChartSVG = FeelingsChart.chart(for: map)?.svg(idPrefix: "feelings-")
    }

    /// The view in words; in a redacted report without the focus ID or tag, which are free text.
    static func describe(_ view: MapView, redacted: Bool) -> String? {
        guard !view.isIdentity else { return nil }
        var pieces: [String] = []
        if let focus = view.focus {
            let around = redacted ? "one part" : focus.rawValue
            pieces.append("\(around) and the parts within \(view.depth) relationship\(view.depth == 1 ? "" : "s") of it")
        }
        if view.onlyProtectors { pieces.append("protectors only") }
        switch view.exiles {
        case .shown: break
        case .placeholders: pieces.append("exiles shown as unnamed placeholders")
        case .omitted: pieces.append("exiles left out")
        }
        if let tag = view.tag { pieces.append(redacted ? "parts with one tag" : "parts tagged \(tag)") }
        if let session = view.session {
            switch session {
            case .number(let number): pieces.append("session \(number) highlighted")
            case .date(let date): pieces.append("the session of \(date) highlighted")
            }
        }
        if let grouping = view.grouping {
            switch grouping {
            case .protection: pieces.append("each exile grouped with its protectors")
            case .tag: pieces.append("parts grouped by tag")
            }
        }
        return "A view of the map: " + pieces.joined(separator: "; ") + "."
    }

    /// How a relationship kind reads in words ("is polarized with").
    static func phrase(_ kind: Relationship.Kind) -> String { VisualStyle.standard.phrase(for: kind) }

    /// The lines of `text`: split at line feeds, carriage returns dropped (so "\r\n" counts once).
    static func lines(_ text: String) -> [String] {
        var lines: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in TextLines.normalized(text).unicodeScalars {
            switch scalar {
            case "\n":
                lines.append(String(current))
                current = String.UnicodeScalarView()
            case "\r":
                continue
            default:
                current.append(scalar)
            }
        }
        lines.append(String(current))
        return lines
    }

    /// Text split into paragraphs at blank lines; each paragraph keeps its lines.
    static func paragraphs(_ text: String) -> [[String]] {
        var result: [[String]] = []
        var current: [String] = []
        for line in lines(text) {
            if line.unicodeScalars.allSatisfy({ $0 == " " || $0 == "\t" }) {
                if !current.isEmpty { result.append(current); current = [] }
            } else {
                current.append(line)
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }
}
