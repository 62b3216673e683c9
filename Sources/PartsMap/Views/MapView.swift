/// Which part of a map to draw, and how: a view never changes the map file, only the picture
/// (and the report) made from it.
public struct MapView: Sendable, Equatable {
    public enum Exiles: String, Sendable, CaseIterable {
        /// Exiles drawn as they are.
        case shown
        /// Exiles drawn as unnamed placeholders ("Exile"), for clients not ready to see them named.
        case placeholders
        /// Exiles left out.
        case omitted
    }

    public enum Grouping: String, Sendable, CaseIterable {
        /// Each exile in a box with the protectors that guard it.
        case protection
        /// One box per tag.
        case tag
    }

    public enum SessionChoice: Sendable, Equatable {
        case date(CalendarDate)
        case number(Int)
    }

    /// A part and its neighbourhood, `depth` relationships away.
    public var focus: PartID?
    public var depth: Int = 1
    /// Only managers, firefighters and protectors (and the Self).
    public var onlyProtectors = false
    public var exiles: Exiles = .shown
    /// Highlight the parts present in this session; fade the rest.
    public var session: SessionChoice?
    /// Only parts with this tag.
    public var tag: String?
    public var grouping: Grouping?

    public init() {}

    public var isIdentity: Bool { self == MapView() }

    /// Why a view cannot be applied to a map.
    public enum ViewError: Error, Equatable, Sendable, CustomStringConvertible {
        case unknownPart(PartID)
        case noSuchSession(String)

        public var description: String {
            switch self {
            case .unknownPart(let id): return "--focus: the map has no part '\(id)'"
            case .noSuchSession(let which): return "--session: the map has no session \(which)"
            }
        }
    }

    /// The map to draw, the marks to draw it with, and its clusters.
    public func apply(to map: SystemMap) throws(ViewError) -> (map: SystemMap, decorations: DOTDecorations, clusters: [Cluster]) {
        var keep = Set(map.parts.map(\.id))
        let relationships = map.relationships
        if let focus {
            guard keep.contains(focus) else { throw .unknownPart(focus) }
            var reached: Set<PartID> = [focus]
            var frontier: Set<PartID> = [focus]
            for _ in 0..<max(0, depth) {
                var next: Set<PartID> = []
                for relationship in relationships {
                    guard let from = relationship.from.partID, let to = relationship.to.partID else { continue }
                    if frontier.contains(from), !reached.contains(to) { next.insert(to) }
                    if frontier.contains(to), !reached.contains(from) { next.insert(from) }
                }
                reached.formUnion(next)
                frontier = next
            }
            keep = reached
        }
        if onlyProtectors { keep = keep.filter { map.part($0)?.role.isProtector ?? false } }
        if let tag { keep = keep.filter { TagVocabulary.matches(tag, in: map.part($0)?.tags ?? []) } }
        if exiles == .omitted { keep = keep.filter { map.part($0)?.role != .exile } }

        var decorations = DOTDecorations()
        var items: [MapItem] = []
        var placeholderCount = 0
        for item in map.items {
            switch item {
            case .part(var part):
                guard keep.contains(part.id) else { continue }
                if exiles == .placeholders && part.role == .exile {
                    placeholderCount += 1
                    part = Part(id: part.id, name: "Exile", fields: [PartField(.role(.exile))])
                }
                items.append(.part(part))
            case .relationship(var relationship):
                let ends = [relationship.from, relationship.to].compactMap(\.partID)
                guard ends.allSatisfy(keep.contains) else { continue }
                if exiles == .placeholders, ends.contains(where: { map.part($0)?.role == .exile }) { relationship.note = nil }
                items.append(.relationship(relationship))
            default:
                items.append(item)
            }
        }
        var viewed = SystemMap(items: items, headerComments: map.headerComments, closingComments: map.closingComments)
        if exiles == .placeholders {
            // A placeholder's ID would name it in the SVG source: give it a neutral one.
            var number = 0
            for part in viewed.parts where part.role == .exile {
                number += 1
                var candidate = PartID(unchecked: "exile-\(number)")
                while viewed.part(candidate) != nil && candidate != part.id { candidate = PartID(unchecked: candidate.rawValue + "x") }
                viewed.renamePart(part.id, to: candidate)
                decorations.parts[candidate] = Emphasis(.placeholder)
            }
        }

        if let session {
            let sessions = map.sessions
            let chosen: Session?
            switch session {
            case .date(let date): chosen = sessions.last { $0.date == date }
            case .number(let number): chosen = number >= 1 && number <= sessions.count ? sessions[number - 1] : nil
            }
            guard let chosen else {
                switch session {
                case .date(let date): throw .noSuchSession(date.description)
                case .number(let number): throw .noSuchSession(String(number))
                }
            }
            let present = Set(chosen.present)
            for part in viewed.parts {
                if present.contains(part.id) {
                    decorations.parts[part.id] = Emphasis(.present, note: "PRESENT")
                } else {
                    decorations.parts[part.id] = Emphasis(.faded)
                }
            }
            for relationship in viewed.relationships where !(relationship.from.partID.map(present.contains) ?? true)
                || !(relationship.to.partID.map(present.contains) ?? true) {
                decorations.relationships[relationship.identity] = Emphasis(.faded)
            }
            decorations.subtitle = "Session of \(chosen.date)" + (chosen.title.map { ": " + $0 } ?? "")
            decorations.legend = [.init(caption: "PRESENT\n(thick outline)", emphasis: Emphasis(.present)),
                                  .init(caption: "not present\n(faded, dotted)", emphasis: Emphasis(.faded))]
        }
        if let focus, decorations.parts[focus] == nil { decorations.parts[focus] = Emphasis(.focus) }
        if placeholderCount > 0 && decorations.subtitle == nil { decorations.subtitle = "Exiles shown as placeholders" }
        if viewed.parts.isEmpty && !map.parts.isEmpty { viewed.items.removeAll { if case .session = $0 { return true } else { return false } } }
        return (viewed, decorations, clusters(for: viewed))
    }

    /// A box of parts drawn together.
    public struct Cluster: Sendable, Equatable {
        public var label: String
        public var members: [PartID]
    }

    func clusters(for map: SystemMap) -> [Cluster] {
        guard let grouping else { return [] }
        var placed: Set<PartID> = []
        var clusters: [Cluster] = []
        switch grouping {
        case .protection:
            for exile in map.parts where exile.role == .exile {
                let protectors = map.relationships.filter { $0.kind == .protects && $0.to == .part(exile.id) }
                    .compactMap(\.from.partID).filter { !placed.contains($0) }
                let members = [exile.id] + protectors
                placed.formUnion(members)
                clusters.append(Cluster(label: "Protecting \(exile.displayName)", members: members))
            }
        case .tag:
            var tags: [String] = []
            for part in map.parts { for tag in part.tags where !tags.contains(tag) { tags.append(tag) } }
            for tag in tags {
                let members = map.parts.filter { $0.tags.contains(tag) && !placed.contains($0.id) }.map(\.id)
                placed.formUnion(members)
                let label = TagVocabulary.of(tag) == nil ? "#" + tag : TagVocabulary.describe(tag)
                if !members.isEmpty { clusters.append(Cluster(label: label, members: members)) }
            }
        }
        return clusters
    }
}
