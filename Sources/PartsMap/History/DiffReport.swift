/// A `MapDiff` in words: a full report for `partsmap diff`, a one-line summary for
/// `partsmap history`, and JSON for scripts.
public struct DiffReport: Sendable {
    /// The changes to describe.
    public var diff: MapDiff
    /// Use ANSI colours (only for a terminal, and never when NO_COLOR is set). Every change
    /// is also marked with `+`, `-` or `~`, so colour is never the only cue.
    public var colored: Bool

    /// Words for `diff`; pass `colored: true` only when writing to a terminal.
    public init(_ diff: MapDiff, colored: Bool = false) {
        self.diff = diff
        self.colored = colored
    }

    /// A line in colour; its text is made terminal-safe first (see `TerminalText`).
    private func paint(_ text: String, _ code: String) -> String {
        let safe = TerminalText.visible(text, singleLine: true)
        return colored ? "\u{1B}[\(code)m\(safe)\u{1B}[0m" : safe
    }
    private func added(_ text: String) -> String { paint("+ " + text, "32") }
    private func removed(_ text: String) -> String { paint("- " + text, "31") }
    private func changed(_ text: String) -> String { paint("~ " + text, "33") }

    static func describe(_ part: Part) -> String {
        "\(part.id) (\(part.displayName), \(part.role.rawValue))"
    }

    package static func describe(_ relationship: Relationship) -> String {
        "\(relationship.from) \(relationship.kind.rawValue) \(relationship.to)" + (relationship.note.map { ": " + $0 } ?? "")
    }

    static func describe(_ session: Session) -> String {
        session.date.description + (session.title.map { " " + $0 } ?? "")
    }

    /// The role changes a session records (`role fog: old -> new`).
    static func roleChanges(_ session: Session) -> [RoleChange] {
        session.fields.compactMap { field in if case .roleChange(let change) = field.value { return change } else { return nil } }
    }

    static func values(_ list: [String]) -> String {
        list.isEmpty ? "(none)" : list.map { $0.contains("\n") ? String($0.prefix { $0 != "\n" }) + " …" : $0 }.joined(separator: ", ")
    }

    /// The full report, one change per line.
    public var text: String {
        var lines: [String] = []
        if let title = diff.title {
            lines.append(changed("title: \(title.old ?? "(none)") → \(title.new ?? "(none)")"))
        }
        for part in diff.addedParts { lines.append(added("part " + DiffReport.describe(part))) }
        for part in diff.removedParts { lines.append(removed("part " + DiffReport.describe(part))) }
        for change in diff.changedParts {
            lines.append(changed("part \(change.id):"))
            if let name = change.name { lines.append("    name: \(name.old ?? "(none)") → \(name.new ?? "(none)")") }
            for field in change.fields {
                if field.old.count <= 1 && field.new.count <= 1 && !field.old.isEmpty && !field.new.isEmpty {
                    lines.append("    \(field.key): \(DiffReport.values(field.old)) → \(DiffReport.values(field.new))")
                } else {
                    let gone = field.old.filter { !field.new.contains($0) }
                    let came = field.new.filter { !field.old.contains($0) }
                    if !came.isEmpty { lines.append("    \(field.key) + \(DiffReport.values(came))") }
                    if !gone.isEmpty { lines.append("    \(field.key) - \(DiffReport.values(gone))") }
                    if came.isEmpty && gone.isEmpty { lines.append("    \(field.key): reordered") }
                }
            }
            lines += change.burdens.compactMap { DiffReport.line(for: $0, indent: "    ") }
        }
        if !diff.unattachedBurdens.isEmpty {
            lines.append(changed("burdens not attached to a part:"))
            lines += diff.unattachedBurdens.compactMap { DiffReport.line(for: $0, indent: "    ") }
        }
        for relationship in diff.addedRelationships { lines.append(added(DiffReport.describe(relationship))) }
        for relationship in diff.removedRelationships { lines.append(removed(DiffReport.describe(relationship))) }
        for change in diff.changedRelationships {
            lines.append(changed("\(DiffReport.describe(change.old)) → note: \(change.new.note ?? "(none)")"))
        }
        for session in diff.addedSessions {
            lines.append(added("session " + DiffReport.describe(session)))
            for change in DiffReport.roleChanges(session) { lines.append("    new role for \(change.part): \(change.from) → \(change.to)") }
        }
        for session in diff.removedSessions { lines.append(removed("session " + DiffReport.describe(session))) }
        for session in diff.changedSessions { lines.append(changed("session " + DiffReport.describe(session))) }
        if !diff.selfEnergy.isEmpty {
            lines.append(changed("Self-energy: " + selfEnergyText))
        }
        if diff.otherChanges { lines.append(changed("other changes (self block, custom keys or comments)")) }
        // Painted lines are safe already (and start with our colour code when coloured); the
        // rest hold user text too. (Making text visible twice changes nothing.)
        let safe = lines.map { $0.hasPrefix("\u{1B}[") ? $0 : TerminalText.visible($0, singleLine: true) }
        return safe.isEmpty ? "no changes\n" : safe.joined(separator: "\n") + "\n"
    }

    /// `+ burden (legacy) "We don't cry", carried`, `burden (…) "…": carried → witnessed`.
    static func line(for burden: MapDiff.BurdenChange, indent: String) -> String? {
        switch (burden.old, burden.new) {
        case (nil, let state?): return "\(indent)+ \(burden.description), \(state.rawValue)"
        case (let state?, nil): return "\(indent)- \(burden.description), was \(state.rawValue)"
        case (let old?, let new?): return "\(indent)\(burden.description): \(old.rawValue) → \(new.rawValue)"
        case (nil, nil): return nil
        }
    }

    private var selfEnergyText: String {
        diff.selfEnergy.map { "\($0.quality.rawValue) \($0.old.map(String.init) ?? "unrated") → \($0.new.map(String.init) ?? "unrated")" }
            .joined(separator: ", ")
    }

    /// One line: "+2 parts, fog: known → befriended, Self calm 4 → 6".
    public var summary: String {
        var pieces: [String] = []
        func count(_ number: Int, _ sign: String, _ noun: String) {
            if number > 0 { pieces.append("\(sign)\(number) \(noun)\(number == 1 ? "" : "s")") }
        }
        count(diff.addedParts.count, "+", "part")
        count(diff.removedParts.count, "-", "part")
        for change in diff.changedParts {
            if let status = change.status {
                pieces.append("\(change.id): \(status.old ?? "–") → \(status.new ?? "–")")
            } else if let name = change.name {
                pieces.append("\(change.id) renamed \(name.new ?? change.id.rawValue)")
            }
            for burden in change.burdens where burden.old != nil && burden.new != nil {
                pieces.append("\(change.id) burden \(burden.new?.rawValue ?? "")")
            }
        }
        let otherPartChanges = diff.changedParts.filter { $0.status == nil && $0.name == nil && $0.burdens.allSatisfy { $0.old == nil || $0.new == nil } }
        count(otherPartChanges.count, "~", "part")
        count(diff.unattachedBurdens.filter { $0.old == nil }.count, "+", "unattached burden")
        count(diff.unattachedBurdens.filter { $0.new == nil }.count, "-", "unattached burden")
        for burden in diff.unattachedBurdens where burden.old != nil && burden.new != nil {
            pieces.append("unattached burden \(burden.new?.rawValue ?? "")")
        }
        count(diff.addedRelationships.count, "+", "relationship")
        count(diff.removedRelationships.count, "-", "relationship")
        count(diff.addedSessions.count, "+", "session")
        for change in diff.addedSessions.flatMap(DiffReport.roleChanges) { pieces.append("\(change.part) new role: \(change.to)") }
        if !diff.selfEnergy.isEmpty { pieces.append("Self " + selfEnergyText) }
        if pieces.isEmpty && !diff.isEmpty { pieces.append("edits") }
        return pieces.isEmpty ? "no changes" : pieces.joined(separator: ", ")
    }

    /// The diff as JSON: arrays of IDs and changes, sorted keys.
    public var json: JSONValue {
        func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }
        func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
        func burdenJSON(_ burden: MapDiff.BurdenChange) -> JSONValue {
            var object: [String: JSONValue] = ["text": .string(burden.text), "kind": .string(burden.kind.rawValue),
                                               "old": optional(burden.old?.rawValue), "new": optional(burden.new?.rawValue)]
            if burden.form != .words { object["form"] = .string(burden.form.rawValue) }
            if !burden.lineage.isEmpty { object["lineage"] = .array(burden.lineage.map(JSONValue.string)) }
            return .object(object)
        }
        var root: [String: JSONValue] = [
            "equal": .bool(diff.isEmpty),
            "addedParts": strings(diff.addedParts.map(\.id.rawValue)),
            "removedParts": strings(diff.removedParts.map(\.id.rawValue)),
            "changedParts": .array(diff.changedParts.map { change in
                var object: [String: JSONValue] = [
                    "id": .string(change.id.rawValue),
                    "fields": .array(change.fields.map { ["key": .string($0.key), "old": strings($0.old), "new": strings($0.new)] }),
                    "burdens": .array(change.burdens.map(burdenJSON)),
                ]
                if let name = change.name { object["name"] = ["old": optional(name.old), "new": optional(name.new)] }
                return .object(object)
            }),
            "addedRelationships": strings(diff.addedRelationships.map(DiffReport.describe)),
            "removedRelationships": strings(diff.removedRelationships.map(DiffReport.describe)),
            "changedRelationships": strings(diff.changedRelationships.map { DiffReport.describe($0.new) }),
            "addedSessions": strings(diff.addedSessions.map(DiffReport.describe)),
            "removedSessions": strings(diff.removedSessions.map(DiffReport.describe)),
            "changedSessions": strings(diff.changedSessions.map(DiffReport.describe)),
            "selfEnergy": .array(diff.selfEnergy.map {
                ["quality": .string($0.quality.rawValue), "old": $0.old.map(JSONValue.number) ?? .null,
                 "new": $0.new.map(JSONValue.number) ?? .null]
            }),
            "unattachedBurdens": .array(diff.unattachedBurdens.map(burdenJSON)),
            "otherChanges": .bool(diff.otherChanges),
        ]
        if let title = diff.title { root["title"] = ["old": optional(title.old), "new": optional(title.new)] }
        return .object(root)
    }
}
