/// Extra marks on some parts and relationships of a picture: what is new or removed in a diff
/// map, what a view highlights or fades. A mark always adds words to the label as well as a
/// style, so it never depends on colour alone.
public struct Emphasis: Sendable, Equatable {
    /// A word or two added as a last label line ("NEW", "REMOVED", "CHANGED: status").
    public var note: String?
    /// Attributes that replace the role's or relationship's own (same name) or add to them.
    public var attributes: [Attribute]

    public struct Attribute: Sendable, Equatable {
        public var name: String
        public var value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public init(note: String? = nil, attributes: [Attribute] = []) {
        self.note = note
        self.attributes = attributes
    }

    /// `base` with these attributes applied: same names replaced, new ones appended.
    func applied(to base: VisualStyle.Attributes) -> VisualStyle.Attributes {
        var result = base
        for attribute in attributes {
            if let index = result.firstIndex(where: { $0.name == attribute.name }) {
                result[index].value = attribute.value
            } else {
                result.append((attribute.name, attribute.value))
            }
        }
        return result
    }
}

/// Emphasis for a whole picture, and the legend rows that explain it.
public struct DOTDecorations: Sendable, Equatable {
    public var parts: [PartID: Emphasis] = [:]
    /// Keyed by `Relationship.identity`.
    public var relationships: [String: Emphasis] = [:]
    /// Rows added to the legend: a caption and how a sample node looks.
    public var legend: [LegendRow] = []
    /// A line added under the picture's title ("Changes from HEAD to the working map").
    public var subtitle: String?

    public struct LegendRow: Sendable, Equatable {
        public var caption: String
        public var emphasis: Emphasis

        public init(caption: String, emphasis: Emphasis) {
            self.caption = caption
            self.emphasis = emphasis
        }
    }

    public init() {}
}
