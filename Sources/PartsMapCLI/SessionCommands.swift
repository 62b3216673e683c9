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
            --feelings, --feel-toward, --blended, --permission and --field write the session's
            clinical records, read as map lines (format.md, section 9).
            Parts may be named by ID, in any letter case, or by display name ("The Fog=befriended").
            --edit opens $VISUAL or $EDITOR on a template; an empty note cancels. If partsmap is
            stopped (SIGHUP, SIGTERM) while the editor is open, the note as last saved is recorded.
            """,
        options: [
            .map,
            OptionSpec("--date", value: "YYYY-MM-DD", help: "The day (default: today)."),
            OptionSpec("--title", value: "TITLE", help: "A title, e.g. \"Session 12\"."),
            OptionSpec("--present", value: "IDS", help: "The parts that showed up, comma-separated (repeat)."),
            OptionSpec("--self", value: "RATINGS", help: "8 Cs ratings 0-10: calm=6,curiosity=7 (repeat)."),
            OptionSpec("--status", value: "ID=STATUS", help: "A status change: fog=befriended (repeat)."),
            OptionSpec("--feelings", value: "RATINGS", help: "A feelings check-in, 0-10: sadness=3,anger=1 (repeat)."),
            OptionSpec("--feel-toward", value: "ID=ANSWERS", help: "How you felt toward a part: fog=curious,open (repeat)."),
            OptionSpec("--blended", value: "ID=OUTCOME[:CONCERN]", help: "A part that blended: critic=stepped-back or critic=stayed:its worry (repeat)."),
            OptionSpec("--permission", value: "P:EXILE=ANSWER[:NOTE]", help: "A protector's answer: fog:little=agrees, refuses or conditions:NOTE (repeat)."),
            OptionSpec("--field", value: "LINE", help: "Any session field as written in the map: \"unburdening little: retrieval: the shed\" (repeat)."),
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
                note = String(decoding: try FileSystem.readBytes(at: file, limit: 8 * 1_048_576, regularOnly: false), as: UTF8.self)
            } catch {
                throw CommandError(.noInput, error.description)
            }
        }
        guard arguments.has("--edit") else {
            return try record(arguments, note: note.map(trimmed).flatMap { $0.isEmpty ? nil : $0 }, date: date)
        }
        // Words typed in the editor are never lost: recorded, or kept in a file we name.
        let mapPath = PartCommands.mapPath(arguments)
        let edited = try noteFromEditor(date: date, mapPath: mapPath)
        let stopped = edited.stoppedBy.map { " (partsmap was stopped by \(signalName($0)) while the editor was open)" } ?? ""
        if let typed = edited.note {
            // A hang-up now waits until the note is recorded, or kept.
            try SignalCleanup.deferringSignals { () throws(CommandError) in
                do throws(CommandError) {
                    try record(arguments, note: typed, date: date)
                } catch {
                    throw CommandError(error.code, error.message + stopped + "; " + keep(typed, date: date, mapPath: mapPath))
                }
            }
        } else {
            Console.message("empty note: nothing recorded" + stopped)
        }
        if let signal = edited.stoppedBy {
            if edited.note != nil { Console.message("recorded the note as the editor last saved it" + stopped) }
            SignalCleanup.stop(by: signal)
        }
    }

    /// Records the session `arguments` describe, with `note`.
    private static func record(_ arguments: ParsedArguments, note: String?, date: CalendarDate) throws(CommandError) {
        let spec = add
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
        // Parts are named as people type them (an ID in any case, or a display name) and
        // resolved against the map inside the edit (`SystemMap.resolvePart`); the map gets IDs.
        var statusWords: [(String, PartStatus)] = []
        for text in arguments.values["--status"] ?? [] {
            for item in spec.list(text) {
                let pieces = item.split(separator: "=", maxSplits: 1).map(String.init)
                guard pieces.count == 2 else { throw spec.usageError("'--status' takes ID=STATUS, e.g. --status fog=befriended") }
                statusWords.append((pieces[0], try spec.choice(pieces[1], PartStatus.self, what: "status")))
            }
        }
        let presentWords = (arguments.values["--present"] ?? []).flatMap { spec.list($0) }

        // The clinical records are written as map lines and read by the map reader: one set of
        // rules and messages (did-you-mean, ranges) for the map and the command line. A line
        // that names parts is made once the map has said which parts the words mean.
        var lines: [PartLine] = []
        for text in arguments.values["--feelings"] ?? [] {
            lines.append(PartLine("feelings: " + spec.list(text).map { $0.replacingEquals() }.joined(separator: ", ")))
        }
        for text in arguments.values["--feel-toward"] ?? [] {
            let (part, rest) = try pair(text, flag: "--feel-toward", example: "fog=curious")
            lines.append(PartLine(naming: part) { "feel-toward \($0): \(rest)" })
        }
        for text in arguments.values["--blended"] ?? [] {
            let (part, rest) = try pair(text, flag: "--blended", example: "critic=stepped-back")
            lines.append(PartLine(naming: part) { "blended \($0): " + rest.replacingFirstColon() })
        }
        for text in arguments.values["--permission"] ?? [] {
            let (ends, rest) = try pair(text, flag: "--permission", example: "fog:little=agrees")
            let pieces = ends.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard pieces.count == 2 else { throw spec.usageError("'--permission' takes PROTECTOR:EXILE=ANSWER, e.g. fog:little=agrees") }
            lines.append(PartLine(naming: pieces[0], pieces[1]) { "permission \($0) for \($1): " + rest.replacingFirstColon() })
        }
        lines += (arguments.values["--field"] ?? []).map { PartLine($0) }

        try MapFile.edit(PartCommands.mapPath(arguments)) { (map: inout SystemMap) throws(CommandError) in
            let present = try map.partIDs(presentWords, spec)
            var statusChanges: [(PartID, PartStatus)] = []
            for (word, status) in statusWords { statusChanges.append((try map.partID(word, spec), status)) }
            var records: [SessionField] = []
            for partLine in lines {
                let line = try partLine.text(in: map, spec)
                switch MapParser.sessionField(line, parts: map.parts.map(\.id)) {
                case .success(let value): records.append(SessionField(value))
                case .failure(let problem): throw spec.usageError("'\(line)': \(problem.message)")
                }
            }
            var fields: [SessionField] = []
            if !present.isEmpty { fields.append(SessionField(.present(present))) }
            if !ratings.isEmpty { fields.append(SessionField(.selfEnergy(ratings))) }
            for (id, status) in statusChanges {
                let from = map.part(id)?.status
                fields.append(SessionField(.statusChange(StatusChange(part: id, from: from == status ? nil : from, to: status))))
                map.updatePart(id) { $0.setSingle(.status(status)) }
            }
            fields += records
            for homework in arguments.values["--homework"] ?? [] { fields.append(SessionField(.homework(homework))) }
            if let note { fields.append(SessionField(.note(note))) }
            let title = arguments.value("--title")
            if map.sessions.contains(where: { $0.date == date && $0.title == title }) {
                throw CommandError(.dataError, "the map already has the session of \(date)" + (title.map { " (\($0))" } ?? "")
                                   + "; change it with 'partsmap session edit \(date)', or give this one another --title")
            }
            insertInDateOrder(Session(date: date, title: title, fields: fields), into: &map)
        }
        Console.message("recorded the session of \(date)")
    }

    /// A map line typed on the command line that names up to two parts in people's words; its
    /// text is made once the map has resolved the words to IDs.
    struct PartLine {
        private var words: [String] = []
        private var make: (PartID, PartID) -> String

        init(_ line: String) { make = { _, _ in line } }
        init(naming part: String, _ make: @escaping (PartID) -> String) {
            words = [part]
            self.make = { first, _ in make(first) }
        }
        init(naming first: String, _ second: String, _ make: @escaping (PartID, PartID) -> String) {
            words = [first, second]
            self.make = make
        }

        func text(in map: SystemMap, _ spec: CommandSpec) throws(CommandError) -> String {
            var ids: [PartID] = []
            for word in words { ids.append(try map.partID(word, spec)) }
            let none = PartID(unchecked: "")
            return make(ids.first ?? none, ids.dropFirst().first ?? none)
        }
    }

    /// `ID=REST` split at the first `=`.
    private static func pair(_ text: String, flag: String, example: String) throws(CommandError) -> (String, String) {
        let pieces = text.split(separator: "=", maxSplits: 1).map(String.init)
        guard pieces.count == 2 else { throw add.usageError("'\(flag)' takes \(example)") }
        return (pieces[0], pieces[1])
    }

    /// Puts a session after the last one dated on or before it (before any later one), so the
    /// log stays in date order whatever order sessions are recorded in.
    static func insertInDateOrder(_ session: Session, into map: inout SystemMap) {
        var position: Int?
        var firstLater: Int?
        for (index, item) in map.items.enumerated() {
            guard case .session(let other) = item else { continue }
            if other.date <= session.date { position = index + 1 } else if firstLater == nil { firstLater = index }
        }
        map.items.insert(.session(session), at: position ?? firstLater ?? map.items.count)
    }

    /// The index in `map.items` of the one session `date` (and `title`, when given) names.
    static func sessionIndex(_ map: SystemMap, date: CalendarDate, title: String?) throws(CommandError) -> Int {
        let matches = map.items.indices.filter { index in
            guard case .session(let session) = map.items[index], session.date == date else { return false }
            return title == nil || session.title == title
        }
        guard let first = matches.first else {
            let onDate = map.sessions.filter { $0.date == date }.compactMap(\.title)
            throw CommandError(.dataError, "no session on \(date)" + (title.map { " titled '\($0)'" } ?? "")
                               + (onDate.isEmpty ? "; see 'partsmap session list'" : "; that day has: " + onDate.joined(separator: ", ")))
        }
        guard matches.count == 1 else {
            throw CommandError(.dataError, "\(matches.count) sessions on \(date); say which with --title")
        }
        return first
    }

    static let remove = CommandSpec(
        name: "session rm",
        summary: "Remove a session, by its date (and title, when a day has several).",
        synopsis: "DATE [--title TITLE]",
        options: [.map, OptionSpec("--title", value: "TITLE", help: "The session's title, when a day has several.")],
        examples: [("partsmap session rm 2026-11-19", "Remove that day's session."),
                   ("partsmap session rm 2026-11-19 --title \"Session 12\"", "One of two sessions that day.")])

    static func runRemove(_ arguments: ParsedArguments) throws(CommandError) {
        guard let text = arguments.positionals.first else { throw remove.usageError("say which session: its date") }
        let date = try remove.date(text)
        try MapFile.edit(PartCommands.mapPath(arguments)) { (map: inout SystemMap) throws(CommandError) in
            map.items.remove(at: try sessionIndex(map, date: date, title: arguments.value("--title")))
        }
        Console.message("removed the session of \(date)")
    }

    static let edit = CommandSpec(
        name: "session edit",
        summary: "Change a session's date, title, parts present or note.",
        synopsis: "DATE [--which TITLE] [--date NEW] [--title NEW] [--present IDS] [--note TEXT]",
        discussion: "The other lines of the session stay as they are. A new date moves the session into date order.",
        options: [
            .map,
            OptionSpec("--which", value: "TITLE", help: "The session's current title, when a day has several."),
            OptionSpec("--date", value: "YYYY-MM-DD", help: "Its new date."),
            OptionSpec("--title", value: "TITLE", help: "Its new title."),
            OptionSpec("--present", value: "IDS", help: "The parts that showed up, comma-separated (replaces the list; repeat)."),
            OptionSpec("--note", value: "TEXT", help: "Its new note (replaces the note)."),
        ],
        examples: [("partsmap session edit 2026-11-19 --title \"Session 12\" --note \"The fog lifted.\"", "Retitle and rewrite the note.")])

    static func runEdit(_ arguments: ParsedArguments) throws(CommandError) {
        guard let text = arguments.positionals.first else { throw edit.usageError("say which session: its date") }
        let date = try edit.date(text)
        let newDate = try arguments.value("--date").map { (value: String) throws(CommandError) in try edit.date(value) }
        let note = arguments.value("--note").map(trimmed)
        try MapFile.edit(PartCommands.mapPath(arguments)) { (map: inout SystemMap) throws(CommandError) in
            let index = try sessionIndex(map, date: date, title: arguments.value("--which"))
            guard case .session(var session) = map.items[index] else { return }
            if let title = arguments.value("--title") { session.title = title.isEmpty ? nil : title }
            if let words = arguments.values["--present"] {
                let present = try map.partIDs(words.flatMap { edit.list($0) }, edit)
                let at = session.fields.firstIndex { if case .present = $0.value { return true } else { return false } }
                session.fields.removeAll { if case .present = $0.value { return true } else { return false } }
                if !present.isEmpty { session.fields.insert(SessionField(.present(present)), at: min(at ?? 0, session.fields.count)) }
            }
            if let note {
                let at = session.fields.firstIndex { if case .note = $0.value { return true } else { return false } }
                session.fields.removeAll { if case .note = $0.value { return true } else { return false } }
                if !note.isEmpty { session.fields.insert(SessionField(.note(note)), at: min(at ?? session.fields.count, session.fields.count)) }
            }
            if let newDate, newDate != session.date {
                session.date = newDate
                map.items.remove(at: index)
                insertInDateOrder(session, into: &map)
            } else {
                map.items[index] = .session(session)
            }
        }
        Console.message("changed the session of \(date)")
    }

    static func trimmed(_ text: String) -> String {
        var scalars = Substring(text).unicodeScalars[...]
        while let first = scalars.first, first == " " || first == "\n" || first == "\t" || first == "\r" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\n" || last == "\t" || last == "\r" { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }

    /// Writes a note that could not be recorded to a new private file beside the map, and says
    /// where it is and how to record it.
    static func keep(_ note: String, date: CalendarDate, mapPath: String) -> String {
        let base = FileSystem.editTarget(mapPath)
        var path = base + ".note-\(date).txt"
        var number = 2
        while FileSystem.exists(path) {
            path = base + ".note-\(date)-\(number).txt"
            number += 1
        }
        do {
            try FileSystem.writeAtomically(note + "\n", to: path)
        } catch {
            return "the note could not be kept either (\(error.description)); here it is:\n" + TerminalText.visible(note)
        }
        return "your note is kept in \(path): record it with 'partsmap session add --date \(date) --note-file \(path)'"
    }

    static func signalName(_ signal: Int32) -> String {
        switch signal {
        case SIGHUP: "SIGHUP"
        case SIGTERM: "SIGTERM"
        default: "signal \(signal)"
        }
    }

    /// Opens the person's editor on a private temporary file; returns the note (nil if empty),
    /// and the signal (SIGHUP, SIGTERM) that stopped the editor, if one did: what the editor
    /// had saved by then is the note (`Subprocess.runEditor`).
    static func noteFromEditor(date: CalendarDate, mapPath: String) throws(CommandError) -> (note: String?, stoppedBy: Int32?) {
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
        // The note file holds private words: it is removed however partsmap ends (a hang-up
        // included), and a later 'session add --edit' removes one a SIGKILL left behind.
        let file: (descriptor: Int32, path: String)
        do {
            file = try FileSystem.makeTemporaryFile(beside: FileSystem.editTarget(mapPath) + ".note")
        } catch {
            throw CommandError(.cannotCreate, error.description)
        }
        SignalCleanup.remove(file.path)
        defer {
            unlink(file.path)
            SignalCleanup.forget(file.path)
            close(file.descriptor)
        }
        do {
            try FileSystem.writeAll(Array(template.utf8), to: file.descriptor, path: file.path)
        } catch {
            throw CommandError(.cannotCreate, error.description)
        }
        let result = Subprocess.runEditor(executable, Array(words.dropFirst()) + [file.path])
        let bytes: [UInt8]
        do { bytes = try FileSystem.readBytes(at: file.path) } catch { throw CommandError(.noInput, error.description) }
        let text = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("#") }.joined(separator: "\n")
        let note = trimmed(text)
        guard result.termination == .exited(0) || result.stoppedBy != nil else {
            throw CommandError(.software, "the editor did not finish cleanly; nothing recorded"
                               + (note.isEmpty ? "" : "; " + keep(note, date: date, mapPath: mapPath)))
        }
        return (note.isEmpty ? nil : note, result.stoppedBy)
    }

    static let list = CommandSpec(
        name: "session list",
        summary: "List the sessions: date, title, parts present, Self-energy.",
        synopsis: "[MAP] [--map PATH]",
        options: [.map],
        examples: [("partsmap session list", "The session log at a glance.")])

    static func runList(_ arguments: ParsedArguments) throws(CommandError) {
        let map = try MapFile.load(MapFile.path(from: arguments)).map
        let rows = map.sessions.enumerated().map { index, session in
            [String(index + 1), session.date.description, session.title ?? "-",
             session.present.map(\.rawValue).joined(separator: ", "), selfEnergySummary(session.selfEnergy)]
        }
        Console.show(table(["#", "DATE", "TITLE", "PRESENT", "SELF-ENERGY"], rows))
    }

    static func selfEnergySummary(_ ratings: [QualityRating<SelfQuality>]) -> String {
        guard !ratings.isEmpty else { return "-" }
        if ratings.count == 1, let only = ratings.first { return "\(only.quality.rawValue) \(only.score)" }
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
        Console.show(chosen.map { describe($0, names: names) }.joined(separator: "\n"))
    }

    static func describe(_ session: Session, names: [PartID: String]) -> String {
        func name(_ id: PartID) -> String { names[id].map { "\($0) (\(id))" } ?? id.rawValue }
        var lines = ["Session of \(session.date)" + (session.title.map { ": " + $0 } ?? "")]
        for field in session.fields {
            switch field.value {
            case .homework(let text): lines.append("Homework: " + text)
            case .note(let text):
                lines.append("Note:\n  " + TextLines.normalized(text).split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n  "))
            case .custom(let key, let value): lines.append("\(key): \(value)")
            default: if let sentence = field.value.sentence(name) { lines.append(sentence) }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

private extension String {
    /// `sadness=3` → `sadness 3`.
    func replacingEquals() -> String {
        split(separator: "=", maxSplits: 1).joined(separator: " ")
    }

    /// `stayed:its worry` → `stayed: its worry`.
    func replacingFirstColon() -> String {
        let pieces = split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        return pieces.count == 2 ? pieces[0] + ": " + pieces[1] : self
    }
}
