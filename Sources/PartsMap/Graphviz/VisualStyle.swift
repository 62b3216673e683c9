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

    /// The colour scheme; shapes and line styles do not depend on it.
    public var theme: Theme

    /// The conventions in `theme`.
    public init(theme: Theme = .standard) {
        self.theme = theme
    }

    /// The conventions in the default colour theme.
    public static let standard = VisualStyle()

    /// The font of every label, in every theme.
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
        case (.highContrast, .firefighter): return Look(fill: "#F2F2F2", line: "#000000")
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

    /// The picture's background: notes on lines are filled with it, so no line shows through.
    public var background: String { theme == .dark ? "#121212" : "#FFFFFF" }

    /// Default node and edge text sizes and colours.
    public var nodeDefaults: Attributes {
        [("fontsize", XMLText.number(nodeFontSize)), ("fontcolor", theme == .dark ? "#F2F2F2" : "#000000")]
    }

    /// The attributes every line gets before its own: notes' size and colour.
    public var edgeDefaults: Attributes {
        [("fontsize", XMLText.number(edgeFontSize)), ("fontcolor", theme == .dark ? "#DDDDDD" : "#333333")]
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

    /// Node attributes for the Self: the only double circle, the largest node, with a thick
    /// dark double outline and bold text, so it stands out in every theme and in greyscale.
    public var selfAttributes: Attributes {
        let fill: String
        switch theme {
        case .standard, .dark: fill = "#F0E442"
        case .highContrast: fill = "#FFE14D"
        case .print: fill = "#FFFFFF"
        }
        return [("shape", "doublecircle"), ("style", "filled"), ("fillcolor", fill), ("color", theme == .dark ? "#F0E442" : "#000000"),
                ("fontcolor", "#000000"), ("fontname", fontName + "-Bold"), ("fontsize", XMLText.number(VisualStyle.selfFontSize)),
                ("penwidth", theme == .highContrast ? "3" : "2")]
    }

    /// Text sizes in points: parts, and lines' notes.
    public var nodeFontSize: Double { theme == .highContrast ? 13 : 11 }
    /// The size of the notes on lines, in points.
    public var edgeFontSize: Double { theme == .highContrast ? 11 : 9 }
    /// The Self's name, in bold, in points: the largest words on a part, in every theme.
    public static let selfFontSize = 16.0
    /// The picture's title, in points.
    public static let titleFontSize = 18.0
    /// The names of `--group` boxes, in points.
    public static let boxFontSize = 12.0
    /// The legend's heading, in points.
    public static let legendHeadingFontSize = 11.0
    /// The legend's words, in points: small, as the legend must not outgrow the map.
    public static let legendFontSize = 9.0

    /// A font at one size, as Graphviz looks it up (through Pango and fontconfig).
    public struct FontFace: Hashable, Sendable {
        /// The font's name as DOT gives it (`Helvetica-Bold`).
        public var name: String
        /// Its size in points.
        public var size: Double
        /// `name` at `size` points.
        public init(_ name: String, _ size: Double) {
            self.name = name
            self.size = size
        }
    }

    /// The fonts at the sizes a picture in this theme may set its words in: with a legend,
    /// with boxes (`--group`). Graphviz looks each up the first time a picture uses it (a
    /// millisecond or more each), so a primed Graphviz is given them ahead of the map
    /// (`GraphvizRenderer.start`).
    public func fontFaces(legend: Bool = false, boxes: Bool = false) -> [FontFace] {
        var faces = [FontFace(fontName, nodeFontSize), FontFace(fontName, edgeFontSize), FontFace(fontName + "-Bold", VisualStyle.selfFontSize),
                     FontFace(fontName, VisualStyle.titleFontSize)]
        if legend {
            faces += [FontFace(fontName, VisualStyle.legendHeadingFontSize), FontFace(fontName, VisualStyle.legendFontSize),
                      FontFace(fontName + "-Bold", VisualStyle.legendFontSize)]  // the Self's sample
        }
        if boxes { faces.append(FontFace(fontName, VisualStyle.boxFontSize)) }
        var unique: [FontFace] = []  // a few: no Set (its first use costs more than the search)
        for face in faces where !unique.contains(face) { unique.append(face) }
        return unique
    }

    /// `base` (a part's or line's own attributes) with `mark` drawn on it in this theme.
    public func attributes(for mark: Mark, on base: Attributes, isLine: Bool = false) -> Attributes {
        var result = base
        func set(_ name: String, _ value: String) {
            if let index = result.firstIndex(where: { $0.name == name }) { result[index].value = value } else { result.append((name, value)) }
        }
        /// Adds a style word (`dashed`) to the existing ones, dropping other line styles.
        func addStyle(_ word: String) {
            let lineStyles: Set<String> = ["solid", "dashed", "dotted", "bold"]
            let current = result.last { $0.name == "style" }?.value.split(separator: ",").map(String.init) ?? []
            set("style", (current.filter { !lineStyles.contains($0) } + [word]).joined(separator: ","))
        }
        let dark = theme == .dark
        let plainGrey = dark ? "#6E6E6E" : "#9A9A9A"
        // A double line (allied) stays double in grey.
        let doubled = result.last { $0.name == "color" }?.value.contains(":") ?? false
        let grey = isLine && doubled ? "\(plainGrey):invis:\(plainGrey)" : plainGrey
        let greyText = dark ? "#8A8A8A" : "#6E6E6E"
        let greyFill = dark ? "#1E1E1E" : "#F2F2F2"
        let thick = theme == .highContrast ? "4.5" : "3.5"
        switch mark {
        case .present, .added, .focus:
            set("penwidth", isLine ? "3" : thick)
        case .changed:
            set("penwidth", "2.5")
            if !isLine { addStyle("diagonals") }
        case .faded:
            set("color", grey)
            if !isLine {
                addStyle("dotted")
                set("fillcolor", greyFill)
                set("fontcolor", greyText)
            }
        case .removed:
            addStyle("dashed")
            set("color", grey)
            set("fontcolor", greyText)
            if !isLine { set("fillcolor", greyFill) }
        case .placeholder:
            if !isLine { addStyle("dashed") }
            set("fontcolor", greyText)
        }
        return result
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
            // A double open head: tellable from `protects` (one filled head) without colour.
            return [("style", "bold"), ("color", colour("#E69F00", "#F5C542")), ("arrowhead", "veevee"), ("constraint", "false")]
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

    /// The legend's words for a kind of line as two lines, what the line means and then how it
    /// looks: a legend column half as wide as one line of both.
    func legendCaptionLines(for kind: Relationship.Kind) -> [String] {
        switch kind {
        case .protects: return ["protects", "(solid, filled arrow)"]
        case .polarized: return ["polarized", "(dashed, bars at ends)"]
        case .allied: return ["allied", "(double line)"]
        case .blends: return ["blends with", "(dotted, circle head)"]
        case .triggers: return ["triggers", "(bold, double arrow)"]
        case .alternates: return ["alternates", "(curved heads)"]
        }
    }

    /// The legend's words for a kind of line, naming its look so the legend reads without colour.
    public func legendCaption(for kind: Relationship.Kind) -> String {
        legendCaptionLines(for: kind).joined(separator: " ")
    }
}
