/// What a view, diff map or timeline says about a part or relationship. Marks are meanings,
/// not looks: the theme (`VisualStyle.attributes(for:on:)`) turns them into DOT attributes.
public enum Mark: String, Sendable, Equatable, CaseIterable {
    /// Present in the chosen session: a thick outline.
    case present
    /// Not in the chosen session: dotted and greyed.
    case faded
    /// New since the earlier version: a thick outline.
    case added
    /// Changed since the earlier version: a thicker outline with cut corners (never a double
    /// outline, which means self-like).
    case changed
    /// Gone in the later version: dashed and greyed.
    case removed
    /// An exile shown as an unnamed placeholder: a dashed outline, grey words.
    case placeholder
    /// The part `--focus` names: a thick outline.
    case focus
}

/// A mark on some part or relationship of a picture: what is new or removed in a diff map,
/// what a view highlights or fades. A mark always adds words to the label as well as a look,
/// so it never depends on colour alone.
public struct Emphasis: Sendable, Equatable {
    /// A word or two added as a last label line ("NEW", "REMOVED", "CHANGED: status").
    public var note: String?
    /// What the mark means; the theme decides how it looks. nil: no look of its own.
    public var mark: Mark?
    /// Drawing mechanics that are not looks, applied after the theme: the element ids the
    /// timeline page's script addresses, pinned routes (`pos`, `lp`), `style=invis` for an
    /// element a frame hides. Never colours or pen widths: those come from `mark`.
    public var attributes: [Attribute]

    /// One DOT attribute, name and value.
    public struct Attribute: Sendable, Equatable {
        /// The attribute's name (`id`, `pos`, `style`).
        public var name: String
        /// Its value as DOT text: quoted when written if it is not already, but never escaped, so
        /// user text does not belong here.
        public var value: String

        /// The attribute `name=value`.
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// A mark meaning `mark`, with `note` added to the label and `attributes` applied last.
    public init(_ mark: Mark? = nil, note: String? = nil, attributes: [Attribute] = []) {
        self.mark = mark
        self.note = note
        self.attributes = attributes
    }
}

/// Emphasis for a whole picture, and the legend rows that explain it.
public struct DOTDecorations: Sendable, Equatable {
    /// Marks on parts, by ID; parts not listed are drawn plainly.
    public var parts: [PartID: Emphasis] = [:]
    /// Keyed by `Relationship.identity`.
    public var relationships: [String: Emphasis] = [:]
    /// Rows added to the legend: a caption and how a sample node looks.
    public var legend: [LegendRow] = []
    /// A line added under the picture's title ("Changes from HEAD to the working map").
    public var subtitle: String?

    /// One row of the legend: a sample drawn with `emphasis`, and what it means.
    public struct LegendRow: Sendable, Equatable {
        /// The words next to the sample (may hold a line break).
        public var caption: String
        /// The mark the sample is drawn with.
        public var emphasis: Emphasis

        /// A legend row explaining `emphasis` with `caption`.
        public init(caption: String, emphasis: Emphasis) {
            self.caption = caption
            self.emphasis = emphasis
        }
    }

    /// No marks, no legend rows, no subtitle: a plain picture.
    public init() {}
}
