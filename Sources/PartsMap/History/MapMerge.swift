/// A three-way merge of maps by item and field identity, for git's merge driver: two people
/// who add different parts, relationships or sessions (or change different fields of the same
/// part) on two branches merge without conflicts, whatever lines their edits touched.
public enum MapMerge {
    /// The merged map and what could not be merged.
    public struct Result: Sendable {
        /// The merged map; where sides conflict it keeps ours, and `conflicts` says where.
        public var map: SystemMap
        /// What both sides changed differently; empty when the merge is clean.
        public var conflicts: [String]
    }

    /// Merges `ours` and `theirs`, both changed from `base`, item by item and field by field.
    public static func merge(base: SystemMap, ours: SystemMap, theirs: SystemMap) -> Result {
        var conflicts: [String] = []
        let items = merge3(base: keyed(base.items, key: \.identityKey), ours: keyed(ours.items, key: \.identityKey),
                           theirs: keyed(theirs.items, key: \.identityKey), conflicts: &conflicts) { base, ours, theirs in
            mergeItem(base: base, ours: ours, theirs: theirs)
        }
        var map = ours
        map.items = items
        if ours.headerComments != theirs.headerComments && ours.headerComments == base.headerComments {
            map.headerComments = theirs.headerComments
        }
        if ours.closingComments != theirs.closingComments && ours.closingComments == base.closingComments {
            map.closingComments = theirs.closingComments
        }
        return Result(map: map, conflicts: conflicts)
    }

    /// Values with unique keys: repeated keys get an occurrence number.
    static func keyed<Value>(_ values: [Value], key: (Value) -> String) -> [(key: String, value: Value)] {
        var seen: [String: Int] = [:]
        return values.map { value in
            let base = key(value)
            let count = seen[base, default: 0]
            seen[base] = count + 1
            return (count == 0 ? base : "\(base) #\(count + 1)", value)
        }
    }

    /// The three-way merge of keyed lists, in our order, with their additions placed after the
    /// item that precedes them on their side. `mergeValue` merges an item both sides changed,
    /// or returns nil for a conflict.
    static func merge3<Value: Equatable>(
        base: [(key: String, value: Value)], ours: [(key: String, value: Value)], theirs: [(key: String, value: Value)],
        conflicts: inout [String], mergeValue: (Value, Value, Value) -> Value?
    ) -> [Value] {
        let baseValues = Dictionary(base.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        let theirValues = Dictionary(theirs.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        let ourKeys = Set(ours.map(\.key))
        var result: [(key: String, value: Value)] = []
        for (key, mine) in ours {
            let original = baseValues[key]
            let other = theirValues[key]
            switch (original, other) {
            case (nil, nil):
                result.append((key, mine))
            case (nil, let added?):
                if added == mine {
                    result.append((key, mine))
                } else {
                    conflicts.append("both sides added \(key) differently")
                    result.append((key, mine))
                }
            case (let original?, nil):
                if mine != original {
                    conflicts.append("\(key) was changed on one side and removed on the other")
                    result.append((key, mine))
                }
            case (let original?, let other?):
                if mine == other || other == original {
                    result.append((key, mine))
                } else if mine == original {
                    result.append((key, other))
                } else if let merged = mergeValue(original, mine, other) {
                    result.append((key, merged))
                } else {
                    conflicts.append("\(key) was changed differently on both sides")
                    result.append((key, mine))
                }
            }
        }
        // Their additions (and their changes to what we removed).
        var anchor: String?
        for (key, value) in theirs {
            defer { anchor = key }
            guard !ourKeys.contains(key) else { continue }
            if let original = baseValues[key] {
                if value != original { conflicts.append("\(key) was removed on one side and changed on the other") }
                continue  // we removed it
            }
            var position = result.count
            if let anchor, let index = result.lastIndex(where: { $0.key == anchor }) { position = index + 1 }
            result.insert((key, value), at: position)
        }
        return result.map(\.value)
    }

    /// Both sides changed the same item: merge blocks field by field.
    static func mergeItem(base: MapItem, ours: MapItem, theirs: MapItem) -> MapItem? {
        var conflicts: [String] = []
        switch (base, ours, theirs) {
        case (.part(let b), .part(var o), .part(let t)):
            guard let name = pick(b.name, o.name, t.name), let comments = pick(b.comments, o.comments, t.comments) else { return nil }
            o.name = name.value
            o.comments = comments.value
            o.fields = merge3(base: keyed(b.fields, key: fieldKey), ours: keyed(o.fields, key: fieldKey),
                              theirs: keyed(t.fields, key: fieldKey), conflicts: &conflicts) { _, _, _ in nil }
            return conflicts.isEmpty ? .part(o) : nil
        case (.session(let b), .session(var o), .session(let t)):
            guard let comments = pick(b.comments, o.comments, t.comments) else { return nil }
            o.comments = comments.value
            o.fields = merge3(base: keyed(b.fields, key: { $0.value.key + " " + $0.value.partReferences.map(\.rawValue).joined() }),
                              ours: keyed(o.fields, key: { $0.value.key + " " + $0.value.partReferences.map(\.rawValue).joined() }),
                              theirs: keyed(t.fields, key: { $0.value.key + " " + $0.value.partReferences.map(\.rawValue).joined() }),
                              conflicts: &conflicts) { _, _, _ in nil }
            return conflicts.isEmpty ? .session(o) : nil
        case (.selfBlock(let b), .selfBlock(var o), .selfBlock(let t)):
            guard let comments = pick(b.comments, o.comments, t.comments) else { return nil }
            o.comments = comments.value
            o.fields = merge3(base: keyed(b.fields, key: { $0.value.key }), ours: keyed(o.fields, key: { $0.value.key }),
                              theirs: keyed(t.fields, key: { $0.value.key }), conflicts: &conflicts) { _, _, _ in nil }
            return conflicts.isEmpty ? .selfBlock(o) : nil
        default:
            return nil
        }
    }

    /// A part field's identity: its key, and for burdens their text (two burdens are two items).
    static func fieldKey(_ field: PartField) -> String {
        if case .burden(let burden) = field.value { return "burden \(burden.text)" }
        return field.value.key
    }

    /// The three-way choice for one value: nil when both sides changed it differently.
    static func pick<Value: Equatable>(_ base: Value, _ ours: Value, _ theirs: Value) -> Picked<Value>? {
        if ours == theirs || theirs == base { return Picked(value: ours) }
        if ours == base { return Picked(value: theirs) }
        return nil
    }

    struct Picked<Value> {
        var value: Value
    }
}
