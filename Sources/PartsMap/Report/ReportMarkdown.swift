/// The report as Markdown, for pasting into clinical notes: title, parts, relationships,
/// sessions and status journeys, as headings and bullet lists, with the map as a Mermaid
/// diagram (`MermaidWriter`) that Markdown tools draw; every string a person typed goes through
/// `MarkdownText` (or `MermaidText` in the diagram).
package enum ReportMarkdown {
    /// The report; `mermaid` is the map's diagram, put in a ```` ```mermaid ```` block (its labels
    /// never hold a backtick, so they cannot close the block).
    package static func markdown(_ model: ReportModel, mermaid: String? = nil) -> String {
        var out: [String] = ["# " + MarkdownText.escaped(model.title), ""]
        let picture = mermaid == nil ? "The picture is not included: draw it with `partsmap render`."
            : "The picture is a Mermaid diagram, drawn by GitHub, Obsidian and other Markdown tools."
        out.append("Parts map report: \(count(model.parts.count, "part")), \(count(model.relationships.count, "relationship")), "
                   + "\(count(model.sessions.count, "session")). " + picture)
        out.append("")
        if let mermaid { out += ["```mermaid", mermaid.hasSuffix("\n") ? String(mermaid.dropLast()) : mermaid, "```", ""] }
        if model.redacted {
            out += ["Redacted for consultation: parts are named by role and number, ages are shown as bands, and everything "
                    + "written in words (names, notes, beliefs, burdens, titles, homework) is left out.", ""]
        }
        if let view = model.viewDescription { out += [MarkdownText.escaped(view), ""] }
        if !model.about.isEmpty {
            for (key, value) in model.about { out.append(item(MarkdownText.escaped(key), value)) }
            out.append("")
        }
        if !model.unattachedBurdens.isEmpty {
            out += ["### Burdens not yet attached to a part", ""] + model.unattachedBurdens.map { "- " + burden($0, indent: "  ") } + [""]
        }
        if !model.selfNotes.isEmpty || !model.selfCustom.isEmpty {
            out += ["## The Self", ""]
            out += model.selfNotes.map { item("Note", $0) }
            out += model.selfCustom.map { item(MarkdownText.escaped($0.key), $0.value) }
            out.append("")
        }

        out += ["## Parts", ""]
        if model.parts.isEmpty { out += ["No parts recorded yet.", ""] }
        for part in model.parts {
            out += ["### " + MarkdownText.escaped(part.name) + " (`\(part.id.rawValue)`)", ""]
            out.append("- Role: \(part.role.rawValue)")
            if let age = part.age { out.append(item("Age", age)) }
            out.append("- Status: " + (part.status?.rawValue ?? "none yet"))
            if part.selfLike { out.append("- Self-like: yes") }
            for field in part.fields { out.append(items(field.label, field.values)) }
            if !part.burdens.isEmpty {
                out.append("- Burdens:")
                out += part.burdens.map { "  - " + burden($0) }
            }
            for (key, value) in part.custom { out.append(item(MarkdownText.escaped(key), value)) }
            if let step = part.sixFs { out.append("- 6 Fs: reached \(step.step) (\(step.date), session \(step.session))") }
            if let step = part.unburdening { out.append("- Unburdening: reached \(step.step) (\(step.date), session \(step.session))") }
            if !part.relationships.isEmpty {
                out.append("- Relationships:")
                out += part.relationships.map { "  - " + relationship($0, indent: "    ") }
            }
            if !part.sessions.isEmpty {
                out.append("- Sessions: " + part.sessions.map { "\($0.date) (\($0.number))" }.joined(separator: ", "))
            }
            out.append("")
        }

        out += ["## Relationships", ""]
        if model.relationships.isEmpty { out.append("No relationships recorded yet.") }
        out += model.relationships.map { "- " + relationship($0, indent: "  ") }
        out.append("")

        out += ["## Sessions", ""]
        if model.sessions.isEmpty { out += ["No sessions recorded yet.", ""] }
        for session in model.sessions {
            out += ["### \(session.date)" + (session.title.map { ": " + MarkdownText.escaped($0) } ?? "") + " (session \(session.number))", ""]
            if session.highlighted { out += ["The session this view highlights.", ""] }
            if !session.present.isEmpty { out.append("- Present: " + session.present.map(reference).joined(separator: ", ")) }
            if !session.selfEnergy.isEmpty {
                out.append("- Self-energy (8 Cs): " + session.selfEnergy.map { "\($0.quality) \($0.score)" }.joined(separator: ", "))
            }
            if !session.selfPresence.isEmpty {
                out.append("- 5 Ps: " + session.selfPresence.map { "\($0.quality) \($0.score)" }.joined(separator: ", "))
            }
            if !session.statusChanges.isEmpty {
                out.append("- Status changes:")
                for change in session.statusChanges {
                    out.append("  - " + reference(change.part) + ": " + (change.from.map { $0.rawValue + " → " } ?? "→ ")
                               + change.to.rawValue + (change.note.map { ": " + MarkdownText.block($0, indent: "    ") } ?? ""))
                }
            }
            if !session.sixFs.isEmpty {
                out.append("- 6 Fs: " + session.sixFs.map { reference($0.part) + " reached " + $0.step }.joined(separator: "; "))
            }
            if !session.unburdening.isEmpty {
                out.append("- Unburdening: " + session.unburdening.map { reference($0.part) + ": " + $0.steps.map(MarkdownText.escaped).joined(separator: ", ") }.joined(separator: "; "))
            }
            if !session.feelings.isEmpty {
                out.append(item("Feelings check-in", session.feelings.map { "\($0.feeling) \($0.score)" }.joined(separator: ", ")))
            }
            if !session.work.isEmpty { out.append(items("Permission, unblending, intensity and roles", session.work)) }
            if !session.homework.isEmpty { out.append(items("Homework", session.homework)) }
            for (key, value) in session.custom { out.append(item(MarkdownText.escaped(key), value)) }
            if !session.present.isEmpty || !session.selfEnergy.isEmpty || !session.selfPresence.isEmpty || !session.statusChanges.isEmpty
                || !session.sixFs.isEmpty || !session.unburdening.isEmpty || !session.homework.isEmpty || !session.custom.isEmpty
                || !session.feelings.isEmpty || !session.work.isEmpty {
                out.append("")
            }
            for note in session.notes {
                out += ["Note:", "", MarkdownText.block(note), ""]
            }
        }

        if let trend = model.feelings {
            out += ["## Feelings check-ins", "",
                    "Which feelings could be reached in each session, and how strongly (0–10), \(trend.sessions.first.map(String.init(describing:)) ?? "") "
                        + "to \(trend.sessions.last.map(String.init(describing:)) ?? ""):", ""]
            out += trend.lines.map { "- " + MarkdownText.escaped($0) }
            out += ["- Feelings reached (above 0): " + trend.reachable.map(String.init).joined(separator: " → "), ""]
        }

        out += ["## Status journeys", ""]
        if model.parts.isEmpty { out += ["No parts recorded yet.", ""] }
        for part in model.parts {
            var line = "- " + MarkdownText.escaped(part.name) + " (`\(part.id.rawValue)`): "
            if part.journey.isEmpty {
                line += "no status changes recorded"
            } else {
                var steps: [String] = []
                if let first = part.journey.first?.from { steps.append(first.rawValue) }
                for step in part.journey {
                    steps.append("\(step.to.rawValue) (\(step.goesBack ? "went back, " : "")\(step.date), session \(step.session))")
                }
                line += steps.joined(separator: " → ")
            }
            out.append(line)
            for step in part.journey where step.note != nil {
                out.append("  - \(step.date): " + MarkdownText.block(step.note ?? "", indent: "    "))
            }
        }
        out.append("")
        return out.joined(separator: "\n")
    }

    /// `- Label: value`, a multi-line value kept inside the item.
    /// A burden's words (or description), then its kind, state, form and lineage.
    private static func burden(_ burden: Burden, indent: String = "    ") -> String {
        let details = MarkdownText.escaped(burden.details)
        return burden.text.isEmpty ? details : MarkdownText.block(burden.text, indent: indent) + " (\(details))"
    }

    private static func item(_ label: String, _ value: String) -> String {
        "- \(label): " + MarkdownText.block(value, indent: "  ")
    }

    /// One value on the label's line; several as a nested list.
    private static func items(_ label: String, _ values: [String]) -> String {
        if values.count == 1 { return item(label, values[0]) }
        return (["- \(label):"] + values.map { "  - " + MarkdownText.block($0, indent: "    ") }).joined(separator: "\n")
    }

    private static func reference(_ reference: ReportModel.Reference) -> String {
        switch reference {
        case .theSelf: return "Self"
        case .part(let id, let name, _): return MarkdownText.escaped(name) + " (`\(id.rawValue)`)"
        }
    }

    private static func relationship(_ entry: ReportModel.RelationshipEntry, indent: String) -> String {
        "\(reference(entry.from)) \(ReportModel.phrase(entry.kind)) \(reference(entry.to))"
            + (entry.note.map { ": " + MarkdownText.block($0, indent: indent) } ?? "")
    }

    private static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }
}
