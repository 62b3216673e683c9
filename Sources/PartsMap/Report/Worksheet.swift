/// One part's page for a paper session: what is known about it, the 6 Fs questions with the
/// answers recorded so far, and ruled space for the rest. `WorksheetHTML` and `WorksheetPDF`
/// lay it out; both keep it to one page by shortening long text (the map keeps all of it).
package struct Worksheet {
    struct Question {
        /// The step of the 6 Fs it asks about; nil for an exile's questions.
        var step: SixFsStep? = nil
        var heading: String
        var prompt: String
        /// What the map already records for this step.
        var answers: [String]
        /// Whether a session's `6fs` line got this far.
        var reached: Bool
        /// Ruled lines to leave for writing.
        var blankLines: Int { answers.isEmpty ? 3 : 2 }
    }

    var mapTitle: String?
    var id: PartID
    var name: String
    /// Role, age, status, self-like, in one line.
    var summary: String
    /// What is known besides the 6 Fs answers, field by field (each already shortened).
    var card: [(label: String, text: String)]
    /// How far the 6 Fs got, in words, when a session recorded it.
    var progress: String?
    /// A word of care when the part is not a protector (the 6 Fs are for protectors).
    var caution: String?
    var questions: [Question]
    /// "The 6 Fs" for a protector; an exile's questions lead towards unburdening.
    var questionsHeading = "The 6 Fs"
    var page: DOTOptions.PageSize

    /// Characters of one card entry or answer, at most: enough for a sentence or two.
    static let textLimit = 240
    /// Ruled lines under "Notes" at the end.
    static let noteLines = 3

    package init(part: Part, map: SystemMap, page: DOTOptions.PageSize = .a4) {
        self.page = page
        mapTitle = map.title
        id = part.id
        // A blank name (`part p1: ""`) would leave the questions without a subject: use the ID.
        let given = part.displayName
        name = Worksheet.shortened(given.allSatisfy(\.isWhitespace) ? part.id.rawValue : given, to: 80)
        let name = self.name
        var summary = [part.role.rawValue]
        if let age = part.age { summary.append("age " + Worksheet.shortened(age, to: 40)) }
        summary.append(part.status.map { "status: " + $0.rawValue } ?? "no status yet")
        if part.isSelfLike { summary.append("self-like") }
        self.summary = summary.joined(separator: " · ")

        let names = Dictionary(map.parts.map { ($0.id, $0.displayName) }, uniquingKeysWith: { first, _ in first })
        func endpointName(_ endpoint: Relationship.Endpoint) -> String {
            switch endpoint {
            case .theSelf: return "Self"
            case .part(let id): return names[id] ?? id.rawValue
            }
        }
        var card: [(label: String, text: String)] = []
        func add(_ label: String, _ values: [String]) {
            guard !values.isEmpty else { return }
            card.append((label, Worksheet.shortened(values.joined(separator: "; "), to: Worksheet.textLimit)))
        }
        // Body, feelings, age, job, intent and fears are the answers to the 6 Fs below; the
        // table of fields marks the rest for the worksheet's card.
        for section in part.sections(for: .worksheet) { add(section.spec.label, section.values) }
        add("Relationships", map.relationships.filter { $0.involves(part.id) }.map { relationship in
            "\(endpointName(relationship.from)) \(VisualStyle.standard.phrase(for: relationship.kind)) \(endpointName(relationship.to))"
        })
        self.card = card

        var furthest: (step: SixFsStep, session: Session)?
        var feltToward: [String] = []
        for session in map.sessions {
            var explored = false
            for field in session.fields {
                if case .sixFs(let id, let step) = field.value, id == part.id {
                    explored = true
                    if furthest.map({ step >= $0.step }) ?? true { furthest = (step, session) }
                }
            }
            // Feel-toward records first; `partsmap explore` before them wrote a line of the note.
            let records = session.fields.compactMap { field -> String? in
                if case .feelToward(let answer) = field.value, answer.part == part.id { return answer.answers.joined(separator: ", ") }
                return nil
            }
            if !records.isEmpty {
                feltToward = [records.joined(separator: "; then ")]
                continue
            }
            guard explored else { continue }
            for note in session.notes {
                for line in ReportModel.lines(note) where line.hasPrefix(Worksheet.feltTowardPrefix) {
                    var answer = String(line.dropFirst(Worksheet.feltTowardPrefix.count))
                    if answer.hasSuffix(".") { answer.removeLast() }
                    if !answer.isEmpty { feltToward = [answer] }
                }
            }
        }
        if part.role == .exile {
            caution = "\(name) is an exile: go to it only with its protectors' permission, and go gently."
        } else if !part.role.isProtector {
            caution = "The 6 Fs are for protectors; \(name) is recorded as of unknown role. Go gently."
        }
        if let furthest {
            progress = "The 6 Fs reached “\(furthest.step.rawValue)” on \(furthest.session.date)"
                + (furthest.session.title.map { " (\(Worksheet.shortened($0, to: 60)))" } ?? "") + "."
        }
        func answers(_ values: [String]) -> [String] {
            values.map { Worksheet.shortened($0, to: Worksheet.textLimit) }
        }
        let reached = furthest?.step
        func question(_ step: SixFsStep, _ heading: String, _ prompt: String, _ values: [String]) -> Question {
            Question(step: step, heading: heading, prompt: prompt, answers: answers(values), reached: reached.map { step <= $0 } ?? false)
        }
        if part.role == .exile {
            questions = Worksheet.exileQuestions(part, map: map, name: name, feltToward: feltToward).map { entry in
                Question(heading: entry.heading, prompt: entry.prompt, answers: answers(entry.answers), reached: entry.reached)
            }
            questionsHeading = "Towards unburdening"
            if let step = Worksheet.furthestUnburdening(of: part.id, in: map) {
                progress = "Unburdening reached “\(step.record.step.rawValue)”"
                    + (step.record.progress == .started ? " (started)" : "") + " on \(step.session.date)."
            }
            return
        }
        let fleshOut = (part.age.map { ["age: \($0)"] } ?? []) + part.jobs
        questions = [
            question(.find, "Find", "Where do you notice \(name): in or around your body?", part.body),
            question(.focus, "Focus", "Turn your attention toward it. What feelings come with it?",
                     part.feelings.isEmpty ? [] : [part.feelings.joined(separator: ", ")]),
            question(.fleshOut, "Flesh it out", "How old does \(name) seem? What does it do? What is its job?", fleshOut),
            question(.feelToward, "Feel toward",
                     "How do you feel toward \(name) right now? (If not calm, curious or compassionate, ask the part that feels it to step back.)",
                     feltToward),
            question(.befriend, "Befriend", "Ask \(name) what it wants you to know. What is it trying to do for you?", part.intents),
            question(.fears, "Fears", "What is \(name) afraid would happen if it stopped doing its job?", part.fears),
        ]
    }

    /// An exile's questions: not a protector's job and fears, but what it wants Self to know,
    /// where it is stuck and what it needs, after the protectors' permission.
    static func exileQuestions(_ part: Part, map: SystemMap, name: String, feltToward: [String])
        -> [(heading: String, prompt: String, answers: [String], reached: Bool)]
    {
        var steps: Set<UnburdeningStep> = []
        var details: [String] = []
        var permission: [PartID: Permission] = [:]
        for session in map.sessions {
            for field in session.fields {
                switch field.value {
                case .unburdening(let record) where record.part == part.id:
                    steps.insert(record.step)
                    if let detail = record.detail { details.append("\(record.detailLabel): \(detail)") }
                case .permission(let answer) where answer.exile == part.id:
                    permission[answer.protector] = answer
                default:
                    break
                }
            }
        }
        let protectors = map.relationships.compactMap { relationship -> PartID? in
            relationship.kind == .protects && relationship.to == .part(part.id) ? relationship.from.partID : nil
        }
        let permissions = protectors.map { protector -> String in
            let name = map.part(protector)?.displayName ?? protector.rawValue
            guard let answer = permission[protector] else { return "\(name): not asked yet" }
            return "\(name): \(answer.answer.rawValue)" + (answer.note.map { " (\($0))" } ?? "")
        }
        return [
            ("Permission", "Have its protectors agreed that you go to \(name)? Ask each one, and respect a no.", permissions,
             !permission.isEmpty),
            ("Feel toward", "How do you feel toward \(name) right now? (If not calm, curious or compassionate, ask the part "
                + "that feels it to step back.)", feltToward, !feltToward.isEmpty),
            ("Witness", "What does \(name) want you to know? What does it want to show you, and what does it believe?",
             part.beliefs + part.burdens.map { $0.form == .words ? $0.text : $0.summary }, steps.contains(.witnessing)),
            ("Where it is stuck", "Where and when is \(name) stuck? How old is it there, and who is (not) with it?",
             part.age.map { ["age: \($0)"] } ?? [], steps.contains(.doOver) || steps.contains(.retrieval)),
            ("What it needs", "What does \(name) need from you now: a do-over, to leave that place, to let a burden go, "
                + "to invite something in?", details, steps.contains(.unburdening) || steps.contains(.invitation)),
        ]
    }

    /// The latest unburdening step recorded for `id`, with its session.
    static func furthestUnburdening(of id: PartID, in map: SystemMap) -> (record: UnburdeningRecord, session: Session)? {
        var latest: (record: UnburdeningRecord, session: Session)?
        for session in map.sessions {
            for field in session.fields {
                if case .unburdening(let record) = field.value, record.part == id { latest = (record, session) }
            }
        }
        return latest
    }

    /// How `partsmap explore` starts the line of its session note that says how the person felt.
    static let feltTowardPrefix = "Felt toward it: "

    /// `text` on one line (line breaks become spaces), cut to `limit` characters with an ellipsis.
    static func shortened(_ text: String, to limit: Int) -> String {
        let flat = ReportModel.lines(text).filter { !$0.isEmpty }.joined(separator: " ")
        guard flat.count > limit else { return flat }
        return String(flat.prefix(limit - 1)) + "…"
    }
}
