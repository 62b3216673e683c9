/// Checks a map against IFS practice, the way a consultant would, and reports what looks wrong
/// as warnings, each found by a named rule (`CheckRule`, documented in docs/checks.md).
///
/// These are not errors: a map that breaks them still reads and renders. They catch the slips
/// that make a map misleading or work unsafe (an exile nobody guards, unburdening begun before a
/// protector agreed) and point at the line to look at. A map switches rules off with
/// `ignore-checks: ID, ...`; an item or field with a `# partsmap-ignore: ID` comment.
public enum MapChecker {
    /// The comment that switches rules off for the item or field it belongs to.
    public static let ignoreDirective = "partsmap-ignore:"

    /// Warnings for `map`, in file order, without those the map or its comments switch off and
    /// those in `ignoring`. `locations` (from the parser) gives them lines; without it they point
    /// at line 1.
    public static func check(_ map: SystemMap, locations: [ItemLocation] = [], ignoring: Set<String> = []) -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        // Only roles and statuses are looked up: a small table keeps the checker's working set small.
        var roles: [PartID: Role] = [:]
        roles.reserveCapacity(map.items.count)
        for item in map.items {
            if case .part(let part) = item, roles[part.id] == nil { roles[part.id] = part.role }
        }

        func itemLocation(_ index: Int) -> SourceLocation {
            index < locations.count ? locations[index].start : SourceLocation(line: 1, column: 1)
        }
        func fieldLocation(_ index: Int, _ field: Int) -> SourceLocation {
            guard index < locations.count, field < locations[index].fields.count else { return itemLocation(index) }
            return locations[index].fields[field]
        }
        func warn(_ rule: String, _ message: String, at location: SourceLocation) {
            warnings.append(.warning(message, at: location, rule: rule))
        }
        /// An endpoint's role (nil for the Self), and how to name it in a warning (made only when needed).
        struct End {
            var endpoint: Relationship.Endpoint
            var role: Role?
            var text: String {
                switch endpoint {
                case .theSelf: return "Self"
                case .part(let id): return "'\(id)'"
                }
            }
        }
        func describe(_ endpoint: Relationship.Endpoint) -> End {
            switch endpoint {
            case .theSelf: return End(endpoint: endpoint, role: nil)
            case .part(let id): return End(endpoint: endpoint, role: roles[id] ?? .unknown)
            }
        }
        /// A relationship's identity without building text: the same for `a polarized b` and `b polarized a`.
        struct Key: Hashable {
            var first: Relationship.Endpoint
            var kind: Relationship.Kind
            var second: Relationship.Endpoint
            init(_ relationship: Relationship) {
                kind = relationship.kind
                if kind.isSymmetric && relationship.to.description < relationship.from.description {
                    (first, second) = (relationship.to, relationship.from)
                } else {
                    (first, second) = (relationship.from, relationship.to)
                }
            }
        }

        func roleText(_ role: Role?) -> String {
            switch role {
            case nil: return "that is the Self"
            case .unknown?: return "its role is not recorded"
            case .exile?: return "it is an exile"
            case let role?: return "it is a \(role.rawValue)"
            }
        }

        var protectors: [PartID: [PartID]] = [:]
        var polarizedParts: Set<PartID> = []
        var triggeredFirefighters: [PartID: [PartID]] = [:]
        var blendsSelf: [PartID: SourceLocation] = [:]
        var seenRelationships: [Key: Int] = [:]
        var latestStatusChange: [PartID: (date: CalendarDate, status: PartStatus, location: SourceLocation)] = [:]
        var firstStatusChange: [PartID: SourceLocation] = [:]
        var previousSessionDate: CalendarDate?

        // Relationships first: the session rules need every protector, wherever it is written.
        for (index, item) in map.items.enumerated() {
            guard case .relationship(let relationship) = item else { continue }
            let location = itemLocation(index)
            let from = describe(relationship.from)
            let to = describe(relationship.to)
            if relationship.from == relationship.to {
                warn("related-to-itself", "\(from.text) is related to itself", at: location)
            }
            let key = Key(relationship)
            if let line = seenRelationships[key] {
                warn("duplicate-relationship", "this repeats the relationship on line \(line)", at: location)
            } else {
                seenRelationships[key] = location.line
            }
            switch relationship.kind {
            case .protects:
                if let id = relationship.to.partID, let guardID = relationship.from.partID { protectors[id, default: []].append(guardID) }
                if !(from.role?.isProtector ?? false) {
                    warn("protector-role",
                         "\(from.text) protects, but \(roleText(from.role)); protectors are managers or firefighters", at: location)
                }
                // A protector protecting a protector is ordinary IFS; only the Self needs no guard.
                if to.role == nil {
                    warn("protects-self", "Self is protected, but the Self needs no protector; is \(from.text) blended with Self?",
                         at: location)
                }
            case .polarized:
                for end in [from, to] where end.role == nil || end.role == .exile {
                    let what = end.role == nil ? "the Self does not polarize with parts"
                        : "polarizations are between protectors, not exiles"
                    warn("polarized-not-protectors", "\(end.text) is polarized: \(what)", at: location)
                }
                for end in [relationship.from, relationship.to] { if let id = end.partID { polarizedParts.insert(id) } }
            case .triggers:
                if to.role == .firefighter, let exile = relationship.from.partID, let firefighter = relationship.to.partID {
                    triggeredFirefighters[exile, default: []].append(firefighter)
                }
            case .blends:
                if relationship.to == .theSelf, let id = relationship.from.partID, blendsSelf[id] == nil { blendsSelf[id] = location }
            case .allied, .alternates:
                break
            }
        }

        var unburdeningSteps: [PartID: Set<UnburdeningStep>] = [:]
        for (index, item) in map.items.enumerated() {
            guard case .session(let session) = item else { continue }
            if let previous = previousSessionDate, session.date < previous {
                warn("session-order", "this session is dated before the one above it (\(previous))", at: itemLocation(index))
            }
            previousSessionDate = session.date
            for (fieldIndex, field) in session.fields.enumerated() {
                let location = fieldLocation(index, fieldIndex)
                switch field.value {
                case .statusChange(let change):
                    if change.goesBack && change.note == nil, let from = change.from {
                        warn("status-back-without-note",
                             "'\(change.part)' goes back from \(from.rawValue) to \(change.to.rawValue) with no note; "
                                 + "add one after a colon to say what happened", at: location)
                    }
                    latestStatusChange[change.part] = (session.date, change.to, location)
                    if firstStatusChange[change.part] == nil { firstStatusChange[change.part] = location }
                case .selfEnergy(let ratings):
                    for rating in ratings where !QualityRating<SelfQuality>.expectedRange.contains(rating.score) {
                        warn("rating-range", "\(rating.quality.rawValue) is rated \(rating.score); ratings run from 0 to 10", at: location)
                    }
                case .selfPresence(let ratings):
                    for rating in ratings where !QualityRating<SelfPresenceQuality>.expectedRange.contains(rating.score) {
                        warn("rating-range", "\(rating.quality.rawValue) is rated \(rating.score); ratings run from 0 to 10", at: location)
                    }
                case .sixFs(let part, let step):
                    if roles[part] == .exile {
                        warn("sixfs-on-exile", "the 6 Fs (\(step.rawValue)) are recorded for '\(part)', an exile; "
                                 + "exiles are witnessed and unburdened: use 'unburdening \(part): STEP'", at: location)
                    }
                case .feelings(let ratings):
                    for rating in ratings where !(0...10).contains(rating.score) {
                        warn("rating-range", "\(rating.feeling) is rated \(rating.score); ratings run from 0 to 10", at: location)
                    }
                    for rating in ratings where !FeelingWords.common.contains(rating.feeling.lowercased()) {
                        if let match = Suggestions.closest(to: rating.feeling, in: FeelingWords.common) {
                            warn("feeling-typo", "'\(rating.feeling)' is not a common feeling word; did you mean '\(match)'?",
                                 at: location)
                        }
                    }
                case .intensity(let intensity):
                    if !(0...10).contains(intensity.score) {
                        warn("rating-range", "the intensity of '\(intensity.part)' is rated \(intensity.score); ratings run from 0 to 10",
                             at: location)
                    }
                case .feelToward(let answer):
                    let partWords = answer.partAnswers
                    let blended = session.fields.contains { if case .blended = $0.value { return true } else { return false } }
                    if !partWords.isEmpty && !blended {
                        warn("feel-toward-unblended",
                             "feeling \(partWords.map { "'\($0)'" }.joined(separator: ", ")) toward '\(answer.part)' is not "
                                 + "Self; record which part was blended: 'blended PART: stepped-back' (or stayed)", at: location)
                    }
                case .unburdening(let record):
                    let part = record.part, step = record.step
                    if let role = roles[part], role != .exile {
                        warn("unburdening-not-exile", "unburdening (\(step.rawValue)) is recorded for '\(part)', but "
                                 + "\(roleText(role)); the steps of unburdening are for exiles", at: location)
                    }
                    let done = unburdeningSteps[part, default: []]
                    if let needed = step.needs, !done.contains(needed) {
                        warn("unburdening-order", "'\(part)': \(step.rawValue) is recorded before \(needed.rawValue); "
                                 + "record 'unburdening \(part): \(needed.rawValue)' first", at: location)
                    }
                    if roles[part] == .exile && done.isEmpty {
                        permissionWarnings(exile: part, protectors: protectors[part] ?? [], polarized: polarizedParts,
                                           upTo: index, in: map, at: location, warn: warn)
                    }
                    unburdeningSteps[part, default: []].insert(step)
                default:
                    break
                }
            }
        }

        /// `lineage-not-legacy`: a lineage only belongs to a legacy burden.
        func checkLineage(_ burden: Burden, at location: SourceLocation) {
            guard !burden.lineage.isEmpty, burden.kind != .legacy else { return }
            warn("lineage-not-legacy", "this \(burden.kind.rawValue) burden says who handed it down ('from "
                     + "\(burden.lineage.joined(separator: ", "))'); a lineage is for legacy burdens: write 'burden legacy "
                     + "from ...', or drop 'from' and say who was involved in a note", at: location)
        }

        // IDs that differ only in letter case need a capital (or a non-ASCII letter) somewhere:
        // most maps have none, and skip the table.
        let mayHaveCaseTwins = roles.keys.contains { $0.rawValue.utf8.contains { ($0 >= 0x41 && $0 <= 0x5A) || $0 >= 0x80 } }
        var byFoldedID: [String: (id: PartID, line: Int)] = [:]
        for (index, item) in map.items.enumerated() {
            if case .burden(let unattached) = item { checkLineage(unattached.burden, at: itemLocation(index)) }
            guard case .part(let part) = item else { continue }
            for (fieldIndex, field) in part.fields.enumerated() {
                if case .burden(let burden) = field.value { checkLineage(burden, at: fieldLocation(index, fieldIndex)) }
            }
            if mayHaveCaseTwins {
                let folded = part.id.rawValue.lowercased()
                if let first = byFoldedID[folded] {
                    if first.id != part.id {
                        warn("ids-differ-in-case", "part ID '\(part.id)' differs from '\(first.id)' (line \(first.line)) only in "
                                 + "letter case", at: itemLocation(index))
                    }
                } else {
                    byFoldedID[folded] = (part.id, itemLocation(index).line)
                }
            }
            if part.role == .exile && protectors[part.id] == nil {
                if let firefighter = triggeredFirefighters[part.id]?.first {
                    warn("exile-unprotected",
                         "exile '\(part.id)' is tied to the system only through '\(firefighter)', a firefighter it triggers; "
                             + "if '\(firefighter)' guards it, add '\(firefighter) protects \(part.id)'", at: itemLocation(index))
                } else {
                    warn("exile-unprotected",
                         "exile '\(part.id)' has no protector recorded; add a line such as 'PROTECTOR protects \(part.id)'",
                         at: itemLocation(index))
                }
            }
            for (fieldIndex, field) in part.fields.enumerated() {
                guard case .tags(let tags) = field.value else { continue }
                for tag in tags {
                    guard let (vocabulary, term) = TagVocabulary.of(tag), !vocabulary.terms.contains(term),
                          let match = Suggestions.closest(to: term, in: vocabulary.terms) else { continue }
                    warn("tag-typo", "'\(tag)' is not a documented \(vocabulary.label); did you mean '\(vocabulary.prefix):\(match)'?",
                         at: fieldLocation(index, fieldIndex))
                }
            }
            let statusField = part.fields.firstIndex { if case .status = $0.value { return true } else { return false } }
            if let latest = latestStatusChange[part.id], let status = part.status, status < latest.status {
                warn("status-behind-session",
                     "'\(part.id)' has status \(status.rawValue), but the session of \(latest.date) moved it on to "
                         + "\(latest.status.rawValue); set 'status: \(latest.status.rawValue)', or record the step back "
                         + "in a session with a note", at: fieldLocation(index, statusField ?? 0))
            }
            if part.status == nil, let first = firstStatusChange[part.id] {
                warn("status-missing", "a session changes the status of '\(part.id)', but the part has no 'status:'; "
                         + "add it with 'partsmap part set \(part.id) status STATUS'", at: first)
            }
            if let status = part.status, status >= .unburdened {
                for (fieldIndex, field) in part.fields.enumerated() {
                    guard case .burden(let burden) = field.value, burden.state == .carried else { continue }
                    var released = burden
                    released.state = .released
                    warn("burden-still-carried", "'\(part.id)' is \(status.rawValue), but this burden is still carried; "
                             + "mark it 'witnessed' or 'released' (burden \(released.header): ...)",
                         at: fieldLocation(index, fieldIndex))
                }
            }
            if part.status == .integrated, let location = blendsSelf[part.id] {
                warn("integrated-still-blends", "'\(part.id)' is integrated, but still blends with Self here; "
                         + "remove this line if it no longer blends, or set its status back", at: location)
            }
        }
        return suppress(warnings, map: map, locations: locations, ignoring: ignoring).sorted { $0.location < $1.location }
    }

    /// `permission-missing` and `permission-refused` for the first unburdening step of `exile`,
    /// recorded in item `index`: every protector's latest answer up to that session.
    private static func permissionWarnings(
        exile: PartID, protectors: [PartID], polarized: Set<PartID>, upTo index: Int, in map: SystemMap,
        at location: SourceLocation, warn: (String, String, SourceLocation) -> Void
    ) {
        guard !protectors.isEmpty else { return }
        var answers: [PartID: PermissionAnswer] = [:]
        for item in map.items[...index] {
            guard case .session(let session) = item else { continue }
            for field in session.fields {
                if case .permission(let permission) = field.value, permission.exile == exile {
                    answers[permission.protector] = permission.answer
                }
            }
        }
        var seen: Set<PartID> = []
        for protector in protectors where seen.insert(protector).inserted {
            switch answers[protector] {
            case nil:
                let polarizedNote = polarized.contains(protector) ? " (it is polarized: ask it especially)" : ""
                warn("permission-missing", "unburdening of '\(exile)' began, but its protector '\(protector)' has not "
                         + "given permission\(polarizedNote); record 'permission \(protector) for \(exile): agrees' "
                         + "(or refuses, or conditions: ...)", location)
            case .refuses?:
                warn("permission-refused", "unburdening of '\(exile)' began, but its protector '\(protector)' last "
                         + "refused permission; record what it agreed to since, or return to its fears", location)
            case .agrees?, .conditions?:
                break
            }
        }
    }

    /// Drops the warnings switched off by `ignoring`, the map's `ignore-checks:` and
    /// `# partsmap-ignore:` comments, and warns about rule IDs there that do not exist.
    private static func suppress(_ warnings: [Diagnostic], map: SystemMap, locations: [ItemLocation],
                                 ignoring: Set<String>) -> [Diagnostic] {
        var unknown: [Diagnostic] = []
        let ids = CheckRule.all.map(\.id)
        func checked(_ rules: [String], at location: SourceLocation) -> [String] {
            for rule in rules where CheckRule.named(rule) == nil {
                unknown.append(.warning(Suggestions.unknown("check rule", rule, in: ids,
                                                            otherwise: "'partsmap check --explain' lists the rules"),
                                        at: location, rule: "unknown-rule"))
            }
            return rules
        }
        var mapWide = ignoring
        /// Rules switched off on these lines.
        var ranges: [(lines: ClosedRange<Int>, rules: Set<String>)] = []
        for (index, item) in map.items.enumerated() {
            let location = index < locations.count ? locations[index] : nil
            let start = location?.start ?? SourceLocation(line: 1, column: 1)
            if case .field(let field) = item, field.key == "ignore-checks" {
                mapWide.formUnion(checked(splitRules(field.value), at: start))
            }
            let itemRules = directiveRules(item.comments)
            if !itemRules.isEmpty, let location {
                ranges.append((location.lines, Set(checked(itemRules, at: start))))
            }
            for (fieldIndex, comments) in fieldComments(item).enumerated() {
                let rules = directiveRules(comments)
                guard !rules.isEmpty, let location, fieldIndex < location.fieldLines.count else { continue }
                ranges.append((location.fieldLines[fieldIndex], Set(checked(rules, at: location.fields[fieldIndex]))))
            }
        }
        let kept = warnings.filter { warning in
            guard let rule = warning.rule else { return true }
            if mapWide.contains(rule) { return false }
            return !ranges.contains { $0.lines.contains(warning.location.line) && $0.rules.contains(rule) }
        }
        return mapWide.contains("unknown-rule") ? kept : kept + unknown
    }

    private static func fieldComments(_ item: MapItem) -> [Comments] {
        switch item {
        case .part(let part): return part.fields.map(\.comments)
        case .session(let session): return session.fields.map(\.comments)
        case .selfBlock(let block): return block.fields.map(\.comments)
        case .field, .relationship, .burden: return []
        }
    }

    /// The rule IDs of `# partsmap-ignore: a, b` comments, leading or trailing.
    static func directiveRules(_ comments: Comments) -> [String] {
        (comments.leading + (comments.trailing.map { [$0] } ?? [])).flatMap { comment -> [String] in
            let text = comment.trimmingBlanks()
            guard text.hasPrefix(ignoreDirective) else { return [] }
            return splitRules(String(text.dropFirst(ignoreDirective.count)))
        }
    }

    static func splitRules(_ text: String) -> [String] {
        text.split(separator: ",").map { String($0).trimmingBlanks() }.filter { !$0.isEmpty }
    }
}

extension UnburdeningStep {
    /// The step that must come before this one (the do-over is optional, so nothing needs it).
    var needs: UnburdeningStep? {
        switch self {
        case .witnessing: return nil
        case .doOver, .retrieval, .unburdening: return .witnessing
        case .invitation, .integration: return .unburdening
        }
    }
}
