import PartsMap
/// `partsmap history` and `partsmap journey`: how the map, and one part, changed over time.
enum HistoryCommands {
    static let history = CommandSpec(
        name: "history",
        summary: "One line per commit that touched the map: date, commit, message, what changed.",
        synopsis: "[MAP] [--limit N]",
        discussion: "Reads git with one 'git log' and one 'git cat-file --batch', however long the history.",
        options: [.map, OptionSpec("--limit", value: "N", help: "Only the last N commits.")],
        examples: [("partsmap history", "The map's story, one commit per line.")])

    /// Each commit that touched the map, oldest first, with the map after it and before it
    /// (at its first parent; empty where the map did not exist). One `git log`, one
    /// `git cat-file --batch` for all of them.
    static func versions(of path: String, limit: Int?) throws(CommandError)
        -> [(commit: GitRepository.Commit, before: SystemMap, map: SystemMap)] {
        let repository = try MapVersion.repository(for: path)  // the command line's own message outside git
        // A fresh workbook: no commits yet, so no history (not a git error).
        guard repository.isCommit("HEAD") else { return [] }
        do {
            return try MapHistory.versions(of: path, limit: limit).map { ($0.commit, $0.before, $0.map) }
        } catch {
            throw CommandError(error)
        }
    }

    static func runHistory(_ arguments: ParsedArguments) throws(CommandError) {
        let path = MapFile.path(from: arguments)
        var limit: Int?
        if let text = arguments.value("--limit") {
            guard let number = Int(text), number > 0 else { throw history.usageError("'--limit' needs a positive number") }
            limit = number
        }
        let versions = try versions(of: path, limit: limit)
        let lines = versions.map { version in
            "\(version.commit.date)  \(version.commit.shortHash)  \(version.commit.subject)  —  "
                + DiffReport(MapDiff(from: version.before, to: version.map)).summary
        }
        Console.show(lines.reversed().map { TerminalText.visible($0, singleLine: true) }.joined(separator: "\n") + (lines.isEmpty ? "" : "\n"))  // newest first, like git log
        if lines.isEmpty { Console.message("no commits touch \(path) yet; \(MapVersion.firstCommitHint(path))") }
    }

    static let journey = CommandSpec(
        name: "journey",
        summary: "One part's story: when it appeared, status changes, burdens, relationships.",
        synopsis: "ID [MAP]",
        discussion: "Uses the session log and, when the map is in git, every commit that touched it.",
        options: [.map],
        maximumPositionals: 2,
        examples: [("partsmap journey fog", "The Fog's journey from first noticed to now.")])

    static func runJourney(_ arguments: ParsedArguments) throws(CommandError) {
        guard let idText = arguments.positionals.first else { throw journey.usageError("say which part") }
        let path = arguments.positionals.count > 1 ? arguments.positionals[1] : (arguments.value("--map") ?? "map.parts")
        let current = try MapFile.load(path).map
        var events: [String] = []
        var versions: [(commit: GitRepository.Commit, before: SystemMap, map: SystemMap)] = []
        if let repository = try? GitRepository(folder: FileSystem.directory(of: path)), repository.isRepository {
            versions = try self.versions(of: path, limit: nil)
        }
        // A part of today's map as people name it, or the exact ID of one removed since.
        let id: PartID
        do {
            id = try current.partID(idText, journey)
        } catch {
            guard let past = PartID(idText), versions.contains(where: { $0.map.part(past) != nil }) else { throw error }
            id = past
        }
        for version in versions {
            let when = "\(version.commit.date) (\(version.commit.shortHash) \(version.commit.subject))"
            let diff = MapDiff(from: version.before, to: version.map)
            if let part = diff.addedParts.first(where: { $0.id == id }) {
                events.append("\(when): first recorded as \(part.displayName), \(part.role.rawValue)"
                              + (part.status.map { ", \($0.rawValue)" } ?? ""))
            }
            if diff.removedParts.contains(where: { $0.id == id }) { events.append("\(when): removed from the map") }
            if let change = diff.changedParts.first(where: { $0.id == id }) {
                if let name = change.name { events.append("\(when): renamed \(name.old ?? "–") → \(name.new ?? "–")") }
                for field in change.fields where ["role", "status", "age", "self-like"].contains(field.key) {
                    events.append("\(when): \(field.key) \(field.old.first ?? "–") → \(field.new.first ?? "–")")
                }
                for burden in change.burdens {
                    let state = burden.new.map { $0 == .carried ? "recorded" : $0.rawValue } ?? "no longer recorded"
                    events.append("\(when): \(burden.description) \(state)")
                }
            }
            for relationship in diff.addedRelationships where relationship.involves(id) {
                events.append("\(when): gained relationship \(DiffReport.describe(relationship))")
            }
            for relationship in diff.removedRelationships where relationship.involves(id) {
                events.append("\(when): lost relationship \(DiffReport.describe(relationship))")
            }
        }
        let sessionEvents = current.sessions.flatMap { session -> [String] in
            let when = "session \(session.date)" + (session.title.map { " (\($0))" } ?? "")
            return session.fields.compactMap { field -> String? in
                switch field.value {
                case .statusChange(let change) where change.part == id:
                    return "\(when): status " + (change.from.map { "\($0.rawValue) → " } ?? "→ ") + change.to.rawValue
                        + (change.note.map { " (\($0))" } ?? "")
                case .sixFs(let part, let step) where part == id: return "\(when): 6 Fs reached \(step.rawValue)"
                case .unburdening(let record) where record.part == id:
                    return "\(when): unburdening " + (record.progress == .done ? "reached " : "began ") + record.step.rawValue
                        + (record.detail.map { " (\(record.detailLabel): \($0))" } ?? "")
                case .roleChange(let change) where change.part == id: return "\(when): new role: \(change.from) → \(change.to)"
                case .permission, .feelToward, .blended, .intensity:
                    guard field.value.partReferences.contains(id) else { return nil }
                    return "\(when): " + (field.value.sentence { current.part($0)?.displayName ?? $0.rawValue } ?? "")
                case .present(let ids) where ids.contains(id): return "\(when): present"
                default: return nil
                }
            }
        }
        let name = current.part(id)?.displayName ?? versions.last(where: { $0.map.part(id) != nil })?.map.part(id)?.displayName ?? id.rawValue
        var out = "\(name) (\(id))\n"
        if !events.isEmpty { out += "\nIn the map's history:\n" + events.map { "  " + $0 }.joined(separator: "\n") + "\n" }
        if !sessionEvents.isEmpty { out += "\nIn the session log:\n" + sessionEvents.map { "  " + $0 }.joined(separator: "\n") + "\n" }
        if events.isEmpty && sessionEvents.isEmpty {
            out += "\nNo history yet: \(MapVersion.firstCommitHint(path)), and again after sessions, to build one.\n"
        }
        if let trend = FeelingsTrend(map: current) {
            out += "\nFeelings check-ins (\(trend.sessions.first.map(String.init(describing:)) ?? "") to "
                + "\(trend.sessions.last.map(String.init(describing:)) ?? ""), 0-10; feelings reachable: "
                + trend.reachable.map(String.init).joined(separator: " → ") + "):\n"
                + trend.lines.map { "  " + $0 }.joined(separator: "\n") + "\n"
        }
        Console.show(out)
    }
}
