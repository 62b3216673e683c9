/// Which parts to list: by role, by status, by tag (`partsmap part list --role exile --tag grief`).
///
/// Each kind of condition left empty lets every part through; one with several values lets a part
/// through when it matches any of them (a part has one role and one status, so `--role manager
/// --role firefighter` means either). Different kinds must all hold.
public struct PartFilter: Sendable, Equatable {
    /// Roles to keep (a part with no `role:` line has the role `unknown`).
    public var roles: Set<Role>
    /// Statuses to keep; a part with no `status:` line matches none.
    public var statuses: Set<PartStatus>
    /// Tags to keep: a part with any of them.
    public var tags: Set<String>

    /// A filter; with no conditions it keeps every part.
    public init(roles: Set<Role> = [], statuses: Set<PartStatus> = [], tags: Set<String> = []) {
        self.roles = roles
        self.statuses = statuses
        self.tags = tags
    }

    /// Whether `part` passes every condition.
    public func matches(_ part: Part) -> Bool {
        if !roles.isEmpty && !roles.contains(part.role) { return false }
        if !statuses.isEmpty && !(part.status.map(statuses.contains) ?? false) { return false }
        if !tags.isEmpty && !tags.contains(where: { TagVocabulary.matches($0, in: part.tags) }) { return false }
        return true
    }

    /// The parts of `map` that pass, in map order.
    public func parts(of map: SystemMap) -> [Part] {
        map.parts.filter(matches)
    }
}
