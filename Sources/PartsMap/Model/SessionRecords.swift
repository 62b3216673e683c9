/// What an IFS session records beyond statuses and steps: permission from protectors, the
/// answer to "how do you feel toward this part?", unblending, the steps of unburdening as they
/// happen, a change of role, and a feelings check-in.

/// A protector's answer when asked whether Self may go to the exile it protects.
public enum PermissionAnswer: String, CaseIterable, Sendable, Hashable {
    case agrees, refuses
    /// Agrees on conditions, given after a second colon ("only if it can close again").
    case conditions
}

/// `permission fog for little: conditions: only if it can close again`
public struct Permission: Hashable, Sendable {
    public var protector: PartID
    public var exile: PartID
    public var answer: PermissionAnswer
    /// The conditions, or why it refused, in a few words.
    public var note: String?

    public init(protector: PartID, exile: PartID, answer: PermissionAnswer, note: String? = nil) {
        self.protector = protector
        self.exile = exile
        self.answer = answer
        self.note = note
    }
}

/// `feel-toward fog: curious, a bit wary`: how the person felt toward a part when asked.
public struct FeelToward: Hashable, Sendable {
    public var part: PartID
    public var answers: [String]

    public init(part: PartID, answers: [String]) {
        self.part = part
        self.answers = answers
    }

    /// The answers that are not words of Self (a blended part answering).
    public var partAnswers: [String] { answers.filter { !SelfWords.contains($0) } }
}

/// The words that show Self answering "how do you feel toward it?": the 8 Cs, the 5 Ps and
/// their adjectives, and a few words clients often use for them (docs/format.md lists them).
public enum SelfWords {
    public static let all: [String] = [
        "calm", "curious", "curiosity", "compassion", "compassionate", "confident", "confidence", "courage",
        "courageous", "clear", "clarity", "creative", "creativity", "connected", "connectedness",
        "present", "presence", "patient", "patience", "perspective", "persistent", "persistence", "playful", "playfulness",
        "open", "interested", "warm", "warmth", "kind", "caring", "accepting", "grateful", "appreciative", "tender", "tenderness",
        "loving", "friendly", "peaceful", "relaxed", "spacious", "calmer", "brave", "connection", "openness", "interest",
        "kindness", "care", "acceptance", "appreciation", "gratitude", "love",
    ]
    private static let set = Set(all)

    /// Whether an answer names a Self word and does not negate it ("curious about it" yes,
    /// "not curious" no).
    public static func contains(_ answer: String) -> Bool {
        let words = answer.lowercased().split { !$0.isLetter && $0 != "'" }.map(String.init)
        for (index, word) in words.enumerated() where set.contains(word) {
            let before = words[max(0, index - 2)..<index]
            if !before.contains(where: { ["not", "no", "don't", "dont", "isn't", "never", "hardly"].contains($0) }) { return true }
        }
        return false
    }
}

/// Whether a blended part agreed to step back when asked.
public enum UnblendingOutcome: String, CaseIterable, Sendable, Hashable {
    case steppedBack = "stepped-back", stayed
}

/// `blended critic: stayed: worried Sam will cry at work`: which part was blended, whether it
/// stepped back, and what it was concerned about.
public struct Blending: Hashable, Sendable {
    public var part: PartID
    public var outcome: UnblendingOutcome
    /// What the part is concerned about.
    public var concern: String?

    public init(part: PartID, outcome: UnblendingOutcome, concern: String? = nil) {
        self.part = part
        self.outcome = outcome
        self.concern = concern
    }
}

/// Whether a step only began or was completed.
public enum StepProgress: String, CaseIterable, Sendable, Hashable {
    case started, done
}

/// `unburdening little: retrieval done: the allotment shed`: one step of an exile's
/// unburdening, how far it got, and its detail: where the exile went (retrieval), what the
/// burden was released to (unburdening), which qualities it invited in (invitation).
public struct UnburdeningRecord: Hashable, Sendable {
    public var part: PartID
    public var step: UnburdeningStep
    public var progress: StepProgress
    public var detail: String?

    public init(part: PartID, step: UnburdeningStep, progress: StepProgress = .done, detail: String? = nil) {
        self.part = part
        self.step = step
        self.progress = progress
        self.detail = detail
    }

    /// What the detail means for this step, for showing it.
    public var detailLabel: String {
        switch step {
        case .retrieval: return "retrieved to"
        case .unburdening: return "released to"
        case .invitation: return "invited in"
        case .witnessing, .doOver, .integration: return "note"
        }
    }
}

/// `role fog: numbing every feeling -> early warning of tiredness`: a protector's old job and
/// its new one, after unburdening.
public struct RoleChange: Hashable, Sendable {
    public var part: PartID
    public var from: String
    public var to: String

    public init(part: PartID, from: String, to: String) {
        self.part = part
        self.from = from
        self.to = to
    }

    /// `old -> new` split at its only arrow, both sides trimmed and not empty.
    public static func split(_ text: String) -> (from: String, to: String)? {
        let scalars = Array(text.unicodeScalars)
        var arrows: [Int] = []
        for index in scalars.indices.dropLast() where scalars[index] == "-" && scalars[index + 1] == ">" { arrows.append(index) }
        guard arrows.count == 1, let arrow = arrows.first else { return nil }
        var from = String.UnicodeScalarView(), to = String.UnicodeScalarView()
        from.append(contentsOf: scalars[..<arrow])
        to.append(contentsOf: scalars[(arrow + 2)...])
        let pair = (String(from).trimmingBlanks(), String(to).trimmingBlanks())
        return pair.0.isEmpty || pair.1.isEmpty ? nil : pair
    }
}

/// `intensity little: 7: I don't matter`: how intense a part's burden felt in the session, 0 to
/// 10, and which burden (its words), followed over sessions.
public struct BurdenIntensity: Hashable, Sendable {
    public var part: PartID
    public var score: Int
    /// The burden, in a few of its words.
    public var burden: String?

    public init(part: PartID, score: Int, burden: String? = nil) {
        self.part = part
        self.score = score
        self.burden = burden
    }
}

/// One feeling of a check-in: `sadness 3` (any feeling word, 0 to 10).
public struct FeelingRating: Hashable, Sendable {
    public var feeling: String
    public var score: Int

    public init(_ feeling: String, _ score: Int) {
        self.feeling = feeling
        self.score = score
    }
}

/// The feeling words checked for typos in a feelings check-in (any word is allowed; a word close
/// to one of these is probably a misspelling). docs/format.md lists them.
public enum FeelingWords {
    public static let common: [String] = [
        "sadness", "grief", "anger", "fear", "joy", "shame", "guilt", "longing", "loneliness", "love", "tenderness",
        "hope", "disgust", "surprise", "excitement", "calm", "contentment", "pride", "anxiety", "worry", "hurt",
        "relief", "frustration", "irritation", "envy", "jealousy", "despair", "emptiness", "numbness", "warmth",
        "curiosity", "gratitude", "playfulness", "tiredness", "overwhelm", "panic", "rage", "resentment", "yearning",
    ]
}
