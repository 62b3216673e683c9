/// One picture of two versions of a map: everything in either, with what was added drawn with
/// a thick outline and "NEW", what was removed dashed and faded with "REMOVED", and what
/// changed marked "CHANGED" with the fields that changed. The marks are words as well as
/// styles, so the picture reads in black and white.
public enum DiffMap {
    public static let added = Emphasis(note: "NEW", attributes: [.init("penwidth", "3.5")])
    public static let removed = Emphasis(note: "REMOVED", attributes: [
        .init("style", "filled,dashed"), .init("fillcolor", "#F2F2F2"), .init("color", "#8C8C8C"),
        .init("fontcolor", "#6E6E6E"),
    ])
    static let removedEdge = Emphasis(note: "removed", attributes: [
        .init("style", "dashed"), .init("color", "#A0A0A0"), .init("fontcolor", "#6E6E6E"),
    ])
    static let addedEdge = Emphasis(note: "new", attributes: [.init("penwidth", "3")])

    public static func changed(_ what: [String]) -> Emphasis {
        Emphasis(note: what.isEmpty ? "CHANGED" : "CHANGED: " + what.joined(separator: ", "), attributes: [.init("penwidth", "2.5"), .init("peripheries", "2")])
    }

    /// The union map to draw and the marks to draw it with.
    public static func make(from old: SystemMap, to new: SystemMap, subtitle: String) -> (map: SystemMap, decorations: DOTDecorations) {
        let diff = MapDiff(from: old, to: new)
        var union = new
        var decorations = DOTDecorations()
        decorations.subtitle = subtitle
        for part in diff.addedParts { decorations.parts[part.id] = added }
        for change in diff.changedParts {
            let what = (change.name == nil ? [] : ["name"]) + change.fields.map(\.key) + (change.burdens.isEmpty ? [] : ["burdens"])
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
            decorations.relationships[change.new.identity] = Emphasis(note: "changed", attributes: [.init("penwidth", "2.5")])
        }
        for relationship in diff.removedRelationships {
            union.items.append(.relationship(relationship))
            decorations.relationships[relationship.identity] = removedEdge
        }
        decorations.legend = [
            .init(caption: "NEW\n(thick outline)", emphasis: added),
            .init(caption: "REMOVED\n(dashed, grey)", emphasis: removed),
            .init(caption: "CHANGED\n(double outline)", emphasis: changed([])),
        ]
        return (union, decorations)
    }
}
