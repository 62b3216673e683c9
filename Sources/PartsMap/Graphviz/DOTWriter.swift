/// Options that change the DOT a map turns into.
public struct DOTOptions: Sendable, Equatable {
    /// Add a legend explaining shapes and line styles.
    public var showsLegend: Bool
    /// The layout engine the DOT is meant for; it decides how Self is put at the centre.
    public var layout: LayoutEngine
    /// Fixed node positions in points, by node name (`self`, `p_fog`): for pictures drawn with
    /// `neato -n2` in the same layout as others (timeline frames).
    public var positions: [String: Position]

    public struct Position: Sendable, Equatable {
        public var x: Double
        public var y: Double
        public init(x: Double, y: Double) { self.x = x; self.y = y }
    }

    /// Boxes of parts drawn together (`--group`); a part goes in the first box that names it.
    public var clusters: [MapView.Cluster] = []
    /// Fit the picture on a page (for PDF).
    public var page: PageSize?

    /// Paper sizes, in inches.
    public enum PageSize: String, CaseIterable, Sendable {
        case a4, letter

        var inches: (width: Double, height: Double) {
            switch self {
            case .a4: return (8.27, 11.69)
            case .letter: return (8.5, 11)
            }
        }
    }

    /// Exact page layout, worked out by `PageFit` from a first layout: the drawing's size and
    /// the margins around it, in inches.
    public var pageFit: PageFit?

    /// Two opposite corners of a fixed canvas (with `positions`): invisible points there keep
    /// every picture the same size, so a part drawn at the same position is at the same place.
    public var canvas: (Position, Position)?

    public init(showsLegend: Bool = false, layout: LayoutEngine = .dot, positions: [String: Position] = [:],
                canvas: (Position, Position)? = nil) {
        self.showsLegend = showsLegend
        self.layout = layout
        self.positions = positions
        self.canvas = canvas
    }

    public static func == (lhs: DOTOptions, rhs: DOTOptions) -> Bool {
        lhs.showsLegend == rhs.showsLegend && lhs.layout == rhs.layout && lhs.positions == rhs.positions
            && lhs.clusters == rhs.clusters && lhs.page == rhs.page
            && lhs.canvas?.0 == rhs.canvas?.0 && lhs.canvas?.1 == rhs.canvas?.1
    }
}

/// Turns a map into Graphviz DOT text that a therapist can read at a glance.
///
/// Output is deterministic: the same map and options give byte-identical DOT, so diagrams can
/// be versioned. User text only ever appears inside escaped labels and tooltips; node names are
/// generated from part IDs, and URLs are never written.
public struct DOTWriter: Sendable {
    public var options: DOTOptions
    public var style: VisualStyle
    /// Marks on some parts and relationships (diff maps, views).
    public var decorations: DOTDecorations

    public init(options: DOTOptions = DOTOptions(), style: VisualStyle = .standard, decorations: DOTDecorations = DOTDecorations()) {
        self.options = options
        self.style = style
        self.decorations = decorations
    }

    /// The node name for a relationship endpoint.
    static func nodeName(_ endpoint: Relationship.Endpoint) -> String {
        switch endpoint {
        case .part(let id): return "p_" + id.rawValue
        case .theSelf: return "self"
        }
    }

    public func dot(for map: SystemMap) -> String {
        var out = "// Drawn by partsmap from a .parts map: edit the map, not this file.\n"
        out += "digraph \"partsmap\" {\n"
        writeGraphAttributes(map, into: &out)
        let parts = map.parts
        let names = Dictionary(parts.map { ($0.id, $0.displayName) }, uniquingKeysWith: { first, _ in first })

        writeSelf(map, into: &out)
        for part in parts {
            writePart(part, into: &out)
        }
        if options.layout == .dot && options.clusters.isEmpty {  // rank constraints and clusters do not mix in dot
            let exiles = parts.filter { $0.role == .exile }
            if !exiles.isEmpty {
                out += "  { rank=\"max\"; " + exiles.map { "\"\(DOTWriter.nodeName(.part($0.id)))\"; " }.joined() + "}\n"
            }
        }
        for relationship in map.relationships {
            writeEdge(relationship, names: names, into: &out)
        }
        if options.layout == .dot {
            writeSelfAnchors(parts, map.relationships, into: &out)
        }
        writeClusters(into: &out)
        if options.showsLegend {
            writeLegend(into: &out)
        }
        if let (first, second) = options.canvas {
            for (name, corner) in [("canvas_a", first), ("canvas_b", second)] {
                out += "  \"\(name)\" [shape=\"point\", style=\"invis\", label=\"\", pos=\(DOTWriter.pos(corner))];\n"
            }
        }
        out += "}\n"
        return out
    }

    // MARK: Graph

    private func writeGraphAttributes(_ map: SystemMap, into out: inout String) {
        // The layout is named in the DOT itself, so the text renders the same however dot is called.
        var graph: VisualStyle.Attributes = [("layout", options.layout.rawValue), ("fontname", style.fontName), ("fontsize", "18"),
                                             ("pad", "0.3")] + style.graphAttributes
        if let fit = options.pageFit {
            // Scaled to the page, with margins that make the whole drawing exactly one page.
            graph.removeAll { $0.name == "pad" }
            graph += [("pad", "0"), ("size", "\(Self.inches(fit.drawing.width)),\(Self.inches(fit.drawing.height))"),
                      ("margin", "\(Self.inches(fit.margin.width)),\(Self.inches(fit.margin.height))")]
        } else if let page = options.page {
            let inches = page.inches
            graph += [("size", "\(DecimalText.tenths(inches.width - 1)),\(DecimalText.tenths(inches.height - 1))")]
        }
        let heading = [map.title, decorations.subtitle].compactMap { $0 }.joined(separator: "\n")
        if !heading.isEmpty {
            graph += [("label", DOTText.quoted(heading)), ("labelloc", "t"), ("tooltip", DOTText.quoted(heading, as: .tooltip))]
        }
        switch options.layout {
        case .dot:
            graph += [("rankdir", "TB"), ("nodesep", "0.45"), ("ranksep", "0.7")]
        case .neato, .fdp, .sfdp:
            graph += [("overlap", "false"), ("splines", "true")]
        case .twopi:
            graph += [("root", "\"self\""), ("overlap", "false"), ("ranksep", "1.4")]
        case .circo:
            graph += [("overlap", "false")]
        }
        out += "  graph " + attributeList(graph) + ";\n"
        out += "  node " + attributeList([("fontname", style.fontName), ("margin", "0.14,0.07")] + style.nodeDefaults) + ";\n"
        out += "  edge " + attributeList([("fontname", style.fontName)] + style.edgeDefaults) + ";\n"
    }

    // MARK: Nodes

    private func writeSelf(_ map: SystemMap, into out: inout String) {
        var tooltip = ["Self"]
        if let block = map.selfBlock { tooltip += block.notes }
        if let latest = map.sessions.last(where: { !$0.selfEnergy.isEmpty }) {
            let ratings = latest.selfEnergy.map { "\($0.quality.rawValue) \($0.score)" }.joined(separator: ", ")
            tooltip.append("Self-energy on \(latest.date): \(ratings)")
        }
        var attributes = style.selfAttributes
        attributes += [("label", DOTText.quoted("Self")), ("tooltip", DOTText.quoted(tooltip.joined(separator: "\n"), as: .tooltip))]
        if let position = options.positions["self"] {
            attributes.append(("pos", DOTWriter.pos(position)))
        } else {
            switch options.layout {
            case .neato, .fdp, .sfdp: attributes += [("pos", "\"0,0!\""), ("pin", "true")]
            case .dot, .twopi, .circo: break
            }
        }
        out += "  \"self\" " + attributeList(attributes) + ";\n"
        if options.layout == .dot {
            out += "  { rank=\"source\"; \"self\"; }\n"
        }
    }

    private func writePart(_ part: Part, into out: inout String) {
        var attributes = style.attributes(for: part.role)
        if part.isSelfLike { attributes += style.selfLikeAttributes }
        var label = label(for: part)
        if let emphasis = decorations.parts[part.id] {
            attributes = emphasis.applied(to: attributes)
            if let note = emphasis.note { label += "\n" + note }
        }
        attributes += [("label", DOTText.quoted(label)),
                       ("tooltip", DOTText.quoted(tooltip(for: part), as: .tooltip))]
        if let position = options.positions[DOTWriter.nodeName(.part(part.id))] {
            attributes.append(("pos", DOTWriter.pos(position)))
        }
        out += "  \"\(DOTWriter.nodeName(.part(part.id)))\" " + attributeList(attributes) + ";\n"
    }

    static func inches(_ value: Double) -> String { DecimalText.thousandths(value) }

    static func pos(_ position: DOTOptions.Position) -> String {
        "\"\(DecimalText.tenths(position.x)),\(DecimalText.tenths(position.y))!\""
    }

    /// Name, then role and age, then status: what a therapist scans for.
    func label(for part: Part) -> String {
        // Very long names are cut in the picture (Graphviz fails on huge nodes); the tooltip has them whole.
        var lines = part.displayName.split(separator: "\n", omittingEmptySubsequences: false)
            .map { DOTWriter.shortened(String($0), to: 80) }
        var roleLine = part.role.rawValue
        if let age = part.age { roleLine += ", age " + DOTWriter.shortened(age, to: 18) }
        if part.isSelfLike { roleLine += ", self-like" }
        lines.append(roleLine)
        if let status = part.status { lines.append(status.rawValue) }
        return lines.joined(separator: "\n")
    }

    /// `text` cut to `limit` characters with an ellipsis; the whole text stays in the tooltip.
    static func shortened(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        return String(text.prefix(limit - 1)) + "…"
    }

    /// Everything worth seeing on hover: intent, fears and burdens first.
    func tooltip(for part: Part) -> String {
        var lines = ["\(part.displayName) (\(part.role.rawValue))"]
        if let age = part.age { lines.append("Age: " + age) }
        func add(_ heading: String, _ values: [String]) {
            for value in values { lines.append("\(heading): \(value)") }
        }
        add("Intent", part.intents)
        add("Fears", part.fears)
        for burden in part.burdens {
            lines.append("Burden (\(burden.kind.rawValue), \(burden.state.rawValue)): \(burden.text)")
        }
        add("Job", part.jobs)
        add("Beliefs", part.beliefs)
        if !part.feelings.isEmpty { lines.append("Feelings: " + part.feelings.joined(separator: ", ")) }
        add("Body", part.body)
        add("Trailheads", part.trailheads)
        if let status = part.status { lines.append("Status: \(status.rawValue)") }
        return lines.joined(separator: "\n")
    }

    // MARK: Edges

    private func writeEdge(_ relationship: Relationship, names: [PartID: String], into out: inout String) {
        func name(_ endpoint: Relationship.Endpoint) -> String {
            switch endpoint {
            case .part(let id): return names[id] ?? id.rawValue
            case .theSelf: return "Self"
            }
        }
        var attributes = style.attributes(for: relationship.kind)
        var tooltip = "\(name(relationship.from)) \(style.phrase(for: relationship.kind)) \(name(relationship.to))"
        var labels: [String] = []
        if let note = relationship.note {
            tooltip += ": " + note
            if note.unicodeScalars.count <= 40 { labels.append(note) }
        }
        if let emphasis = decorations.relationships[relationship.identity] {
            attributes = emphasis.applied(to: attributes)
            if let note = emphasis.note { labels.append(note) }
        }
        if !labels.isEmpty { attributes.append(("label", DOTText.quoted(labels.joined(separator: "\n")))) }
        attributes.append(("tooltip", DOTText.quoted(tooltip, as: .tooltip)))
        out += "  \"\(DOTWriter.nodeName(relationship.from))\" -> \"\(DOTWriter.nodeName(relationship.to))\" "
        out += attributeList(attributes) + ";\n"
    }

    /// The `--group` boxes: each a cluster naming its parts (already drawn above).
    private func writeClusters(into out: inout String) {
        var placed: Set<PartID> = []
        for (index, cluster) in options.clusters.enumerated() {
            let members = cluster.members.filter { placed.insert($0).inserted }
            guard !members.isEmpty else { continue }
            out += "  subgraph \"cluster_group_\(index + 1)\" {\n"
            // Shortened like node labels (Graphviz fails on huge boxes); the tooltip has it whole.
            out += "    graph " + attributeList([("label", DOTText.quoted(DOTWriter.shortened(cluster.label, to: 80))), ("style", "rounded,dashed"),
                                                 ("color", style.clusterColor), ("fontsize", "12"),
                                                 ("tooltip", DOTText.quoted(cluster.label, as: .tooltip))]) + ";\n"
            out += "    " + members.map { "\"\(DOTWriter.nodeName(.part($0)))\";" }.joined(separator: " ") + "\n  }\n"
        }
    }

    /// The parts Self is tied to above the system in a layered drawing: every part that is not an
    /// exile and that nothing protects (the Mermaid diagram uses the same rule).
    static func selfAnchors(_ parts: [Part], _ relationships: [Relationship]) -> [Part] {
        let protected = Set(relationships.filter { $0.kind == .protects }.compactMap(\.to.partID))
        return parts.filter { $0.role != .exile && !protected.contains($0.id) }
    }

    /// Invisible edges from Self to every part nothing protects, so dot centres Self above
    /// the whole system instead of beside one part.
    private func writeSelfAnchors(_ parts: [Part], _ relationships: [Relationship], into out: inout String) {
        for part in DOTWriter.selfAnchors(parts, relationships) {
            out += "  \"self\" -> \"\(DOTWriter.nodeName(.part(part.id)))\" [style=\"invis\"];\n"
        }
    }

    // MARK: Legend

    /// A legend cluster: one sample node per role in a row, then one row per relationship kind,
    /// each sample edge drawn left to right with its meaning in words (so it reads without colour).
    private func writeLegend(into out: inout String) {
        out += "  subgraph \"cluster_legend\" {\n"
        out += "    graph " + attributeList([("label", "\"Legend\""), ("fontsize", "13"), ("style", "rounded"),
                                             ("color", style.clusterColor), ("margin", "12"), ("tooltip", "\"Legend\"")]) + ";\n"
        var nodes: [String] = []
        let selfAttributes = style.selfAttributes.filter { $0.name != "fontsize" }
        out += "    \"legend_self\" " + attributeList(selfAttributes + [("label", "\"Self\""), ("fontsize", "10")]) + ";\n"
        nodes.append("legend_self")
        for role in Role.allCases {
            let node = "legend_\(role.rawValue)"
            let attributes = style.attributes(for: role)
                + [("label", DOTText.quoted(style.legendCaption(for: role))), ("fontsize", "10")]
            out += "    \"\(node)\" " + attributeList(attributes) + ";\n"
            nodes.append(node)
        }
        out += "    { rank=\"same\"; " + nodes.map { "\"\($0)\"; " }.joined() + "}\n"
        if !decorations.legend.isEmpty {
            var marks: [String] = []
            for (index, row) in decorations.legend.enumerated() {
                let node = "legend_mark_\(index)"
                let attributes = row.emphasis.applied(to: style.attributes(for: .manager))
                    + [("label", DOTText.quoted(row.caption)), ("fontsize", "10")]
                out += "    \"\(node)\" " + attributeList(attributes) + ";\n"
                marks.append(node)
            }
            out += "    { rank=\"same\"; " + marks.map { "\"\($0)\"; " }.joined() + "}\n"
            out += "    \"\(nodes[0])\" -> \"\(marks[0])\" [style=\"invis\"];\n"
        }
        var above = nodes[0]
        for (index, kind) in Relationship.Kind.allCases.enumerated() {
            let from = "legend_edge_\(index)_from"
            let to = "legend_edge_\(index)_to"
            let point = attributeList([("shape", "point"), ("width", "0.08"), ("label", "\"\""),
                                       ("color", style.theme == .dark ? "#DDDDDD" : "#000000")])
            let caption = attributeList([("shape", "plaintext"), ("fontsize", "10"), ("margin", "0"),
                                         ("label", DOTText.quoted(style.legendCaption(for: kind)))])
            let label = "legend_edge_\(index)_label"
            out += "    \"\(from)\" \(point);\n    \"\(to)\" \(point);\n    \"\(label)\" \(caption);\n"
            out += "    { rank=\"same\"; \"\(from)\"; \"\(to)\"; \"\(label)\"; }\n"
            let attributes = style.attributes(for: kind).filter { $0.name != "constraint" } + [("minlen", "3")]
            out += "    \"\(from)\" -> \"\(to)\" " + attributeList(attributes) + ";\n"
            out += "    \"\(to)\" -> \"\(label)\" [style=\"invis\", minlen=\"1\"];\n"
            out += "    \"\(above)\" -> \"\(from)\" [style=\"invis\"];\n"
            above = from
        }
        out += "  }\n"
    }

    private func attributeList(_ attributes: VisualStyle.Attributes) -> String {
        "[" + attributes.map { attribute in
            // By bytes: a quoted value whose text starts with a combining mark (U+0301) begins
            // with the grapheme `"́`, which `hasPrefix("\"")` does not see as a quote.
            let value = attribute.value.utf8.first == UInt8(ascii: "\"") ? attribute.value : "\"" + attribute.value + "\""
            return attribute.name + "=" + value
        }.joined(separator: ", ") + "]"
    }
}
