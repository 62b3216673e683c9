import PartsMap
/// Turning command-line words into model values, with errors that say what was expected.
extension CommandSpec {

    func partID(_ text: String) throws(CommandError) -> PartID {
        if PartID.reservedWords.contains(text) {
            throw usageError("'\(text)' is a word of the map format and cannot be a part ID")
        }
        guard let id = PartID(text) else {
            throw usageError("'\(text)' is not a valid part ID: use letters, digits, '-' and '_', starting with a letter or digit")
        }
        return id
    }

    func choice<Choice: RawRepresentable & CaseIterable>(_ text: String, _ type: Choice.Type, what: String) throws(CommandError)
        -> Choice where Choice.RawValue == String {
        if let value = Choice(rawValue: text) { return value }
        let names = Choice.allCases.map(\.rawValue)
        throw usageError(Suggestions.unknown(what, text, in: names, otherwise: "use one of \(names.joined(separator: ", "))"))
    }

    func date(_ text: String) throws(CommandError) -> CalendarDate {
        guard let date = CalendarDate(text) else { throw usageError("'\(text)' is not a date; write YYYY-MM-DD, e.g. 2026-11-19") }
        return date
    }

    /// `KIND[ STATE][ FORM][ from WHO, WHO]:TEXT` (or the older `KIND:STATE:TEXT`) for `--burden`.
    func burden(_ text: String) throws(CommandError) -> Burden {
        switch PartFieldSpec.burden(fromText: text) {
        case .success(let burden): return burden
        case .failure(let problem): throw usageError("'--burden' " + problem.message)
        }
    }

    /// Comma-separated words, trimmed.
    func list(_ text: String) -> [String] {
        text.split(separator: ",").map { String($0.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()) }
            .filter { !$0.isEmpty }
    }
}

extension SystemMap {
    /// The part `text` names, as people type it: its ID in any letter case (`FOG` is `fog`), or
    /// else the display name of exactly one part (`"The Fog"`, any letter case). Every command
    /// that takes a part resolves it here, and writes the part's own ID into the map. Text that
    /// fits several parts is an error listing them; text that fits none points at the part
    /// probably meant (the closest ID or name).
    func resolvePart(_ text: String, _ spec: CommandSpec? = nil) throws(CommandError) -> Part {
        if let id = PartID(text), let part = part(id) { return part }
        let folded = text.lowercased()
        let sameID = parts.filter { $0.id.rawValue.lowercased() == folded }
        let named = sameID.isEmpty ? parts.filter { $0.name?.lowercased() == folded } : []
        let candidates = sameID.isEmpty ? named : sameID
        if candidates.count == 1, let only = candidates.first { return only }
        if candidates.count > 1 {
            let what = sameID.isEmpty ? "the name of" : "the ID, in other letter case, of"
            throw CommandError(.dataError, "'\(text)' is \(what) \(candidates.count) parts ("
                               + candidates.map(\.id.rawValue).joined(separator: ", ") + "); name one by its exact ID")
        }
        let known = parts.map(\.id.rawValue)
        let names = Dictionary(parts.compactMap { part in part.name.map { ($0, part.id.rawValue) } }, uniquingKeysWith: { first, _ in first })
        if let close = Suggestions.closest(to: text, in: known + Array(names.keys)) {
            let id = names[close] ?? close
            let hint = names[close] == nil ? "'\(id)'" : "'\(id)' (\(close))"
            throw CommandError(.dataError, "unknown part '\(text)'; did you mean \(hint)?")
        }
        let what = PartID(text) == nil ? "'\(text)' is neither a part ID nor a part's name" : "unknown part '\(text)'"
        throw CommandError(.dataError, what + "; the map's parts are " + (known.isEmpty ? "none yet" : known.joined(separator: ", ")))
    }

    /// The ID of the part `text` names (`resolvePart`).
    func partID(_ text: String, _ spec: CommandSpec? = nil) throws(CommandError) -> PartID {
        try resolvePart(text, spec).id
    }

    /// The IDs of the parts `words` name, each once, in the order first named.
    func partIDs(_ words: [String], _ spec: CommandSpec? = nil) throws(CommandError) -> [PartID] {
        var ids: [PartID] = []
        for word in words {
            let id = try partID(word, spec)
            if !ids.contains(id) { ids.append(id) }
        }
        return ids
    }

    /// A part whose ID differs from `id` only in letter case: two such IDs would be confused.
    func caseTwin(of id: PartID) -> Part? {
        parts.first { $0.id != id && $0.id.rawValue.lowercased() == id.rawValue.lowercased() }
    }
}

/// The text of a table: columns padded to their widest cell.
func table(_ header: [String], _ rows: [[String]]) -> String {
    // One line per row, whatever a cell holds: breaks and control characters shown visibly.
    let all = [header] + rows.map { $0.map { TerminalText.visible($0, singleLine: true) } }
    var widths = [Int](repeating: 0, count: header.count)
    for row in all { for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) } }
    return all.map { row in
        row.enumerated().map { column, cell in
            column == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] - cell.count)
        }.joined(separator: "  ")
    }.joined(separator: "\n") + "\n"
}
