import PartsMap
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `partsmap session add|list|show`: the session log.
enum SessionCommands {
    static let add = CommandSpec(
        name: "session add",
        summary: "Record a session: who came, Self-energy, status changes, notes.",
        synopsis: "[--date YYYY-MM-DD] [--title T] [--present a,b] [--self calm=6,...] [--status ID=STATUS] [--note T | --note-file F | --edit]",
        discussion: """
            --status also updates the part's own status line, so the map and the log agree.
            --edit opens $VISUAL or $EDITOR on a template; an empty note cancels.
            """,
        options: [
            .map,
            OptionSpec("--date", value: "YYYY-MM-DD", help: "The day (default: today)."),
            OptionSpec("--title", value: "TITLE", help: "A title, e.g. \"Session 12\"."),
            OptionSpec("--present", value: "IDS", help: "The parts that showed up, comma-separated (repeat)."),
            OptionSpec("--self", value: "RATINGS", help: "8 Cs ratings 0-10: calm=6,curiosity=7 (repeat)."),
            OptionSpec("--status", value: "ID=STATUS", help: "A status change: fog=befriended (repeat)."),
            OptionSpec("--homework", value: "TEXT", help: "Homework until next time (repeat)."),
            OptionSpec("--note", value: "TEXT", help: "The session note."),
            OptionSpec("--note-file", value: "FILE", help: "Read the note from a file."),
            OptionSpec("--edit", help: "Write the note in $VISUAL / $EDITOR."),
        ],
        maximumPositionals: 0,
        examples: [
            ("partsmap session add --title \"Session 12\" --present fog,little --self calm=6,curiosity=7 --status fog=trusting --note \"The fog softened.\"",
             "Today's session."),
            ("partsmap session add --date 2026-11-19 --edit", "Write the note in your editor."),
        ])

    static func runAdd(_ arguments: ParsedArguments) throws(CommandError) {
        let spec = add
        let date = try arguments.value("--date").map { (text: String) throws(CommandError) in try spec.date(text) } ?? CalendarDate.today()
        let noteSources = ["--note", "--note-file", "--edit"].filter { arguments.values[$0] != nil || arguments.has($0) }
        if noteSources.count > 1 { throw spec.usageError("give only one of --note, --note-file and --edit") }
        var note = arguments.value("--note")
        if let file = arguments.value("--note-file") {
            do {
                note = String(decoding: try FileSystem.readBytes(at: file, limit: 8 * 1_048_576), as: UTF8.self)
            } catch {
                throw CommandError(.noInput, error.description)
            }
        }
        if arguments.has("--edit") {
            note = try noteFromEditor(date: date, mapPath: PartCommands.mapPath(arguments))
            if note == nil {
                Console.message("empty note: nothing recorded")
                return
            }
        }
        note = note.map(trimmed).flatMap { $0.isEmpty ? nil : $0 }

        var ratings: [QualityRating<SelfQuality>] = []
        for text in arguments.values["--self"] ?? [] {
            for item in spec.list(text) {
                let pieces = item.split(separator: "=", maxSplits: 1).map(String.init)
                guard pieces.count == 2, let score = Int(pieces[1]) else {
                    throw spec.usageError("'--self' takes QUALITY=SCORE pairs, e.g. --self calm=6,curiosity=7")
                }
                let quality = try spec.choice(pieces[0], SelfQuality.self, what: "Self quality")
                guard QualityRating<SelfQuality>.expectedRange.contains(score) else {
                    throw spec.usageError("'\(item)': ratings run from 0 to 10")
                }
                ratings.removeAll { $0.quality == quality }
                ratings.append(QualityRating(quality, score))
            }
        }
        var statusChanges: [(PartID, PartStatus)] = []
        for text in arguments.values["--status"] ?? [] {
            for item in spec.list(text) {
                let pieces = item.split(separator: "=", maxSplits: 1).map(String.init)
                guard pieces.count == 2 else { throw spec.usageError("'--status' takes ID=STATUS, e.g. --status fog=befriended") }
                statusChanges.append((try spec.partID(pieces[0]), try spec.choice(pieces[1], PartStatus.self, what: "status")))
            }
        }
        var present: [PartID] = []
        for text in arguments.values["--present"] ?? [] {
            for item in spec.list(text) where !present.contains(try spec.partID(item)) { present.append(try spec.partID(item)) }
        }

        try MapFile.edit(PartCommands.mapPath(arguments)) { (map: inout SystemMap) throws(CommandError) in
            for id in present + statusChanges.map(\.0) { _ = try map.requirePart(id, spec) }
            var fields: [SessionField] = []
            if !present.isEmpty { fields.append(SessionField(.present(present))) }
            if !ratings.isEmpty { fields.append(SessionField(.selfEnergy(ratings))) }
            for (id, status) in statusChanges {
                let from = map.part(id)?.status
                fields.append(SessionField(.statusChange(StatusChange(part: id, from: from == status ? nil : from, to: status))))
                map.updatePart(id) { $0.setSingle(.status(status)) }
            }
            for homework in arguments.values["--homework"] ?? [] { fields.append(SessionField(.homework(homework))) }
            if let note { fields.append(SessionField(.note(note))) }
            map.items.append(.session(Session(date: date, title: arguments.value("--title"), fields: fields)))
        }
        Console.message("recorded the session of \(date)")
    }

    static func trimmed(_ text: String) -> String {
        var scalars = Substring(text).unicodeScalars[...]
        while let first = scalars.first, first == " " || first == "\n" || first == "\t" || first == "\r" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\n" || last == "\t" || last == "\r" { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }

    /// Opens the person's editor on a private temporary file; returns the note, or nil if empty.
    static func noteFromEditor(date: CalendarDate, mapPath: String) throws(CommandError) -> String? {
        let editorCommand = environmentValue("VISUAL").flatMap { $0.isEmpty ? nil : $0 }
            ?? environmentValue("EDITOR").flatMap { $0.isEmpty ? nil : $0 } ?? "vi"
        let words = editorCommand.split(separator: " ").map(String.init)
        guard let program = words.first, let executable = ExecutableSearch.find(program) else {
            throw CommandError(.unavailable, "cannot find the editor '\(editorCommand)'; set $VISUAL or $EDITOR, or use --note")
        }
        let template = """
            # Note for the session of \(date). Lines starting with # are left out.
            # Write what happened, what changed, what to remember; save and close to record it.
            # An empty note records nothing.


            """
        let file: (descriptor: Int32, path: String)
        do {
            file = try FileSystem.makeTemporaryFile(beside: mapPath + ".note")
            close(file.descriptor)
            try FileSystem.writeAtomically(template, to: file.path)
        } catch {
            throw CommandError(.cannotCreate, error.description)
        }
        defer { unlink(file.path) }
        let result = Subprocess.runAttached(executable, Array(words.dropFirst()) + [file.path])
        guard result == .exited(0) else { throw CommandError(.software, "the editor did not finish cleanly; nothing recorded") }
        let bytes: [UInt8]
        do { bytes = try FileSystem.readBytes(at: file.path) } catch { throw CommandError(.noInput, error.description) }
        let text = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("#") }.joined(separator: "\n")
        let note = trimmed(text)
        return note.isEmpty ? nil : note
    }

    static let list = CommandSpec(
        name: "session list",
        summary: "List the sessions: date, title, parts present, Self-energy.",
        synopsis: "[--map PATH]",
        options: [.map],
        maximumPositionals: 0,
        examples: [("partsmap session list", "The session log at a glance.")])

    static func runList(_ arguments: ParsedArguments) throws(CommandError) {
        let map = try MapFile.load(PartCommands.mapPath(arguments)).map
        let rows = map.sessions.enumerated().map { index, session in
            [String(index + 1), session.date.description, session.title ?? "-",
             session.present.map(\.rawValue).joined(separator: ", "), selfEnergySummary(session.selfEnergy)]
        }
        Console.output(table(["#", "DATE", "TITLE", "PRESENT", "SELF-ENERGY"], rows))
    }

    static func selfEnergySummary(_ ratings: [QualityRating<SelfQuality>]) -> String {
        guard !ratings.isEmpty else { return "-" }
        let total = ratings.reduce(0) { $0 + $1.score }
        let tenths = (total * 10 + ratings.count / 2) / ratings.count
        return "mean \(tenths / 10).\(tenths % 10) of \(ratings.count) Cs"
    }

    static let show = CommandSpec(
        name: "session show",
        summary: "Show a session in full, by date or by number (1 is the first).",
        synopsis: "DATE|N",
        options: [.map],
        examples: [("partsmap session show 2026-11-19", "That day's session."), ("partsmap session show 3", "The third session.")])

    static func runShow(_ arguments: ParsedArguments) throws(CommandError) {
        guard let which = arguments.positionals.first else { throw show.usageError("say which session: a date or a number") }
        let map = try MapFile.load(PartCommands.mapPath(arguments)).map
        let sessions = map.sessions
        var chosen: [Session]
        if let number = Int(which) {
            guard number >= 1, number <= sessions.count else {
                throw CommandError(.dataError, "there is no session \(number); the map has \(sessions.count)")
            }
            chosen = [sessions[number - 1]]
        } else {
            let date = try show.date(which)
            chosen = sessions.filter { $0.date == date }
            if chosen.isEmpty { throw CommandError(.dataError, "no session on \(date)") }
        }
        let names = Dictionary(map.parts.map { ($0.id, $0.displayName) }, uniquingKeysWith: { first, _ in first })
        Console.output(chosen.map { describe($0, names: names) }.joined(separator: "\n"))
    }

    static func describe(_ session: Session, names: [PartID: String]) -> String {
        func name(_ id: PartID) -> String { names[id].map { "\($0) (\(id))" } ?? id.rawValue }
        var lines = ["Session of \(session.date)" + (session.title.map { ": " + $0 } ?? "")]
        for field in session.fields {
            switch field.value {
            case .homework(let text): lines.append("Homework: " + text)
            case .note(let text): lines.append("Note:\n  " + text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n  "))
            case .custom(let key, let value): lines.append("\(key): \(value)")
            default: if let sentence = field.value.sentence(name) { lines.append(sentence) }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
