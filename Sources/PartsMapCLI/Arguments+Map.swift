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

    /// `KIND:TEXT` or `KIND:STATE:TEXT` for `--burden`.
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
    /// Fails with a suggestion when `id` is not a part of this map.
    func requirePart(_ id: PartID, _ spec: CommandSpec) throws(CommandError) -> Part {
        if let part = part(id) { return part }
        let known = parts.map(\.id.rawValue)
        throw CommandError(.dataError, Suggestions.unknown("part", id.rawValue, in: known,
                                                           otherwise: "the map's parts are \(known.isEmpty ? "none yet" : known.joined(separator: ", "))"))
    }
}

/// The text of a table: columns padded to their widest cell.
func table(_ header: [String], _ rows: [[String]]) -> String {
    let all = [header] + rows
    var widths = [Int](repeating: 0, count: header.count)
    for row in all { for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) } }
    return all.map { row in
        row.enumerated().map { column, cell in
            column == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] - cell.count)
        }.joined(separator: "  ")
    }.joined(separator: "\n") + "\n"
}
