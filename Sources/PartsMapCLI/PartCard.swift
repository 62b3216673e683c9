import PartsMap
/// A readable card of everything known about one part, for `partsmap part show`.
struct PartCard {
    var part: Part
    var map: SystemMap

    var text: String {
        var lines = ["\(part.displayName) (\(part.id))", String(repeating: "=", count: part.displayName.count + part.id.rawValue.count + 3)]
        var summary = "Role: \(part.role.rawValue)"
        if let age = part.age { summary += " · Age: \(age)" }
        if let status = part.status { summary += " · Status: \(status.rawValue)" }
        if part.isSelfLike { summary += " · self-like" }
        lines.append(summary)
        func section(_ title: String, _ values: [String]) {
            guard !values.isEmpty else { return }
            lines.append("")
            lines.append(title + ":")
            for value in values {
                let indented = TextLines.normalized(value).split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n    ")
                lines.append("  - " + indented)
            }
        }
        for (spec, values) in part.sections(for: .card) { section(spec.label, values) }
        section("Other", part.customFields.map { "\($0.key): \($0.value)" })

        let names = Dictionary(map.parts.map { ($0.id, $0.displayName) }, uniquingKeysWith: { first, _ in first })
        func name(_ endpoint: Relationship.Endpoint) -> String {
            switch endpoint {
            case .theSelf: return "Self"
            case .part(let id): return "\(names[id] ?? id.rawValue) (\(id))"
            }
        }
        section("Relationships", map.relationships.filter { $0.involves(part.id) }.map { relationship in
            "\(name(relationship.from)) \(VisualStyle.standard.phrase(for: relationship.kind)) \(name(relationship.to))"
                + (relationship.note.map { ": " + $0 } ?? "")
        })
        section("Status history", map.statusHistory(of: part.id).map { entry in
            let from = entry.change.from.map { "\($0.rawValue) → " } ?? "→ "
            return "\(entry.session.date)\(entry.session.title.map { " (\($0))" } ?? ""): \(from)\(entry.change.to.rawValue)"
                + (entry.change.note.map { ": " + $0 } ?? "")
        })
        section("Sessions", map.sessions.filter { $0.mentionedParts.contains(part.id) }.map { session in
            session.date.description + (session.title.map { " " + $0 } ?? "")
        })
        return lines.joined(separator: "\n") + "\n"
    }
}
