/// The visual conventions of a parts map: how each role and relationship is drawn.
///
/// Every distinction is made by shape or line style *and* by colour, never by colour alone,
/// and the colours come from the Okabe–Ito palette, which stays distinct for colour-blind
/// readers. docs/visual-conventions.md shows them with a rendered legend.
public struct VisualStyle: Sendable {
    /// DOT attributes for a node or edge, in a fixed order so output is deterministic.
    public typealias Attributes = [(name: String, value: String)]

    public static let standard = VisualStyle()

    public let fontName = "Helvetica"

    /// Node attributes for a part of this role (constant text only, never user text).
    public func attributes(for role: Role) -> Attributes {
        switch role {
        case .manager:
            return [("shape", "box"), ("style", "filled,rounded"), ("fillcolor", "#CFE8F7"), ("color", "#0072B2")]
        case .firefighter:
            return [("shape", "octagon"), ("style", "filled"), ("fillcolor", "#FAD7BF"), ("color", "#D55E00")]
        case .protector:
            return [("shape", "house"), ("style", "filled"), ("fillcolor", "#CDEBE0"), ("color", "#009E73")]
        case .exile:
            return [("shape", "ellipse"), ("style", "filled"), ("fillcolor", "#F3D3E4"), ("color", "#CC79A7")]
        case .unknown:
            return [("shape", "note"), ("style", "filled,dashed"), ("fillcolor", "#FFFFFF"), ("color", "#666666")]
        }
    }

    /// Node attributes for the Self.
    public var selfAttributes: Attributes {
        [("shape", "doublecircle"), ("style", "filled"), ("fillcolor", "#F0E442"), ("color", "#000000"),
         ("fontsize", "14")]
    }

    /// Extra attributes for a part that tends to look like Self: a second outline, echoing Self's.
    public var selfLikeAttributes: Attributes { [("peripheries", "2")] }

    /// Edge attributes for a relationship kind.
    public func attributes(for kind: Relationship.Kind) -> Attributes {
        switch kind {
        case .protects:
            return [("style", "solid"), ("color", "#333333"), ("arrowhead", "normal"), ("penwidth", "1.4")]
        case .polarized:
            return [("style", "dashed"), ("color", "#D55E00"), ("dir", "both"), ("arrowhead", "tee"),
                    ("arrowtail", "tee"), ("penwidth", "1.6"), ("constraint", "false")]
        case .allied:
            return [("style", "solid"), ("color", "#009E73:invis:#009E73"), ("dir", "none"), ("penwidth", "1.2"),
                    ("constraint", "false")]
        case .blends:
            return [("style", "dotted"), ("color", "#CC79A7"), ("arrowhead", "odot"), ("penwidth", "1.6"),
                    ("constraint", "false")]
        case .triggers:
            return [("style", "bold"), ("color", "#E69F00"), ("arrowhead", "vee"), ("constraint", "false")]
        }
    }

    /// How a relationship reads in words, for tooltips and the legend.
    public func phrase(for kind: Relationship.Kind) -> String {
        switch kind {
        case .protects: return "protects"
        case .polarized: return "is polarized with"
        case .allied: return "is allied with"
        case .blends: return "blends with"
        case .triggers: return "triggers"
        }
    }

    /// What the legend says about each role's drawing, in words, so it reads without colour.
    public func legendCaption(for role: Role) -> String {
        switch role {
        case .manager: return "manager\n(rounded box)"
        case .firefighter: return "firefighter\n(octagon)"
        case .protector: return "protector\n(house)"
        case .exile: return "exile\n(ellipse)"
        case .unknown: return "unknown role\n(dashed note)"
        }
    }

    public func legendCaption(for kind: Relationship.Kind) -> String {
        switch kind {
        case .protects: return "protects (solid arrow)"
        case .polarized: return "polarized (dashed, bars at both ends)"
        case .allied: return "allied (double line)"
        case .blends: return "blends with (dotted, circle head)"
        case .triggers: return "triggers (bold, open arrow)"
        }
    }
}
