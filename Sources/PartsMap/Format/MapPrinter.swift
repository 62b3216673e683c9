/// Writes a `SystemMap` as canonical `.parts` text.
///
/// Canonical means: two-space indentation for fields, four for text blocks, one blank line
/// around blocks, and quotes only where bare text would read back differently. Order and
/// comments are the person's own and are kept. Printing is deterministic, and
/// `MapParser.parse(MapPrinter.print(map)).map == map` for every valid map.
public enum MapPrinter {
    public static func print(_ map: SystemMap) -> String {
        var out = ""
        out.reserveCapacity(4096)
        for line in map.headerComments.leading { out += "#" + line + "\n" }
        out += "partsmap \(SystemMap.formatVersion)"
        writeTrailing(map.headerComments.trailing, into: &out)
        var previousIsLine = true  // the header counts as a one-line item
        for item in map.items {
            let isLine: Bool
            switch item {
            case .field, .relationship: isLine = true
            case .part, .selfBlock, .session: isLine = false
            }
            // One-line items (relationships, title) group together; blocks and commented items stand apart.
            if !(isLine && previousIsLine && item.comments.leading.isEmpty) { out += "\n" }
            writeComments(item.comments.leading, indent: "", into: &out)
            out += "\n"
            write(item, into: &out)
            previousIsLine = isLine
        }
        if !map.closingComments.isEmpty {
            out += "\n"
            writeComments(map.closingComments, indent: "", into: &out)
        }
        return out + "\n"
    }

    private static func write(_ item: MapItem, into out: inout String) {
        switch item {
        case .field(let field):
            writeField(key: field.key, text: field.value, comments: field.comments, indent: "", into: &out)
        case .relationship(let relationship):
            out += "\(relationship.from) \(relationship.kind.rawValue) \(relationship.to)"
            if let note = relationship.note { out += ": " + MapText.inline(note) }
            writeTrailing(relationship.comments.trailing, into: &out)
        case .selfBlock(let block):
            out += "self"
            writeTrailing(block.comments.trailing, into: &out)
            for field in block.fields {
                writeComments(field.comments.leading, indent: "  ", into: &out)
                switch field.value {
                case .note(let text):
                    writeField(key: "note", text: text, comments: field.comments, indent: "  ", into: &out)
                case .custom(let key, let text):
                    writeField(key: key, text: text, comments: field.comments, indent: "  ", into: &out)
                }
            }
        case .part(let part):
            out += "part \(part.id)"
            if let name = part.name { out += ": " + MapText.inline(name) }
            writeTrailing(part.comments.trailing, into: &out)
            for field in part.fields {
                writeComments(field.comments.leading, indent: "  ", into: &out)
                write(field, into: &out)
            }
        case .session(let session):
            out += "session \(session.date)"
            if let title = session.title { out += ": " + MapText.inline(title) }
            writeTrailing(session.comments.trailing, into: &out)
            for field in session.fields {
                writeComments(field.comments.leading, indent: "  ", into: &out)
                write(field, into: &out)
            }
        }
    }

    private static func write(_ field: PartField, into out: inout String) {
        let comments = field.comments
        switch field.value {
        case .role(let role): writeLine("role: \(role.rawValue)", comments, into: &out)
        case .selfLike(let value): writeLine("self-like: \(value ? "yes" : "no")", comments, into: &out)
        case .status(let status): writeLine("status: \(status.rawValue)", comments, into: &out)
        case .feelings(let list), .tags(let list):
            writeLine(field.value.key + ":" + listText(list), comments, into: &out)
        case .burden(let burden):
            let state = burden.state == .carried ? "" : " \(burden.state.rawValue)"
            writeField(key: "burden \(burden.kind.rawValue)\(state)", text: burden.text, comments: comments,
                       indent: "  ", quoted: true, into: &out)
        case .beliefs(let text):
            writeField(key: "beliefs", text: text, comments: comments, indent: "  ", quoted: true, into: &out)
        case .age(let text), .body(let text), .job(let text), .intent(let text),
             .fears(let text), .trailheads(let text), .note(let text), .custom(_, let text):
            writeField(key: field.value.key, text: text, comments: comments, indent: "  ", into: &out)
        }
    }

    private static func write(_ field: SessionField, into out: inout String) {
        let comments = field.comments
        switch field.value {
        case .present(let ids):
            writeLine("present:" + listText(ids.map(\.rawValue)), comments, into: &out)
        case .selfEnergy(let ratings):
            writeLine("self:" + listText(ratings.map { "\($0.quality.rawValue) \($0.score)" }, quoting: false),
                      comments, into: &out)
        case .selfPresence(let ratings):
            writeLine("5ps:" + listText(ratings.map { "\($0.quality.rawValue) \($0.score)" }, quoting: false),
                      comments, into: &out)
        case .statusChange(let change):
            var line = "status \(change.part): "
            if let from = change.from { line += "\(from.rawValue) -> " }
            line += change.to.rawValue
            if let note = change.note { line += ": " + MapText.inline(note) }
            writeLine(line, comments, into: &out)
        case .sixFs(let part, let step):
            writeLine("6fs \(part): \(step.rawValue)", comments, into: &out)
        case .unburdening(let part, let step):
            writeLine("unburdening \(part): \(step.rawValue)", comments, into: &out)
        case .homework(let text), .note(let text), .custom(_, let text):
            writeField(key: field.value.key, text: text, comments: comments, indent: "  ", into: &out)
        }
    }

    private static func listText(_ items: [String], quoting: Bool = true) -> String {
        guard !items.isEmpty else { return "" }
        return " " + items.map { quoting ? MapText.inline($0, isListItem: true) : $0 }.joined(separator: ", ")
    }

    /// An indented field line that is complete on one line.
    private static func writeLine(_ line: String, _ comments: Comments, into out: inout String) {
        out += "\n  " + line
        writeTrailing(comments.trailing, into: &out)
    }

    /// `key: text`, or `key:` and an indented block when the text has several lines.
    /// `quoted` is for what a part says in its own voice (beliefs, burdens): written as a quote.
    private static func writeField(
        key: String, text: String, comments: Comments, indent: String, quoted: Bool = false, into out: inout String
    ) {
        if !indent.isEmpty { out += "\n" + indent }  // top-level fields start where the caller put them
        out += key + ":"
        if MapText.canBeBlock(text) {
            writeTrailing(comments.trailing, into: &out)
            let blockIndent = indent + "  "
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                out += line.isEmpty ? "\n" : "\n" + blockIndent + line
            }
            return
        }
        if !text.isEmpty { out += " " + (quoted ? MapText.quoted(text) : MapText.inline(text)) }
        writeTrailing(comments.trailing, into: &out)
    }

    private static func writeComments(_ lines: [String], indent: String, into out: inout String) {
        for line in lines { out += "\n" + indent + "#" + line }
    }

    private static func writeTrailing(_ comment: String?, into out: inout String) {
        if let comment { out += "  #" + comment }
    }
}
