import PartsMap
/// `partsmap explore ID`: a guided walk through the 6 Fs with a protector, one question at a
/// time, writing the answers into the map when it ends.
///
/// It reads answers line by line from standard input, so it works at a terminal and from a pipe
/// (one answer per line). An empty answer or end of input skips a question; "stop" ends the
/// questions early. Nothing is written until the end, and then only if the person agrees.
enum ExploreCommand {
    static let spec = CommandSpec(
        name: "explore",
        summary: "Get to know a protector through the 6 Fs, one question at a time.",
        synopsis: "ID [--date YYYY-MM-DD]",
        discussion: """
            Find, focus, flesh out, feel toward, befriend, fears. If how you feel toward the part
            names none of the 8 Cs, a concerned part may be blended with you: you can record it
            as a part and ask it to step back. Answers can be piped in, one per line.
            """,
        options: [.map, OptionSpec("--date", value: "YYYY-MM-DD", help: "The session date (default: today).")],
        examples: [
            ("partsmap explore fog", "Walk through the 6 Fs with the Fog."),
            ("printf 'behind the eyes\\nflat\\n' | partsmap explore fog", "Answers from a pipe."),
        ])

    /// Whether an answer names a Self quality (and does not negate it: "not curious").
    static func showsSelfEnergy(_ answer: String) -> Bool { SelfWords.contains(answer) }

    struct Answers {
        var body: String?
        var feelings: [String] = []
        var age: String?
        var job: String?
        var feelToward: [String] = []
        var intent: String?
        var fears: String?
        var concernedParts: [Part] = []
        /// Each concerned part, and whether the next answer showed Self (it stepped back).
        var blended: [Blending] = []
        /// The part's answer for each exile it protects.
        var permissions: [Permission] = []
        var furthest: SixFsStep?

        var isEmpty: Bool {
            body == nil && feelings.isEmpty && age == nil && job == nil && feelToward.isEmpty && intent == nil
                && fears == nil && concernedParts.isEmpty && permissions.isEmpty
        }
    }

    static func run(_ arguments: ParsedArguments) throws(CommandError) {
        guard let idText = arguments.positionals.first else { throw spec.usageError("say which part to explore") }
        let date = try arguments.value("--date").map { (text: String) throws(CommandError) in try spec.date(text) } ?? CalendarDate.today()
        let path = PartCommands.mapPath(arguments)
        let map = try MapFile.load(path).map
        let part = try map.resolvePart(idText, spec)
        let id = part.id
        let name = part.displayName
        var usedIDs = Set(map.parts.map(\.id))

        say("Let's get to know \(name), one question at a time.")
        say("Press Enter to skip a question, or type 'stop' to finish early. Nothing is saved until the end.")
        if !part.role.isProtector {
            say("(The 6 Fs are for protectors; \(name) is recorded as \(part.role == .exile ? "an exile" : "of unknown role"). Go gently.)")
        }
        var answers = Answers()
        var stopped = false

        func ask(_ step: SixFsStep, _ question: String) -> String? {
            guard !stopped else { return nil }
            say("\n" + question)
            guard let line = readLine(strippingNewline: true) else { return nil }
            let answer = SessionCommands.trimmed(line)
            if answer.lowercased() == "stop" { stopped = true; return nil }
            guard !answer.isEmpty else { return nil }
            answers.furthest = max(answers.furthest ?? step, step)
            return answer
        }

        answers.body = ask(.find, "Find: where do you notice \(name): in or around your body?")
        answers.feelings = ask(.focus, "Focus: turn your attention toward it. What feelings come with it? (separate them with commas)")
            .map { spec.list($0) } ?? []
        answers.age = ask(.fleshOut, "Flesh it out: how old does \(name) seem?")
        answers.job = ask(.fleshOut, "What does it do? What is its job?")
        var toward = ask(.feelToward, "Feel toward: how do you feel toward \(name) right now?")
        var attempts = 0
        while let feeling = toward, !showsSelfEnergy(feeling), attempts < 2 {
            answers.feelToward.append(feeling)
            attempts += 1
            let concernedBefore = answers.concernedParts.count
            say("That doesn't sound like Self-energy yet: another part may be here, concerned about \(name) and blended with you.")
            say("If you'd like to record it as a part, give it a name (or press Enter to skip):")
            if !stopped, let line = readLine(strippingNewline: true) {
                let concernedName = SessionCommands.trimmed(line)
                if !concernedName.isEmpty, concernedName.lowercased() != "stop" {
                    let concernedID = uniqueID(for: concernedName, avoiding: usedIDs)
                    usedIDs.insert(concernedID)
                    answers.concernedParts.append(Part(id: concernedID, name: concernedName, fields: [
                        PartField(.role(.unknown)), PartField(.status(.noticed)),
                        PartField(.note("Noticed during 'partsmap explore \(id)' on \(date): felt \(feeling) toward \(name).")),
                    ]))
                    say("Recorded it as '\(concernedID)'.")
                } else if concernedName.lowercased() == "stop" {
                    stopped = true
                }
            }
            toward = ask(.feelToward, "See if that part would be willing to step back a little, so you can get to know \(name). "
                         + "When you're ready: how do you feel toward \(name) now?")
            if answers.concernedParts.count > concernedBefore, let concerned = answers.concernedParts.last {
                let steppedBack = toward.map(showsSelfEnergy) ?? false
                answers.blended.append(Blending(part: concerned.id, outcome: steppedBack ? .steppedBack : .stayed,
                                                concern: "about \(name)"))
            }
        }
        if let feeling = toward {
            answers.feelToward.append(feeling)
            if showsSelfEnergy(feeling) { say("That sounds like Self-energy. Let \(name) know you're there.") }
        }
        answers.intent = ask(.befriend, "Befriend: ask \(name) what it wants you to know. What is it trying to do for you?")
        answers.fears = ask(.fears, "Fears: what is \(name) afraid would happen if it stopped doing its job?")
        // Permission: ask the protector about each exile it protects (yes, no, or its conditions).
        for relationship in map.relationships where relationship.kind == .protects && relationship.from == .part(id) {
            guard !stopped, let exileID = relationship.to.partID, map.part(exileID)?.role == .exile else { continue }
            let exileName = map.part(exileID)?.displayName ?? exileID.rawValue
            say("\nPermission: would \(name) let you go to \(exileName)? (yes, no, or say on what conditions)")
            guard let line = readLine(strippingNewline: true) else { break }
            let answer = SessionCommands.trimmed(line)
            if answer.lowercased() == "stop" { stopped = true; break }
            switch answer.lowercased() {
            case "": continue
            case "y", "yes": answers.permissions.append(Permission(protector: id, exile: exileID, answer: .agrees))
            case "n", "no": answers.permissions.append(Permission(protector: id, exile: exileID, answer: .refuses))
            default: answers.permissions.append(Permission(protector: id, exile: exileID, answer: .conditions, note: answer))
            }
        }

        guard !answers.isEmpty else {
            say("\nNo answers, so nothing to save.")
            return
        }
        say("\nSave these answers to \(path) (\(name)'s fields and a session on \(date))? [Y/n]")
        let confirm = readLine(strippingNewline: true).map(SessionCommands.trimmed)?.lowercased() ?? ""
        guard confirm.isEmpty || confirm == "y" || confirm == "yes" else {
            say("Nothing was saved.")
            return
        }
        try save(answers, part: id, date: date, path: path)
        say("Saved to \(path).")
    }

    static func save(_ answers: Answers, part id: PartID, date: CalendarDate, path: String) throws(CommandError) {
        try MapFile.edit(path) { (map: inout SystemMap) throws(CommandError) in
            _ = try map.resolvePart(id.rawValue, spec)
            map.updatePart(id) { part in
                if let body = answers.body { part.fields.append(PartField(.body(body))) }
                if !answers.feelings.isEmpty { part.fields.append(PartField(.feelings(answers.feelings))) }
                if let age = answers.age {
                    if part.age == nil { part.setSingle(.age(age)) } else { part.fields.append(PartField(.note("Seemed \(age) on \(date)."))) }
                }
                if let job = answers.job { part.fields.append(PartField(.job(job))) }
                if let intent = answers.intent { part.fields.append(PartField(.intent(intent))) }
                if let fears = answers.fears { part.fields.append(PartField(.fears(fears))) }
            }
            for concerned in answers.concernedParts {
                guard map.part(concerned.id) == nil else { continue }
                let position = (map.items.lastIndex { if case .part = $0 { return true } else { return false } }).map { $0 + 1 }
                map.items.insert(.part(concerned), at: position ?? map.items.count)
            }
            var fields = [SessionField(.present([id] + answers.concernedParts.map(\.id)))]
            if let step = answers.furthest { fields.append(SessionField(.sixFs(part: id, step: step))) }
            for answer in answers.feelToward { fields.append(SessionField(.feelToward(FeelToward(part: id, answers: [answer])))) }
            for blending in answers.blended { fields.append(SessionField(.blended(blending))) }
            for permission in answers.permissions { fields.append(SessionField(.permission(permission))) }
            var note = "Explored \(id) with the 6 Fs (partsmap explore)."
            if !answers.feelToward.isEmpty { note += "\nFelt toward it: " + answers.feelToward.joined(separator: "; then ") + "." }
            fields.append(SessionField(.note(note)))
            map.items.append(.session(Session(date: date, title: "Exploring \(id)", fields: fields)))
        }
    }

    /// A part ID made from a name ("Worried One" → worried-one), unique in the map in any
    /// letter case (no `Worried` beside a `worried`).
    static func uniqueID(for name: String, avoiding used: Set<PartID>) -> PartID {
        var slug = ""
        for scalar in name.lowercased().unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, !slug.hasSuffix("-") {
                slug += "-"
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        if slug.isEmpty || PartID(slug) == nil { slug = "concerned" }
        slug = String(slug.prefix(56))
        var candidate = slug
        var number = 2
        while PartID(candidate) == nil || used.contains(where: { $0.rawValue.lowercased() == candidate }) {
            candidate = "\(slug)-\(number)"
            number += 1
        }
        return PartID(unchecked: candidate)
    }

    private static func say(_ text: String) {
        Console.output(text + "\n")
    }
}
