@testable import PartsMap

/// Every piece of free text a person wrote in a map: what redaction must never let through.
enum FreeText {
    static func strings(in map: SystemMap) -> Set<String> {
        var texts: Set<String> = []
        func add(_ text: String?) {
            guard let text else { return }
            for line in text.split(separator: "\n") {
                let trimmed = line.trimmingSpaces
                if trimmed.count > 3 { texts.insert(trimmed) }
            }
        }
        add(map.title)
        for comment in map.headerComments.leading + map.closingComments { add(comment) }
        for item in map.items {
            for comment in item.comments.leading { add(comment) }
            add(item.comments.trailing)
            switch item {
            case .field(let field): add(field.value)
            case .selfBlock(let block):
                for field in block.fields {
                    switch field.value { case .note(let text), .custom(_, let text): add(text) }
                    field.comments.leading.forEach(add)
                }
            case .part(let part):
                add(part.name)
                add(part.id.rawValue)
                for field in part.fields {
                    field.comments.leading.forEach(add)
                    add(field.comments.trailing)
                    switch field.value {
                    case .burden(let burden):
                        add(burden.text)
                        burden.lineage.forEach(add)
                    case .feelings(let list), .tags(let list): list.forEach(add)
                    case .age, .role, .status, .selfLike: continue
                    default: MapDiff.texts(field.value).forEach(add)
                    }
                }
            case .relationship(let relationship): add(relationship.note)
            case .burden(let unattached):
                add(unattached.burden.text)
                unattached.burden.lineage.forEach(add)
            case .session(let session):
                add(session.title)
                for field in session.fields {
                    field.comments.leading.forEach(add)
                    switch field.value {
                    case .note(let text), .homework(let text), .custom(_, let text): add(text)
                    case .statusChange(let change): add(change.note)
                    default: continue
                    }
                }
            }
        }
        // Words of the format itself (roles, statuses) are not the person's text.
        let vocabulary = Set(Role.allCases.map(\.rawValue) + PartStatus.allCases.map(\.rawValue) + SelfQuality.allCases.map(\.rawValue))
        return texts.filter { !vocabulary.contains($0.lowercased()) }
    }
}

extension Substring {
    var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
