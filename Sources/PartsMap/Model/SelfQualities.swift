/// The 8 Cs: the qualities that show how much Self-energy is present.
public enum SelfQuality: String, CaseIterable, Sendable, Hashable {
    case calm, curiosity, compassion, confidence, courage, clarity, creativity, connectedness
}

/// The 5 Ps: further marks of Self-leadership, recorded alongside the 8 Cs when wanted.
public enum SelfPresenceQuality: String, CaseIterable, Sendable, Hashable {
    case presence, patience, perspective, persistence, playfulness
}

/// A rating of one quality in a session, usually 0–10 (`partsmap check` warns outside that range).
public struct QualityRating<Quality: RawRepresentable & Hashable & Sendable>: Hashable, Sendable
where Quality.RawValue == String {
    /// Which quality was rated.
    public var quality: Quality
    /// How strongly it was present, usually 0 to 10.
    public var score: Int

    /// `quality` rated `score`.
    public init(_ quality: Quality, _ score: Int) {
        self.quality = quality
        self.score = score
    }

    /// The range `partsmap check` accepts without a warning.
    public static var expectedRange: ClosedRange<Int> { 0...10 }
}
