/// The visual conventions of a parts map: how each role and relationship is drawn, per theme.
///
/// Every distinction is made by shape or line style *and* by colour, never by colour alone,
/// and the colours come from the Okabe–Ito palette, which stays distinct for colour-blind
/// readers. docs/visual-conventions.md shows them with a rendered legend.
public struct VisualStyle: Sendable {
    /// DOT attributes for a node or edge, in a fixed order so output is deterministic.
    public typealias Attributes = [(name: String, value: String)]

    /// Colour schemes. Shapes and line styles are the same in all of them.
    public enum Theme: String, CaseIterable, Sendable {
        /// Colour on white, for screens and colour printing.
        case standard = "default"
        /// Black and white for paper: shapes, line styles and grey fills only.
        case print
        /// Light lines and text on a dark background, for screens at night.
        case dark
        /// Black on white with thick lines and larger text, for low vision.
        case highContrast = "high-contrast"
    }

    public var theme: Theme

    public init(theme: Theme = .standard) {
        self.theme = theme
    }

    public static let standard = VisualStyle()

    public let fontName = "Helvetica"

    private struct Look {
        var fill: String
        var line: String
    }

    /// Fill and outline of each role in the theme.
    private func look(_ role: Role) -> Look {
        switch (theme, role) {
        case (.standard, .manager): return Look(fill: "#CFE8F7", line: "#0072B2")
        case (.standard, .firefighter): return Look(fill: "#FAD7BF", line: "#D55E00")
        case (.standard, .protector): return Look(fill: "#CDEBE0", line: "#009E73")
        case (.standard, .exile): return Look(fill: "#F3D3E4", line: "#CC79A7")
        case (.standard, .unknown): return Look(fill: "#FFFFFF", line: "#666666")
        case (.print, .manager), (.print, .unknown), (.print, .protector): return Look(fill: "#FFFFFF", line: "#000000")
        case (.print, .firefighter): return Look(fill: "#E6E6E6", line: "#000000")
        case (.print, .exile): return Look(fill: "#CCCCCC", line: "#000000")
        case (.dark, .manager): return Look(fill: "#0B3954", line: "#56B4E9")
        case (.dark, .firefighter): return Look(fill: "#5A2A0C", line: "#E69F00")
        case (.dark, .protector): return Look(fill: "#0E3B2E", line: "#3FC7A0")
        case (.dark, .exile): return Look(fill: "#4A1F3A", line: "#E39AC4")
        case (.dark, .unknown): return Look(fill: "#2A2A2A", line: "#BBBBBB")
        case (.highContrast, .firefighter): return Look(fill: "#FFE14D", line: "#000000")
        case (.highContrast, .exile): return Look(fill: "#D9D9D9", line: "#000000")
        case (.highContrast, _): return Look(fill: "#FFFFFF", line: "#000000")
        }
    }

    private var penWidth: String { theme == .highContrast ? "2.5" : "1.2" }

    /// Graph-wide attributes of the theme (background, text colour).
    public var graphAttributes: Attributes {
        switch theme {
        case .dark: return [("bgcolor", "#121212"), ("fontcolor", "#EEEEEE")]
        case .standard, .print, .highContrast: return [("bgcolor", "#FFFFFF"), ("fontcolor", "#000000")]
        }
    }

    /// Default node and edge text sizes and colours.
    public var nodeDefaults: Attributes {
        [("fontsize", theme == .highContrast ? "13" : "11"), ("fontcolor", theme == .dark ? "#F2F2F2" : "#000000")]
    }

    public var edgeDefaults: Attributes {
        [("fontsize", theme == .highContrast ? "11" : "9"), ("fontcolor", theme == .dark ? "#DDDDDD" : "#333333")]
    }

    /// Outline colour of boxes (legend, groups).
    public var clusterColor: String { theme == .dark ? "#777777" : "#999999" }

    /// Node attributes for a part of this role (constant text only, never user text).
    public func attributes(for role: Role) -> Attributes {
        let look = look(role)
        let shape: Attributes
        switch role {
        case .manager: shape = [("shape", "box"), ("style", "filled,rounded")]
        case .firefighter: shape = [("shape", "octagon"), ("style", "filled")]
        case .protector: shape = [("shape", "house"), ("style", "filled")]
        case .exile: shape = [("shape", "ellipse"), ("style", "filled")]
        case .unknown: shape = [("shape", "note"), ("style", "filled,dashed")]
        }
        return shape + [("fillcolor", look.fill), ("color", look.line), ("penwidth", penWidth)]
    }

    /// Node attributes for the Self.
    public var selfAttributes: Attributes {
        let fill = theme == .print || theme == .highContrast ? "#FFFFFF" : "#F0E442"
        return [("shape", "doublecircle"), ("style", "filled"), ("fillcolor", fill), ("color", theme == .dark ? "#F0E442" : "#000000"),
                ("fontcolor", "#000000"), ("fontsize", "14"), ("penwidth", theme == .standard || theme == .dark ? "1.2" : "2")]
    }

    /// Extra attributes for a part that tends to look like Self: a second outline, echoing Self's.
    public var selfLikeAttributes: Attributes { [("peripheries", "2")] }

    /// Edge attributes for a relationship kind.
    public func attributes(for kind: Relationship.Kind) -> Attributes {
        let mono = theme == .print || theme == .highContrast
        func colour(_ standard: String, _ dark: String) -> String {
            mono ? "#000000" : (theme == .dark ? dark : standard)
        }
        let wide = theme == .highContrast
        switch kind {
        case .protects:
            return [("style", "solid"), ("color", colour("#333333", "#DDDDDD")), ("arrowhead", "normal"), ("penwidth", wide ? "2.5" : "1.4")]
        case .polarized:
            return [("style", "dashed"), ("color", colour("#D55E00", "#FF8C42")), ("dir", "both"), ("arrowhead", "tee"),
                    ("arrowtail", "tee"), ("penwidth", wide ? "2.5" : "1.6"), ("constraint", "false")]
        case .allied:
            let line = colour("#009E73", "#3FC7A0")
            return [("style", "solid"), ("color", "\(line):invis:\(line)"), ("dir", "none"), ("penwidth", wide ? "2" : "1.2"),
                    ("constraint", "false")]
        case .blends:
            return [("style", "dotted"), ("color", colour("#CC79A7", "#E39AC4")), ("arrowhead", "odot"), ("penwidth", wide ? "2.5" : "1.6"),
                    ("constraint", "false")]
        case .triggers:
            return [("style", "bold"), ("color", colour("#E69F00", "#F5C542")), ("arrowhead", "vee"), ("constraint", "false")]
                + (wide ? [("penwidth", "3")] : [])
        case .alternates:
            return [("style", "solid"), ("color", colour("#0072B2", "#56B4E9")), ("dir", "both"), ("arrowhead", "curve"),
                    ("arrowtail", "curve"), ("penwidth", wide ? "2.5" : "1.6"), ("constraint", "false")]
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
        case .alternates: return "takes turns with"
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
        case .alternates: return "alternates (curved heads at both ends)"
        }
    }
}
