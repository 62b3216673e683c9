/// Writes a `SystemMap` as canonical `.parts` text.
///
/// Canonical means: two-space indentation for fields, four for text blocks, one blank line
/// around blocks, and quotes only where bare text would read back differently (beliefs and
/// burdens, the part's own words, are always quoted). Order and comments are the person's own
/// and are kept. Printing is deterministic, and `MapParser.parse(MapPrinter.print(map)).map == map`
/// for every valid map.
public enum MapPrinter {
    /// The map as canonical `.parts` text, ending with a newline.
    public static func print(_ map: SystemMap) -> String {
        var lines = headerLines(map.headerComments)
        var previous: MapItem?
        for item in map.items {
            if needsBlankLine(before: item, after: previous) { lines.append("") }
            lines += self.lines(for: item)
            previous = item
        }
        lines += closingLines(map.closingComments)
        return lines.joined(separator: "\n") + "\n"
    }

    /// The comments above the version line and the line itself.
    static func headerLines(_ comments: Comments) -> [String] {
        commentLines(comments.leading, indent: "") + ["partsmap \(SystemMap.formatVersion)" + trailing(comments.trailing)]
    }

    static func closingLines(_ comments: [String]) -> [String] {
        comments.isEmpty ? [] : [""] + commentLines(comments, indent: "")
    }

    /// One-line items (relationships, top-level keys) group together; blocks and items with
    /// comments above them stand apart. `previous == nil` means the version line.
    static func needsBlankLine(before item: MapItem, after previous: MapItem?) -> Bool {
        !(isOneLine(item) && (previous.map(isOneLine) ?? true) && item.comments.leading.isEmpty)
    }

    private static func isOneLine(_ item: MapItem) -> Bool {
        switch item {
        case .field, .relationship, .burden: return true
        case .part, .selfBlock, .session: return false
        }
    }

    /// All lines of an item: its head, then its fields.
    static func lines(for item: MapItem) -> [String] {
        var lines = headLines(for: item)
        switch item {
        case .part(let part): for field in part.fields { lines += self.lines(for: field) }
        case .session(let session): for field in session.fields { lines += self.lines(for: field) }
        case .selfBlock(let block): for field in block.fields { lines += self.lines(for: field) }
        case .field, .relationship, .burden: break
        }
        return lines
    }

    /// The comments above an item and its own line (the whole item, for one-line items).
    static func headLines(for item: MapItem) -> [String] {
        var lines = commentLines(item.comments.leading, indent: "")
        switch item {
        case .field(let field):
            lines += fieldLines(key: field.key, text: field.value, trailingComment: field.comments.trailing, indent: "")
        case .relationship(let relationship):
            var line = "\(relationship.from) \(relationship.kind.rawValue) \(relationship.to)"
            if let note = relationship.note {
                line += ": " + MapText.inline(note, beforeComment: relationship.comments.trailing != nil)
            }
            lines.append(line + trailing(relationship.comments.trailing))
        case .burden(let unattached):
            lines += burdenLines(unattached.burden, trailingComment: unattached.comments.trailing, indent: "")
        case .selfBlock(let block):
            lines.append("self" + trailing(block.comments.trailing))
        case .part(let part):
            var line = "part \(part.id)"
            if let name = part.name { line += ": " + MapText.inline(name, beforeComment: part.comments.trailing != nil) }
            lines.append(line + trailing(part.comments.trailing))
        case .session(let session):
            var line = "session \(session.date)"
            if let title = session.title { line += ": " + MapText.inline(title, beforeComment: session.comments.trailing != nil) }
            lines.append(line + trailing(session.comments.trailing))
        }
        return lines
    }

    static func lines(for field: PartField) -> [String] {
        let comments = field.comments
        var lines = commentLines(comments.leading, indent: "  ")
        switch field.value {
        case .role(let role): lines.append("  role: \(role.rawValue)" + trailing(comments.trailing))
        case .selfLike(let value): lines.append("  self-like: \(value ? "yes" : "no")" + trailing(comments.trailing))
        case .status(let status): lines.append("  status: \(status.rawValue)" + trailing(comments.trailing))
        case .feelings(let list), .tags(let list):
            lines.append("  " + field.value.key + ":" + listText(list, beforeComment: comments.trailing != nil) + trailing(comments.trailing))
        case .burden(let burden):
            lines += burdenLines(burden, trailingComment: comments.trailing, indent: "  ")
        case .age(let text), .body(let text), .beliefs(let text), .job(let text), .intent(let text),
             .fears(let text), .trailheads(let text), .note(let text), .custom(_, let text):
            lines += fieldLines(key: field.value.key, text: text, trailingComment: comments.trailing, indent: "  ",
                                quoted: field.value.spec?.shape == .ownWords)
        }
        return lines
    }

    static func lines(for field: SessionField) -> [String] {
        let comments = field.comments
        var lines = commentLines(comments.leading, indent: "  ")
        func line(_ text: String) { lines.append("  " + text + trailing(comments.trailing)) }
        func note(_ text: String?) -> String { text.map { ": " + MapText.inline($0, beforeComment: comments.trailing != nil) } ?? "" }
        switch field.value {
        case .present(let ids):
            line("present:" + listText(ids.map(\.rawValue)))
        case .selfEnergy(let ratings):
            line("self:" + listText(ratings.map { "\($0.quality.rawValue) \($0.score)" }, quoting: false))
        case .selfPresence(let ratings):
            line("5ps:" + listText(ratings.map { "\($0.quality.rawValue) \($0.score)" }, quoting: false))
        case .statusChange(let change):
            var text = "status \(change.part): "
            if let from = change.from { text += "\(from.rawValue) -> " }
            text += change.to.rawValue
            if let note = change.note { text += ": " + MapText.inline(note, beforeComment: comments.trailing != nil) }
            line(text)
        case .sixFs(let part, let step):
            line("6fs \(part): \(step.rawValue)")
        case .feelings(let ratings):
            line("feelings:" + listText(ratings.map { "\($0.feeling) \($0.score)" }, quoting: false))
        case .unburdening(let record):
            var text = "unburdening \(record.part): \(record.step.rawValue)"
            if record.progress == .started { text += " started" }
            line(text + note(record.detail))
        case .permission(let permission):
            line("permission \(permission.protector) for \(permission.exile): \(permission.answer.rawValue)" + note(permission.note))
        case .feelToward(let answer):
            line("feel-toward \(answer.part):" + listText(answer.answers, beforeComment: comments.trailing != nil))
        case .blended(let blending):
            line("blended \(blending.part): \(blending.outcome.rawValue)" + note(blending.concern))
        case .intensity(let intensity):
            line("intensity \(intensity.part): \(intensity.score)" + note(intensity.burden))
        case .roleChange(let change):
            line("role \(change.part): " + MapText.inline(change.from + " -> " + change.to, beforeComment: comments.trailing != nil))
        case .homework(let text), .note(let text), .custom(_, let text):
            lines += fieldLines(key: field.value.key, text: text, trailingComment: comments.trailing, indent: "  ")
        }
        return lines
    }

    static func lines(for field: SelfField) -> [String] {
        commentLines(field.comments.leading, indent: "  ")
            + fieldLines(key: field.value.key, text: fieldText(field.value), trailingComment: field.comments.trailing, indent: "  ")
    }

    private static func fieldText(_ value: SelfField.Value) -> String {
        switch value {
        case .note(let text), .custom(_, let text): return text
        }
    }

    /// `burden KIND [STATE] [FORM] [from A, B]: text`: a burden in words is quoted (the part's own
    /// words); the description of a wordless, preverbal or bodily burden is plain text.
    private static func burdenLines(_ burden: Burden, trailingComment: String?, indent: String) -> [String] {
        fieldLines(key: "burden " + burden.header, text: burden.text, trailingComment: trailingComment, indent: indent,
                   quoted: burden.form == .words)
    }

    private static func listText(_ items: [String], quoting: Bool = true, beforeComment: Bool = false) -> String {
        guard !items.isEmpty else { return "" }
        return " " + items.map { quoting ? MapText.inline($0, isListItem: true, beforeComment: beforeComment) : $0 }
            .joined(separator: ", ")
    }

    /// `key: text`, or `key:` and an indented block when the text has several lines.
    /// `quoted` is for what a part says in its own voice (beliefs, burdens): written as a quote.
    private static func fieldLines(key: String, text: String, trailingComment: String?, indent: String,
                                   quoted: Bool = false) -> [String] {
        if MapText.canBeBlock(text) {
            let blockIndent = indent + "  "
            return [indent + key + ":" + trailing(trailingComment)]
                + text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : blockIndent + $0 }
        }
        var line = indent + key + ":"
        if !text.isEmpty {
            line += " " + (quoted ? MapText.quoted(text) : MapText.inline(text, beforeComment: trailingComment != nil))
        }
        return [line + trailing(trailingComment)]
    }

    private static func commentLines(_ comments: [String], indent: String) -> [String] {
        comments.map { indent + "#" + $0 }
    }

    private static func trailing(_ comment: String?) -> String {
        comment.map { "  #" + $0 } ?? ""
    }
}
