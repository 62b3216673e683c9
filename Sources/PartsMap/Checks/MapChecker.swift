/// Checks a map against IFS practice and reports what looks wrong as warnings.
///
/// These are not errors: a map that breaks them still reads and renders. They catch the slips
/// that make a map misleading (a protector recorded as protecting a manager, an exile nobody
/// guards) and point at the line to look at.
public enum MapChecker {
    /// Warnings for `map`, in file order. `locations` (from the parser) gives them lines;
    /// without it they point at line 1.
    public static func check(_ map: SystemMap, locations: [ItemLocation] = []) -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        // Only roles are looked up: a small table keeps the checker's working set small.
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

        var protectedIDs: Set<PartID> = []
        var seenRelationships: [Key: Int] = [:]
        var latestStatusChange: [PartID: (date: CalendarDate, status: PartStatus, location: SourceLocation)] = [:]
        var previousSessionDate: CalendarDate?

        for (index, item) in map.items.enumerated() {
            switch item {
            case .relationship(let relationship):
                let location = itemLocation(index)
                let from = describe(relationship.from)
                let to = describe(relationship.to)
                if relationship.from == relationship.to {
                    warnings.append(.warning("\(from.text) is related to itself", at: location))
                }
                let key = Key(relationship)
                if let line = seenRelationships[key] {
                    warnings.append(.warning("this repeats the relationship on line \(line)", at: location))
                } else {
                    seenRelationships[key] = location.line
                }
                switch relationship.kind {
                case .protects:
                    if let id = relationship.to.partID { protectedIDs.insert(id) }
                    if !(from.role?.isProtector ?? false) {
                        warnings.append(.warning(
                            "\(from.text) protects, but \(roleText(from.role)); protectors are managers or firefighters",
                            at: location))
                    }
                    if to.role != .exile {
                        warnings.append(.warning(
                            "\(to.text) is protected, but \(roleText(to.role)); protectors guard exiles", at: location))
                    }
                case .polarized:
                    for end in [from, to] where end.role == nil || end.role == .exile {
                        let what = end.role == nil ? "the Self does not polarize with parts"
                            : "polarizations are between protectors, not exiles"
                        warnings.append(.warning("\(end.text) is polarized: \(what)", at: location))
                    }
                case .allied, .blends, .triggers:
                    break
                }
            case .session(let session):
                if let previous = previousSessionDate, session.date < previous {
                    warnings.append(.warning("this session is dated before the one above it (\(previous))",
                                             at: itemLocation(index)))
                }
                previousSessionDate = session.date
                for (fieldIndex, field) in session.fields.enumerated() {
                    let location = fieldLocation(index, fieldIndex)
                    switch field.value {
                    case .statusChange(let change):
                        if change.goesBack && change.note == nil, let from = change.from {
                            warnings.append(.warning(
                                "'\(change.part)' goes back from \(from.rawValue) to \(change.to.rawValue) with no note; "
                                    + "add one after a colon to say what happened", at: location))
                        }
                        latestStatusChange[change.part] = (session.date, change.to, location)
                    case .selfEnergy(let ratings):
                        for rating in ratings where !QualityRating<SelfQuality>.expectedRange.contains(rating.score) {
                            warnings.append(.warning(
                                "\(rating.quality.rawValue) is rated \(rating.score); ratings run from 0 to 10", at: location))
                        }
                    case .selfPresence(let ratings):
                        for rating in ratings where !QualityRating<SelfPresenceQuality>.expectedRange.contains(rating.score) {
                            warnings.append(.warning(
                                "\(rating.quality.rawValue) is rated \(rating.score); ratings run from 0 to 10", at: location))
                        }
                    default:
                        break
                    }
                }
            case .field, .selfBlock, .part:
                break
            }
        }

        for (index, item) in map.items.enumerated() {
            guard case .part(let part) = item else { continue }
            if part.role == .exile && !protectedIDs.contains(part.id) {
                warnings.append(.warning(
                    "exile '\(part.id)' has no protector recorded; add a line such as 'PROTECTOR protects \(part.id)'",
                    at: itemLocation(index)))
            }
            if let latest = latestStatusChange[part.id], let status = part.status, status != latest.status {
                let statusField = part.fields.firstIndex { if case .status = $0.value { return true } else { return false } }
                warnings.append(.warning(
                    "'\(part.id)' has status \(status.rawValue), but the session of \(latest.date) moved it to "
                        + "\(latest.status.rawValue)", at: fieldLocation(index, statusField ?? 0)))
            }
        }
        return warnings.sorted { $0.location < $1.location }
    }
}
