/// One therapy session (or a homework sitting): what happened, which parts came, what changed.
public struct Session: Hashable, Sendable {
    /// The day of the session (the `session 2024-03-05` line).
    public var date: CalendarDate
    /// An optional name after the date, to tell apart two sessions on one day.
    public var title: String?
    /// Every line of the entry, in the order written; the properties below read them by kind.
    public var fields: [SessionField]
    /// The person's comments around the entry, kept so the file prints back unchanged.
    public var comments: Comments

    /// A session on `date`; `fields` in the order they should be written.
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

    /// The status changes recorded in this session, in the order written.
    public var statusChanges: [StatusChange] {
        fields.compactMap { field in if case .statusChange(let change) = field.value { return change } else { return nil } }
    }

    /// The session's notes (`note:` lines and blocks), in the order written.
    public var notes: [String] {
        fields.compactMap { field in if case .note(let text) = field.value { return text } else { return nil } }
    }

    /// The feelings check-in of this session (several lines add up).
    public var feelings: [FeelingRating] {
        fields.flatMap { field -> [FeelingRating] in if case .feelings(let ratings) = field.value { return ratings } else { return [] } }
    }

    /// What the person set out to practise until the next session.
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
    /// The part whose status changed.
    public var part: PartID
    /// The status before, when the person wrote it.
    public var from: PartStatus?
    /// The status after the change; this is what the map shows from this session on.
    public var to: PartStatus
    /// Why, in a few words; worth having when the status went back.
    public var note: String?

    /// A change of `part` to `to`, optionally from `from` and with a short reason.
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

    /// Orders the steps as they happen in practice (find first, fears last).
    public static func < (lhs: SixFsStep, rhs: SixFsStep) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}

/// The steps of unburdening an exile, in order.
public enum UnburdeningStep: String, CaseIterable, Sendable, Hashable, Comparable {
    case witnessing, doOver = "do-over", retrieval, unburdening, invitation, integration

    /// Orders the steps as they happen in practice (witnessing first, integration last).
    public static func < (lhs: UnburdeningStep, rhs: UnburdeningStep) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}

/// One line of a session entry, kept in the order written.
public struct SessionField: Hashable, Sendable {
    /// What the line records.
    public var value: Value
    /// The person's comments around the line, kept so the file prints back unchanged.
    public var comments: Comments

    /// A line recording `value`, with the comments to print around it.
    public init(_ value: Value, comments: Comments = Comments()) {
        self.value = value
        self.comments = comments
    }

    /// The kinds of line a session entry can hold; each case shows its line in the text format.
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
    /// The key the line is written with in the text format (`present`, `self`, `6fs`…).
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

    /// The keys the parser understands inside a session; any other key is a custom field.
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
