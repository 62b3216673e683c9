/// Writes an edited map back over its original text, changing only the lines that must change.
///
/// People edit their maps by hand too, and keep them in git. So after a command changes the
/// model, the new text reuses the original lines of every item and field that did not change
/// (with their spacing, comments and blank lines), and prints only what is new or different.
/// Adding a part adds lines; it does not rewrite the file.
public enum MapEditor {
    /// The text for `edited`, given the text it was read from and what the parser made of it.
    /// `original` must be free of errors.
    public static func text(for edited: SystemMap, original: ParsedMap, source: SourceText) -> String {
        var splicer = Splicer(original: original, source: source)
        return splicer.text(for: edited)
    }
}

private struct Splicer {
    let original: ParsedMap
    let source: SourceText
    var output: [String] = []
    /// Original items that the edited map still has.
    var keptItems: Set<Int> = []
    var itemsByKey: [String: [Int]] = [:]

    init(original: ParsedMap, source: SourceText) {
        self.original = original
        self.source = source
        for (index, item) in original.map.items.enumerated() {
            itemsByKey[item.identityKey, default: []].append(index)
        }
    }

    func line(_ number: Int) -> String {
        guard let range = source.lineRange(number) else { return "" }
        return String(decoding: source.bytes[range], as: UTF8.self)
    }

    func lines(_ range: ClosedRange<Int>) -> [String] {
        range.map(line)
    }

    /// The original lines strictly between two line numbers (blank lines, usually).
    func gap(after previousEnd: Int, before start: Int) -> [String] {
        previousEnd + 1 < start ? lines((previousEnd + 1)...(start - 1)) : []
    }

    mutating func text(for edited: SystemMap) -> String {
        let items = original.map.items
        let locations = original.locations
        let lastOriginalLine = locations.last?.lines.upperBound ?? original.headerLine
        if edited.headerComments == original.map.headerComments, original.headerLine > 0 {
            output += lines(1...original.headerLine)
        } else {
            output += MapPrinter.headerLines(edited.headerComments)
        }
        var matches: [Int?] = []
        for item in edited.items { matches.append(match(item)) }
        matchByPosition(edited.items, &matches)
        keptItems = Set(matches.compactMap { $0 })
        var previous: MapItem?
        for (item, matched) in zip(edited.items, matches) {
            if let index = matched {
                let location = locations[index]
                output += gap(before: index)
                if item == items[index] {
                    output += lines(location.lines)
                } else {
                    splice(item, over: items[index], at: location)
                }
            } else {
                if MapPrinter.needsBlankLine(before: item, after: previous) { output.append("") }
                output += MapPrinter.lines(for: item)
            }
            previous = item
        }
        if edited.closingComments == original.map.closingComments {
            if lastOriginalLine < source.lineCount { output += lines((lastOriginalLine + 1)...source.lineCount) }
        } else {
            output += MapPrinter.closingLines(edited.closingComments)
        }
        return output.joined(separator: "\n") + "\n"
    }

    /// Pairs items that changed identity (a renamed part, a relationship whose ends were renamed)
    /// with the unmatched original item of the same kind that sits where they sit, so their
    /// unchanged lines are reused too.
    func matchByPosition(_ items: [MapItem], _ matches: inout [Int?]) {
        let used = Set(matches.compactMap { $0 })
        var free = original.map.items.indices.filter { !used.contains($0) }
        var lastMatched = -1
        for (position, item) in items.enumerated() {
            if let matched = matches[position] {
                lastMatched = matched
                continue
            }
            if let slot = free.firstIndex(where: { $0 > lastMatched && Splicer.kind(original.map.items[$0]) == Splicer.kind(item) }) {
                matches[position] = free[slot]
                lastMatched = free[slot]
                free.remove(at: slot)
            }
        }
    }

    static func kind(_ item: MapItem) -> String {
        switch item {
        case .field(let field): return "field \(field.key)"
        case .selfBlock: return "self"
        case .part: return "part"
        case .relationship: return "relationship"
        case .session: return "session"
        case .burden: return "burden"
        }
    }

    /// The blank lines above original item `index`; when the item above it was removed and this
    /// one had none of its own, the removed item's, so deleting an item keeps the spacing.
    func gap(before index: Int) -> [String] {
        let locations = original.locations
        let previousEnd = index == 0 ? original.headerLine : locations[index - 1].lines.upperBound
        let own = gap(after: previousEnd, before: locations[index].lines.lowerBound)
        if own.isEmpty, index > 0, !keptItems.contains(index - 1) { return gap(before: index - 1) }
        return own
    }

    /// The original item this edited item continues, if any (same kind and identity).
    mutating func match(_ item: MapItem) -> Int? {
        let key = item.identityKey
        guard var candidates = itemsByKey[key], !candidates.isEmpty else { return nil }
        let index = candidates.removeFirst()
        itemsByKey[key] = candidates
        return index
    }

    /// A changed item: reuse its header lines and unchanged fields, print the rest.
    mutating func splice(_ item: MapItem, over old: MapItem, at location: ItemLocation) {
        let headerRange = location.lines.lowerBound...location.start.line
        if sameHead(item, old) {
            output += lines(headerRange)
        } else {
            output += reprinted(MapPrinter.headLines(for: item), keepingComments: item.comments.leading == old.comments.leading,
                                commentLines: location.lines.lowerBound..<location.start.line)
        }
        switch (item, old) {
        case (.part(let new), .part(let previous)):
            spliceFields(new.fields, previous.fields, location, key: { $0.value.key + Splicer.argument($0.value) },
                         print: MapPrinter.lines(for:))
        case (.session(let new), .session(let previous)):
            spliceFields(new.fields, previous.fields, location, key: { $0.value.key + Splicer.argument($0.value) },
                         print: MapPrinter.lines(for:))
        case (.selfBlock(let new), .selfBlock(let previous)):
            spliceFields(new.fields, previous.fields, location, key: { $0.value.key }, print: MapPrinter.lines(for:))
        default:
            break
        }
    }

    /// Whether two items have the same head (everything but their fields).
    func sameHead(_ item: MapItem, _ old: MapItem) -> Bool {
        switch (item, old) {
        case (.part(let a), .part(let b)): return a.id == b.id && a.name == b.name && a.comments == b.comments
        case (.session(let a), .session(let b)): return a.date == b.date && a.title == b.title && a.comments == b.comments
        case (.selfBlock(let a), .selfBlock(let b)): return a.comments == b.comments
        default: return false
        }
    }

    /// Printed lines for a changed line, keeping the original comment lines above it when the
    /// comments themselves did not change (their spacing is the person's).
    func reprinted(_ printed: [String], keepingComments: Bool, commentLines: Range<Int>) -> [String] {
        guard keepingComments else { return printed }
        return commentLines.map(line) + printed.dropFirst(commentLines.count)
    }

    mutating func spliceFields<Field: Equatable & CommentedField>(
        _ fields: [Field], _ oldFields: [Field], _ location: ItemLocation,
        key: (Field) -> String, print: (Field) -> [String]
    ) {
        var oldByKey: [String: [Int]] = [:]
        for (index, field) in oldFields.enumerated() { oldByKey[key(field), default: []].append(index) }
        for field in fields {
            let fieldKey = key(field)
            if var candidates = oldByKey[fieldKey], !candidates.isEmpty, candidates[0] < location.fieldLines.count {
                let index = candidates.removeFirst()
                oldByKey[fieldKey] = candidates
                let range = location.fieldLines[index]
                let previousEnd = index == 0 ? location.start.line : location.fieldLines[index - 1].upperBound
                output += gap(after: previousEnd, before: range.lowerBound)
                if field == oldFields[index] {
                    output += lines(range)
                } else {
                    let keyLine = location.fields[index].line
                    output += reprinted(print(field), keepingComments: field.comments.leading == oldFields[index].comments.leading,
                                        commentLines: range.lowerBound..<keyLine)
                }
            } else {
                output += print(field)
            }
        }
    }

    /// The part a keyed session line is about, so `status fog` and `status little` stay apart.
    static func argument(_ value: SessionField.Value) -> String {
        switch value {
        case .statusChange(let change): return " " + change.part.rawValue
        case .sixFs(let part, _): return " " + part.rawValue
        case .unburdening, .feelToward, .blended, .roleChange, .permission, .intensity:
            return " " + value.partReferences.map(\.rawValue).joined(separator: " ")
        default: return ""
        }
    }

    static func argument(_ value: PartField.Value) -> String { "" }
}

/// A field line with comments: part, session and self fields.
protocol CommentedField {
    var comments: Comments { get }
}

extension PartField: CommentedField {}
extension SessionField: CommentedField {}
extension SelfField: CommentedField {}
