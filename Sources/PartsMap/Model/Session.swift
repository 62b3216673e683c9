/// One therapy session (or a homework sitting): what happened, which parts came, what changed.
public struct Session: Hashable, Sendable {
    public var date: CalendarDate
    public var title: String?
    public var fields: [SessionField]
    public var comments: Comments

    public init(date: CalendarDate, title: String? = nil, fields: [SessionField] = [], comments: Comments = Comments()) {
        self.date = date
        self.title = title
        self.fields = fields
        self.comments = comments
    }

    /// The parts that showed up, in the order written.
    public var present: [PartID] {
        fields.flatMap { field -> [PartID] in if case .present(let ids) = field.value { return ids } else { return [] } }
    }

    /// The 8 Cs ratings recorded in this session.
    public var selfEnergy: [QualityRating<SelfQuality>] {
        fields.flatMap { field -> [QualityRating<SelfQuality>] in
            if case .selfEnergy(let ratings) = field.value { return ratings } else { return [] }
        }
    }

    /// The 5 Ps ratings recorded in this session.
    public var selfPresence: [QualityRating<SelfPresenceQuality>] {
        fields.flatMap { field -> [QualityRating<SelfPresenceQuality>] in
            if case .selfPresence(let ratings) = field.value { return ratings } else { return [] }
        }
    }

    public var statusChanges: [StatusChange] {
        fields.compactMap { field in if case .statusChange(let change) = field.value { return change } else { return nil } }
    }

    public var notes: [String] {
        fields.compactMap { field in if case .note(let text) = field.value { return text } else { return nil } }
    }

    /// The feelings check-in of this session (several lines add up).
    public var feelings: [FeelingRating] {
        fields.flatMap { field -> [FeelingRating] in if case .feelings(let ratings) = field.value { return ratings } else { return [] } }
    }

    public var homework: [String] {
        fields.compactMap { field in if case .homework(let text) = field.value { return text } else { return nil } }
    }

    /// Every part the session names anywhere (present, status changes, 6 Fs, unburdening).
    public var mentionedParts: [PartID] {
        fields.flatMap { $0.value.partReferences }
    }
}

/// A status change recorded in a session: `status fog: known -> befriended`.
public struct StatusChange: Hashable, Sendable {
    public var part: PartID
    /// The status before, when the person wrote it.
    public var from: PartStatus?
    public var to: PartStatus
    /// Why, in a few words; worth having when the status went back.
    public var note: String?

    public init(part: PartID, from: PartStatus? = nil, to: PartStatus, note: String? = nil) {
        self.part = part
        self.from = from
        self.to = to
        self.note = note
    }

    /// Whether the change moves the part back in the lifecycle (e.g. befriended → known).
    public var goesBack: Bool {
        guard let from else { return false }
        return to < from
    }
}

/// The six steps of getting to know a protector, in order ("the 6 Fs").
public enum SixFsStep: String, CaseIterable, Sendable, Hashable, Comparable {
    case find, focus, fleshOut = "flesh-out", feelToward = "feel-toward", befriend, fears

    public static func < (lhs: SixFsStep, rhs: SixFsStep) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}

/// The steps of unburdening an exile, in order.
public enum UnburdeningStep: String, CaseIterable, Sendable, Hashable, Comparable {
    case witnessing, doOver = "do-over", retrieval, unburdening, invitation, integration

    public static func < (lhs: UnburdeningStep, rhs: UnburdeningStep) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}

/// One line of a session entry, kept in the order written.
public struct SessionField: Hashable, Sendable {
    public var value: Value
    public var comments: Comments

    public init(_ value: Value, comments: Comments = Comments()) {
        self.value = value
        self.comments = comments
    }

    public enum Value: Hashable, Sendable {
        /// `present: fog, little`
        case present([PartID])
        /// `self: calm 5, curiosity 6`
        case selfEnergy([QualityRating<SelfQuality>])
        /// `5ps: patience 4, presence 6`
        case selfPresence([QualityRating<SelfPresenceQuality>])
        /// `status fog: known -> befriended`
        case statusChange(StatusChange)
        /// `6fs fog: befriend`: how far the 6 Fs got with a protector.
        case sixFs(part: PartID, step: SixFsStep)
        /// `unburdening little: retrieval [started|done][: detail]`: a step of an exile's unburdening.
        case unburdening(UnburdeningRecord)
        /// `permission fog for little: agrees`
        case permission(Permission)
        /// `feel-toward fog: curious`
        case feelToward(FeelToward)
        /// `blended critic: stepped-back[: what it is concerned about]`
        case blended(Blending)
        /// `role fog: old job -> new job`
        case roleChange(RoleChange)
        /// `feelings: sadness 3, anger 1`: a feelings check-in.
        case feelings([FeelingRating])
        /// `intensity little: 7[: burden]`
        case intensity(BurdenIntensity)
        /// `homework: notice when the fog comes`
        case homework(String)
        /// `note: ...` (one line, or an indented block of lines)
        case note(String)
        case custom(key: String, value: String)
    }
}

extension SessionField.Value {
    public var key: String {
        switch self {
        case .present: return "present"
        case .selfEnergy: return "self"
        case .selfPresence: return "5ps"
        case .statusChange: return "status"
        case .sixFs: return "6fs"
        case .unburdening: return "unburdening"
        case .permission: return "permission"
        case .feelToward: return "feel-toward"
        case .blended: return "blended"
        case .roleChange: return "role"
        case .feelings: return "feelings"
        case .intensity: return "intensity"
        case .homework: return "homework"
        case .note: return "note"
        case .custom(let key, _): return key
        }
    }

    public static let knownKeys = ["present", "self", "5ps", "feelings", "status", "6fs", "feel-toward", "blended",
                                   "permission", "unburdening", "intensity", "role", "homework", "note"]

    /// The parts this line names.
    public var partReferences: [PartID] {
        switch self {
        case .present(let ids): return ids
        case .statusChange(let change): return [change.part]
        case .sixFs(let part, _): return [part]
        case .unburdening(let record): return [record.part]
        case .permission(let permission): return [permission.protector, permission.exile]
        case .feelToward(let answer): return [answer.part]
        case .blended(let blending): return [blending.part]
        case .roleChange(let change): return [change.part]
        case .intensity(let intensity): return [intensity.part]
        case .selfEnergy, .selfPresence, .feelings, .homework, .note, .custom: return []
        }
    }
}
