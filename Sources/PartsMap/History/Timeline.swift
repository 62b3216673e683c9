/// The frames of a timeline: the map after each commit, or as it stood at each session.
public struct Timeline: Sendable {
    public struct Frame: Sendable {
        public var caption: String
        public var map: SystemMap
        public var decorations: DOTDecorations
    }

    public var title: String
    public var frames: [Frame]

    /// One frame per commit, each marking what that commit added, changed or removed.
    public init(commits: [(label: String, before: SystemMap, map: SystemMap)], title: String) {
        self.title = title
        frames = commits.map { commit in
            let (union, decorations) = DiffMap.make(from: commit.before, to: commit.map, subtitle: commit.label)
            var frameDecorations = decorations
            frameDecorations.legend = []
            return Frame(caption: commit.label, map: union, decorations: frameDecorations)
        }
    }

    /// One frame per session: every part with its status as of that session, the parts that
    /// were present drawn with a thick outline and "present", and the session's Self-energy.
    public init(sessionsOf map: SystemMap) {
        title = map.title ?? "Parts map"
        let sessions = map.sessions
        var frames: [Frame] = []
        for (index, session) in sessions.enumerated() {
            var frameMap = map
            for part in map.parts {
                let status = Timeline.status(of: part.id, after: index, in: sessions)
                frameMap.updatePart(part.id) { part in
                    part.fields.removeAll { if case .status = $0.value { return true } else { return false } }
                    if let status { part.fields.append(PartField(.status(status))) }
                }
            }
            var caption = "Session \(index + 1) of \(sessions.count): \(session.date)" + (session.title.map { " " + $0 } ?? "")
            if !session.selfEnergy.isEmpty {
                caption += "\nSelf: " + session.selfEnergy.map { "\($0.quality.rawValue) \($0.score)" }.joined(separator: ", ")
            }
            var decorations = DOTDecorations()
            decorations.subtitle = caption
            for id in session.present {
                decorations.parts[id] = Emphasis(.present, note: "present")
            }
            frames.append(Frame(caption: caption, map: frameMap, decorations: decorations))
        }
        self.frames = frames
    }

    /// A part's status once session `index` is over: its last change up to then, else the
    /// status before its first later change, else unknown.
    static func status(of id: PartID, after index: Int, in sessions: [Session]) -> PartStatus? {
        var latest: PartStatus?
        for session in sessions[...index] {
            for change in session.statusChanges where change.part == id { latest = change.to }
        }
        if let latest { return latest }
        for session in sessions[(index + 1)...] {
            if let change = session.statusChanges.first(where: { $0.part == id }) { return change.from }
        }
        return nil
    }

    /// A map holding every part and relationship of every frame: laid out once, it gives each
    /// part one place in all frames.
    public var union: SystemMap {
        var items: [MapItem] = []
        var seenParts: Set<PartID> = []
        var seenRelationships: Set<String> = []
        for frame in frames {
            for part in frame.map.parts where seenParts.insert(part.id).inserted { items.append(.part(part)) }
        }
        for frame in frames {
            for relationship in frame.map.relationships where seenRelationships.insert(relationship.identity).inserted {
                items.append(.relationship(relationship))
            }
        }
        return SystemMap(items: items)
    }
}
