/// A burden: an extreme belief or feeling a part took on, which is not its true nature.
public struct Burden: Hashable, Sendable {
    /// Where the burden came from.
    public enum Kind: String, CaseIterable, Sendable, Hashable {
        /// Taken on from the person's own experience.
        case personal
        /// Handed down through the family.
        case legacy
        /// Taken on from the culture around the person.
        case cultural
    }

    /// How far the unburdening of this burden has gone.
    public enum State: String, CaseIterable, Sendable, Hashable {
        case carried
        case witnessed
        case released
    }

    /// Where the burden came from.
    public var kind: Kind
    /// How far its unburdening has gone.
    public var state: State
    /// The burden in the person's words (`we don't cry`).
    public var text: String

    /// A burden of `kind` saying `text`, still carried unless `state` says otherwise.
    public init(_ kind: Kind, _ text: String, state: State = .carried) {
        self.kind = kind
        self.text = text
        self.state = state
    }
}
