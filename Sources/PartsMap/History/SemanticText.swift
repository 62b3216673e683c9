/// A line-per-fact text form of a map, for git's `textconv`: with it, `git diff` and
/// `git log -p` show what changed about each part ("part fog: status: befriended") instead of
/// which lines of the file moved.
///
/// Parts are listed by ID and relationships by identity, so moving a block in the file shows
/// no change at all; sessions are listed by date.
public enum SemanticText {
    /// The map as one line per fact, in an order that does not depend on the file's order.
    public static func text(for map: SystemMap) -> String {
        var lines: [String] = []
        func add(_ prefix: String, _ text: String) {
            let pieces = text.split(separator: "\n", omittingEmptySubsequences: false)
            lines.append(prefix + (pieces.first.map(String.init) ?? ""))
            for piece in pieces.dropFirst() { lines.append(String(repeating: " ", count: prefix.count) + "  " + piece) }
        }
        for item in map.items {
            if case .field(let field) = item { add("\(field.key): ", field.value) }
        }
        for field in map.selfBlock?.fields ?? [] {
            switch field.value {
            case .note(let text): add("self: note: ", text)
            case .custom(let key, let text): add("self: \(key): ", text)
            }
        }
        for part in map.parts.sorted(by: { $0.id < $1.id }) {
            let prefix = "part \(part.id): "
            lines.append(prefix + "name: " + (part.name ?? "(none)"))
            for field in part.fields {
                switch field.value {
                case .burden(let burden):
                    add(prefix + burden.semanticPrefix, burden.text)
                case .feelings(let list), .tags(let list):
                    lines.append(prefix + field.value.key + ": " + list.joined(separator: ", "))
                default:
                    add(prefix + field.value.key + ": ", MapDiff.texts(field.value).first ?? "")
                }
            }
        }
        for unattached in map.unattachedBurdens.map(\.burden).sorted(by: { ($0.text, $0.header) < ($1.text, $1.header) }) {
            add("unattached " + unattached.semanticPrefix, unattached.text)
        }
        for relationship in map.relationships.sorted(by: { $0.identity < $1.identity }) {
            add("relationship: ", DiffReport.describe(relationship))
        }
        for session in map.sessions.enumerated().sorted(by: { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }).map(\.element) {
            let prefix = "session \(session.date)" + (session.title.map { " (\($0))" } ?? "") + ": "
            lines.append(prefix.dropLast(2) + "")
            for field in session.fields {
                let line = MapPrinter.lines(for: SessionField(field.value)).joined(separator: "\n")
                add(prefix, String(line.drop { $0 == " " }).split(separator: "\n", omittingEmptySubsequences: false)
                    .map { String($0.drop { $0 == " " }) }.joined(separator: "\n"))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension Burden {
    /// `burden legacy (carried, from mother, grandmother): ` before the burden's words.
    var semanticPrefix: String {
        var what = [state.rawValue]
        if form != .words { what.append(form.rawValue) }
        if !lineage.isEmpty { what.append(Burden.lineageWord + " " + lineage.joined(separator: ", ")) }
        return "burden \(kind.rawValue) (\(what.joined(separator: ", "))): "
    }
}
