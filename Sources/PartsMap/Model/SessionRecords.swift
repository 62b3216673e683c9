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
    /// The protector that was asked.
    public var protector: PartID
    /// The exile it protects, that Self wants to go to.
    public var exile: PartID
    /// Whether the protector agreed.
    public var answer: PermissionAnswer
    /// The conditions, or why it refused, in a few words.
    public var note: String?

    /// The answer of `protector` about going to `exile`.
    public init(protector: PartID, exile: PartID, answer: PermissionAnswer, note: String? = nil) {
        self.protector = protector
        self.exile = exile
        self.answer = answer
        self.note = note
    }
}

/// `feel-toward fog: curious, a bit wary`: how the person felt toward a part when asked.
public struct FeelToward: Hashable, Sendable {
    /// The part the person was asked about.
    public var part: PartID
    /// The words of the answer, in the order written (words of Self and of other parts mixed).
    public var answers: [String]

    /// How the person felt toward `part`, as a list of words.
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
    /// Every word that counts as Self answering, lowercased.
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
    /// The part that was blended.
    public var part: PartID
    /// Whether it stepped back or stayed.
    public var outcome: UnblendingOutcome
    /// What the part is concerned about.
    public var concern: String?

    /// `part` was blended and `outcome` happened when asked to step back.
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
    /// The exile being unburdened.
    public var part: PartID
    /// Which step of the unburdening this line records.
    public var step: UnburdeningStep
    /// Whether the step only began or was completed.
    public var progress: StepProgress
    /// The step's detail in the person's words; `detailLabel` says what it means.
    public var detail: String?

    /// A `step` of unburdening `part`, completed unless `progress` says otherwise.
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
    /// The protector whose job changed.
    public var part: PartID
    /// The job it had, in the person's words.
    public var from: String
    /// The job it chose instead.
    public var to: String

    /// `part` gave up the job `from` for the job `to`.
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
    /// The part whose burden was rated.
    public var part: PartID
    /// How intense the burden felt, 0 to 10.
    public var score: Int
    /// The burden, in a few of its words.
    public var burden: String?

    /// `part`'s burden felt at `score`; `burden` names it in a few of its words.
    public init(part: PartID, score: Int, burden: String? = nil) {
        self.part = part
        self.score = score
        self.burden = burden
    }
}

/// One feeling of a check-in: `sadness 3` (any feeling word, 0 to 10).
public struct FeelingRating: Hashable, Sendable {
    /// The feeling word, as written.
    public var feeling: String
    /// How strong it was, 0 to 10.
    public var score: Int

    /// `feeling` felt at strength `score`.
    public init(_ feeling: String, _ score: Int) {
        self.feeling = feeling
        self.score = score
    }
}

/// The feeling words checked for typos in a feelings check-in (any word is allowed; a word close
/// to one of these is probably a misspelling). docs/format.md lists them.
public enum FeelingWords {
    /// The feeling words, lowercased.
    public static let common: [String] = [
        "sadness", "grief", "anger", "fear", "joy", "shame", "guilt", "longing", "loneliness", "love", "tenderness",
        "hope", "disgust", "surprise", "excitement", "calm", "contentment", "pride", "anxiety", "worry", "hurt",
        "relief", "frustration", "irritation", "envy", "jealousy", "despair", "emptiness", "numbness", "warmth",
        "curiosity", "gratitude", "playfulness", "tiredness", "overwhelm", "panic", "rage", "resentment", "yearning",
    ]
}
