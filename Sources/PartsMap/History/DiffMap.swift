/// One picture of two versions of a map: everything in either, with what was added marked
/// "NEW", what was removed "REMOVED", and what changed "CHANGED" with what it changed from and
/// to. The marks are words as well as looks (chosen by the theme), so the picture reads in
/// black and white; a changed part never gets a double outline, which means self-like.
public enum DiffMap {
    public static let added = Emphasis(.added, note: "NEW")
    public static let removed = Emphasis(.removed, note: "REMOVED")
    static let removedEdge = Emphasis(.removed, note: "removed")
    static let addedEdge = Emphasis(.added, note: "new")

    /// The mark of a changed part, naming each change: "CHANGED: status known → trusting".
    public static func changed(_ what: [String]) -> Emphasis {
        Emphasis(.changed, note: what.isEmpty ? "CHANGED" : "CHANGED: " + what.joined(separator: "; "))
    }

    /// A field's change in words: "status noticed → known", "age (new) 7", or just its name
    /// when the values are long.
    static func described(_ key: String, old: [String], new: [String]) -> String {
        let (before, after) = (old.joined(separator: ", "), new.joined(separator: ", "))
        guard before.count <= 24 && after.count <= 24 else { return key }
        return "\(key) \(before.isEmpty ? "(none)" : before) → \(after.isEmpty ? "(none)" : after)"
    }

    /// The union map to draw and the marks to draw it with.
    public static func make(from old: SystemMap, to new: SystemMap, subtitle: String) -> (map: SystemMap, decorations: DOTDecorations) {
        let diff = MapDiff(from: old, to: new)
        var union = new
        var decorations = DOTDecorations()
        decorations.subtitle = subtitle
        for part in diff.addedParts { decorations.parts[part.id] = added }
        for change in diff.changedParts {
            var what: [String] = []
            if let name = change.name { what.append(described("name", old: [name.old ?? ""], new: [name.new ?? ""])) }
            what += change.fields.map { described($0.key, old: $0.old, new: $0.new) }
            if !change.burdens.isEmpty { what.append("burdens") }
            decorations.parts[change.id] = changed(what)
        }
        let lastPart = union.items.lastIndex { if case .part = $0 { return true } else { return false } }
        var insertAt = lastPart.map { $0 + 1 } ?? union.items.count
        for part in diff.removedParts {
            union.items.insert(.part(part), at: insertAt)
            insertAt += 1
            decorations.parts[part.id] = removed
        }
        for relationship in diff.addedRelationships { decorations.relationships[relationship.identity] = addedEdge }
        for change in diff.changedRelationships {
            let note = change.old.note == change.new.note ? "changed" : "changed note"
            decorations.relationships[change.new.identity] = Emphasis(.changed, note: note)
        }
        for relationship in diff.removedRelationships {
            union.items.append(.relationship(relationship))
            decorations.relationships[relationship.identity] = removedEdge
        }
        decorations.legend = [
            .init(caption: "NEW\n(thick outline)", emphasis: added),
            .init(caption: "REMOVED\n(dashed, grey)", emphasis: removed),
            .init(caption: "CHANGED\n(cut corners)", emphasis: changed([])),
        ]
        return (union, decorations)
    }

    /// A diff map's subtitle: by the versions' last session dates where both have sessions
    /// ("Changes from the session of 2026-10-08 to that of 2026-11-19"), else by their labels.
    public static func subtitle(from old: SystemMap, _ oldLabel: String, to new: SystemMap, _ newLabel: String) -> String {
        if let before = old.sessions.last?.date, let after = new.sessions.last?.date, before != after {
            return "Changes from the session of \(before) (\(oldLabel)) to that of \(after) (\(newLabel))"
        }
        return "Changes from \(oldLabel) to \(newLabel)"
    }
}
