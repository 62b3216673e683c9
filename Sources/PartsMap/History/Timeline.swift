/// The frames of a timeline: the map after each commit, or as it was known at each session.
/// Frames are made one at a time (a workbook kept for years has hundreds) and gathered into
/// `TimelineFrames`, which keeps only what changes from frame to frame.
public struct Timeline: Sendable {
    public struct Frame: Sendable {
        public var caption: String
        public var map: SystemMap
        public var decorations: DOTDecorations
        /// A mark on the slider: the date of the session this frame records, if it records one.
        public var session: String?

        public init(caption: String, map: SystemMap, decorations: DOTDecorations, session: String? = nil) {
            self.caption = caption
            self.map = map
            self.decorations = decorations
            self.session = session
        }
    }

    /// The frame of one commit: everything in the map before or after it, marking what the commit
    /// added, changed or removed.
    public static func commitFrame(label: String, before: SystemMap, after: SystemMap) -> Frame {
        let (union, decorations) = DiffMap.make(from: before, to: after, subtitle: label)
        var frameDecorations = decorations
        frameDecorations.legend = []
        let known = Set(before.sessions.map(\.date))
        let session = after.sessions.last { !known.contains($0.date) }.map { $0.date.description }
        return Frame(caption: label, map: union, decorations: frameDecorations, session: session)
    }

    /// The frames of a map's sessions: each shows the system as it was known at that session
    /// (see `SessionKnowledge` for the rule).
    public static func sessionFrames(of map: SystemMap) -> [Frame] {
        let knowledge = SessionKnowledge(map)
        return map.sessions.indices.map { sessionFrame($0, of: map, knowledge: knowledge) }
    }

    /// The system as known at session `index`: the parts noticed by then (and those no session
    /// dates), the relationships known by then, each part's status as of then; marked: what this
    /// session noticed, who was present, status changes, undated parts, new relationships.
    public static func sessionFrame(_ index: Int, of map: SystemMap, knowledge: SessionKnowledge) -> Frame {
        let sessions = knowledge.sessions
        let session = sessions[index]
        var items: [MapItem] = map.title.map { [.field(MapField(key: "title", value: $0))] } ?? []
        var decorations = DOTDecorations()
        let present = Set(session.present)
        var changes: [PartID: StatusChange] = [:]
        for change in session.statusChanges { changes[change.part] = change }
        for var part in map.parts {
            let known = knowledge.partKnown(part.id)
            guard known.map({ $0 <= index }) ?? true else { continue }
            part.fields.removeAll { if case .status = $0.value { return true } else { return false } }
            if let status = knowledge.status(of: part.id, after: index) { part.fields.append(PartField(.status(status))) }
            var marks: [TimelineMark] = []
            if known == index { marks.append(.noticed) }
            if present.contains(part.id) { marks.append(.present) }
            if let change = changes[part.id] { marks.append(.statusChanged(from: change.from, to: change.to)) }
            if known == nil { marks.append(.undated) }
            decorations.parts[part.id] = TimelineMark.emphasis(marks)
            items.append(.part(part))
        }
        for relationship in map.relationships {
            let known = knowledge.relationshipKnown(relationship)
            guard known.map({ $0 <= index }) ?? true else { continue }
            if known == index { decorations.relationships[relationship.identity] = TimelineMark.emphasis([.newRelationship]) }
            items.append(.relationship(relationship))
        }
        var caption = "Session \(index + 1) of \(sessions.count): \(session.date)" + (session.title.map { " " + $0 } ?? "")
        if !session.selfEnergy.isEmpty {
            caption += "\nSelf: " + session.selfEnergy.map { "\($0.quality.rawValue) \($0.score)" }.joined(separator: ", ")
        }
        decorations.subtitle = caption
        return Frame(caption: caption, map: SystemMap(items: items), decorations: decorations, session: session.date.description)
    }
}

/// When the session log says each part and relationship became known: the one rule behind
/// `timeline --by session` (docs/git.md, "Pictures over time").
///
/// - A part is known from the first session that names it: any session line that names a part
///   (`Session.mentionedParts`: present, status, 6 Fs, unburdening, permission, feel-toward…).
/// - A part no session names is undated: it is shown in every frame, marked "undated".
/// - Relationships carry no dates. A relationship is known from the first session by which all
///   its parts are known: a therapist records how two parts relate once both have been met. Self
///   and undated parts count as known from the start, so a relationship between them is shown
///   throughout.
/// - A part's status at a session is the last status change recorded up to that session; before
///   its first recorded change, the status that change started from, if written; otherwise none
///   is shown (a map's `status:` line says nothing about when).
public struct SessionKnowledge: Sendable {
    public let sessions: [Session]
    /// The index of the first session naming each part.
    public let firstNamed: [PartID: Int]
    /// Each part's recorded status changes, in order, with their session's index.
    private let changes: [PartID: [(session: Int, change: StatusChange)]]

    public init(_ map: SystemMap) {
        sessions = map.sessions
        var firstNamed: [PartID: Int] = [:]
        var changes: [PartID: [(session: Int, change: StatusChange)]] = [:]
        for (index, session) in sessions.enumerated() {
            for id in session.mentionedParts where firstNamed[id] == nil { firstNamed[id] = index }
            for change in session.statusChanges { changes[change.part, default: []].append((index, change)) }
        }
        self.firstNamed = firstNamed
        self.changes = changes
    }

    /// The index of the session from which the part is known; nil when no session names it.
    public func partKnown(_ id: PartID) -> Int? { firstNamed[id] }

    /// The index of the session from which the relationship is known; nil when none of its
    /// parts is dated (it is then shown throughout).
    public func relationshipKnown(_ relationship: Relationship) -> Int? {
        [relationship.from, relationship.to].compactMap { $0.partID.flatMap { firstNamed[$0] } }.max()
    }

    /// The part's status once session `index` is over.
    public func status(of id: PartID, after index: Int) -> PartStatus? {
        guard let list = changes[id], let first = list.first else { return nil }
        return list.last { $0.session <= index }?.change.to ?? (first.session > index ? first.change.from : nil)
    }
}

/// What a timeline frame says about a part or a line, in words first (the note) and then in
/// style. Every mark a timeline draws is made here, so a theme can restyle them in one place.
public enum TimelineMark: Sendable, Hashable {
    /// First named in this session.
    case noticed
    /// Present in this session.
    case present
    /// Its status changed in this session.
    case statusChanged(from: PartStatus?, to: PartStatus)
    /// No session names it: it is shown throughout.
    case undated
    /// A relationship known from this session.
    case newRelationship

    var note: String {
        switch self {
        case .noticed: return "NEW"
        case .present: return "present"
        case .statusChanged(let from, let to): return (from.map { $0.rawValue + " → " } ?? "now ") + to.rawValue
        case .undated: return "undated"
        case .newRelationship: return "new"
        }
    }

    /// The picture mark, which the theme turns into a look: new things look like a diff map's
    /// additions, present and changed parts get the session view's thick outline.
    var mark: Mark? {
        switch self {
        case .noticed, .newRelationship: return .added
        case .present, .statusChanged: return .present
        case .undated: return nil
        }
    }

    /// The marks as one emphasis: their notes on one line, the strongest look (new over present).
    static func emphasis(_ marks: [TimelineMark]) -> Emphasis? {
        guard !marks.isEmpty else { return nil }
        let looks = marks.compactMap(\.mark)
        let mark = looks.contains(.added) ? Mark.added : looks.first
        return Emphasis(mark, note: marks.map(\.note).joined(separator: ", "))
    }
}

/// A timeline held as what changes: every distinct way a part or a relationship is drawn in
/// some frame (a variant, numbered in order of first appearance), and each frame as the
/// variants it shows and hides compared with the frame before. It grows with the number of
/// changes, not with frames × parts.
public struct TimelineFrames: Sendable {
    public enum Element: Hashable, Sendable {
        case part(Part)
        case relationship(Relationship)

        /// What stays the same across variants: the part's ID or the relationship's identity.
        var identity: String {
            switch self {
            case .part(let part): return "part " + part.id.rawValue
            case .relationship(let relationship): return "relationship " + relationship.identity
            }
        }
    }

    public struct Variant: Sendable {
        public var element: Element
        public var emphasis: Emphasis?
        /// 0 for the first variant of its part or relationship, 1 for the second, …
        public var layer: Int
    }

    public struct Change: Sendable, Equatable {
        public var shown: [Int]
        public var hidden: [Int]
    }

    public var title: String
    public private(set) var variants: [Variant] = []
    public private(set) var captions: [String] = []
    /// The session each frame records, if any (slider marks).
    public private(set) var sessions: [String?] = []
    public private(set) var changes: [Change] = []
    /// The variants the last frame shows, in order.
    public private(set) var visible: [Int] = []

    private struct Key: Hashable {
        var element: Element
        var note: String?
        var attributes: [String]
    }
    private var numbers: [Key: Int] = [:]
    private var layerCounts: [String: Int] = [:]
    /// The first variant of each part and relationship, by identity.
    private var firsts: [String: Int] = [:]

    public init(title: String) {
        self.title = title
    }

    public var count: Int { captions.count }

    /// Adds the next frame.
    public mutating func append(_ frame: Timeline.Frame) {
        var shown: [Int] = []
        for part in frame.map.parts {
            shown.append(number(.part(part), frame.decorations.parts[part.id]))
        }
        for relationship in frame.map.relationships {
            shown.append(number(.relationship(relationship), frame.decorations.relationships[relationship.identity]))
        }
        shown.sort()
        changes.append(Change(shown: TimelineFrames.difference(shown, visible), hidden: TimelineFrames.difference(visible, shown)))
        visible = shown
        captions.append(frame.caption)
        sessions.append(frame.session)
    }

    private mutating func number(_ element: Element, _ emphasis: Emphasis?) -> Int {
        let key = Key(element: element, note: emphasis?.note,
                      attributes: [emphasis?.mark?.rawValue ?? ""] + (emphasis?.attributes ?? []).map { $0.name + "=" + $0.value })
        if let known = numbers[key] { return known }
        let layer = layerCounts[element.identity, default: 0]
        layerCounts[element.identity] = layer + 1
        if layer == 0 { firsts[element.identity] = variants.count }
        variants.append(Variant(element: element, emphasis: emphasis, layer: layer))
        numbers[key] = variants.count - 1
        return variants.count - 1
    }

    /// The elements of sorted `a` that are not in sorted `b`.
    static func difference(_ a: [Int], _ b: [Int]) -> [Int] {
        var result: [Int] = []
        var j = 0
        for value in a {
            while j < b.count && b[j] < value { j += 1 }
            if j == b.count || b[j] != value { result.append(value) }
        }
        return result
    }

    /// The variants each frame shows, in order, frame by frame, by replaying the changes.
    public struct Replay {
        let changes: [Change]
        var index = 0
        var current: [Int] = []

        public mutating func next() -> (index: Int, visible: [Int])? {
            guard index < changes.count else { return nil }
            let change = changes[index]
            current = (TimelineFrames.difference(current, change.hidden) + change.shown).sorted()
            index += 1
            return (index - 1, current)
        }
    }

    public func replay() -> Replay { Replay(changes: changes) }

    /// The first variant of a part (as the union draws it).
    public func firstPart(_ id: PartID) -> Part? {
        guard let number = firsts["part " + id.rawValue], case .part(let part) = variants[number].element else { return nil }
        return part
    }

    /// A map holding the first variant of every part and relationship: laid out once, it gives
    /// each part one place in all frames.
    public var union: SystemMap {
        var items: [MapItem] = [.field(MapField(key: "title", value: title))]
        let first = variants.filter { $0.layer == 0 }
        for variant in first { if case .part(let part) = variant.element { items.append(.part(part)) } }
        for variant in first { if case .relationship(let relationship) = variant.element { items.append(.relationship(relationship)) } }
        return SystemMap(items: items)
    }

    /// The map and marks of some variants (a frame, or one layer of the page's drawing).
    public func drawing(of numbers: [Int]) -> (map: SystemMap, decorations: DOTDecorations) {
        var parts: [MapItem] = []
        var relationships: [MapItem] = []
        var decorations = DOTDecorations()
        for number in numbers {
            let variant = variants[number]
            switch variant.element {
            case .part(let part):
                parts.append(.part(part))
                decorations.parts[part.id] = variant.emphasis
            case .relationship(let relationship):
                relationships.append(.relationship(relationship))
                decorations.relationships[relationship.identity] = variant.emphasis
            }
        }
        return (SystemMap(items: parts + relationships), decorations)
    }
}
