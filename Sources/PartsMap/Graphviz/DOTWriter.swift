/// Options that change the DOT a map turns into.
public struct DOTOptions: Sendable, Equatable {
    /// Add a legend explaining shapes and line styles.
    public var showsLegend: Bool
    /// The layout engine the DOT is meant for; it decides how Self is put at the centre.
    public var layout: LayoutEngine
    /// Fixed node positions in points, by node name (`self`, `p_fog`): for pictures drawn with
    /// `neato -n2` in the same layout as others (timeline frames).
    public var positions: [String: Position]

    /// A point in Graphviz's coordinates: points (1/72 inch), y growing upwards.
    public struct Position: Sendable, Equatable {
        /// Distance from the left, in points.
        public var x: Double
        /// Distance from the bottom, in points.
        public var y: Double
        /// The point (`x`, `y`), in points.
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

    /// In the layered layout, relationship notes go beside their lines (where Graphviz may lay
    /// them over parts) instead of on them: the fallback for the maps on which Graphviz 2.42
    /// fails to make room for notes on lines.
    public var notesBesideLines = false

    /// The legend names each kind without the words on its look ("manager", not "manager
    /// (rounded box)"): its samples show the look, and the legend is narrower. For a page on
    /// which the full legend would make the text too small.
    public var legendNamesOnly = false

    /// Options for a plain picture by default; clusters, page and page fit are set afterwards.
    public init(showsLegend: Bool = false, layout: LayoutEngine = .dot, positions: [String: Position] = [:],
                canvas: (Position, Position)? = nil) {
        self.showsLegend = showsLegend
        self.layout = layout
        self.positions = positions
        self.canvas = canvas
    }

    /// Equal when every option is equal (the canvas corners compared point by point).
    public static func == (lhs: DOTOptions, rhs: DOTOptions) -> Bool {
        lhs.showsLegend == rhs.showsLegend && lhs.layout == rhs.layout && lhs.positions == rhs.positions
            && lhs.clusters == rhs.clusters && lhs.page == rhs.page && lhs.pageFit == rhs.pageFit
            && lhs.canvas?.0 == rhs.canvas?.0 && lhs.canvas?.1 == rhs.canvas?.1 && lhs.notesBesideLines == rhs.notesBesideLines
            && lhs.legendNamesOnly == rhs.legendNamesOnly
    }
}

/// Turns a map into Graphviz DOT text that a therapist can read at a glance.
///
/// Output is deterministic: the same map and options give byte-identical DOT, so diagrams can
/// be versioned. User text only ever appears inside escaped labels and tooltips; node names are
/// generated from part IDs, and URLs are never written.
public struct DOTWriter: Sendable {
    /// What kind of picture to write (legend, layout engine, fixed places, page).
    public var options: DOTOptions
    /// How roles, relationships and marks look (the theme).
    public var style: VisualStyle
    /// Marks on some parts and relationships (diff maps, views).
    public var decorations: DOTDecorations

    /// A writer for `options`, drawn in `style`, with `decorations` marking some parts and lines.
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

    /// The DOT text of `map`: the same map and settings always give the same bytes.
    public func dot(for map: SystemMap) -> String {
        var out = "// Drawn by partsmap from a .parts map: edit the map, not this file.\n"
        out += "digraph \"partsmap\" {\n"
        let parts = map.parts
        let names = Dictionary(parts.map { ($0.id, $0.displayName) }, uniquingKeysWith: { first, _ in first })
        let legend = options.showsLegend ? legendContents(map) : nil
        let pinned = options.layout == .clinical && options.positions.isEmpty ? clinicalGeometry(map, legend: legend) : nil
        // With a legend beside it, the layered map's title is a node hung over Self, so it stays
        // over the map (a graph label is centred over map and legend together). Not on a fitted
        // page: the node's rank adds a rank gap of height, which would shrink the text.
        let titleOverSelf = pinned == nil && options.layout == .dot && legend != nil && options.page == nil && options.pageFit == nil && !heading(map).isEmpty
        writeGraphAttributes(map, pinned: pinned, titleOverSelf: titleOverSelf, into: &out)
        // The clinical layout's boxes first, so the parts are drawn over their outlines.
        if let pinned { writeBoxOutlines(map, pinned, into: &out) }

        writeSelf(map, pinned: pinned, titleOverSelf: titleOverSelf, into: &out)
        for part in parts {
            writePart(part, pinned: pinned, into: &out)
        }
        // Wide layered maps wrap by protective system, in bands one under the other.
        let bands = options.layout == .dot ? layeredBands(map) : [parts]
        // Exiles at the bottom; not with the legend, whose rows make Graphviz 2.42 fail with
        // "trouble in init_rank" when combined with rank="max"; not when bands wrap.
        if options.layout == .dot && options.clusters.isEmpty && legend == nil && bands.count == 1 {
            let exiles = parts.filter { $0.role == .exile }
            if !exiles.isEmpty {
                out += "  { rank=\"max\"; " + exiles.map { "\"\(DOTWriter.nodeName(.part($0.id)))\"; " }.joined() + "}\n"
            }
        }
        let routes = pinned?.routes  // built once: every line is routed among the same shapes
        // In dot, a note on the line (label) gets room of its own, where a note beside it
        // (xlabel) is laid over whatever is there, parts included. Graphviz 2.42 loses a
        // labelled line between two parts joined by another line, or a labelled loop: those keep
        // the note beside them. (On some maps it fails with "trouble in init_rank": the render
        // then falls back to `notesBesideLines`, see `RenderAttempt.chain`.)
        var linesBetween: [Set<String>: Int] = [:]
        if options.layout == .dot && !options.notesBesideLines {
            for relationship in map.relationships {
                linesBetween[[DOTWriter.nodeName(relationship.from), DOTWriter.nodeName(relationship.to)], default: 0] += 1
            }
        }
        for (index, relationship) in map.relationships.enumerated() {
            let pair: Set<String> = [DOTWriter.nodeName(relationship.from), DOTWriter.nodeName(relationship.to)]
            writeEdge(relationship, number: index, names: names, pinned: pinned, routes: routes,
                      noteOnLine: pair.count == 2 && linesBetween[pair] == 1, into: &out)
        }
        if options.layout == .dot {
            writeSelfAnchors(bands.first ?? parts, map.relationships, into: &out)
            writeBands(bands, map.relationships, into: &out)
        }
        if pinned == nil { writeClusters(into: &out) }
        if let legend {
            if let pinned { writePinnedLegend(legend, pinned, into: &out) } else { writeLegend(legend, into: &out) }
        }
        if let pinned, let title = pinned.title {
            writeTitle(map, at: title, into: &out)
        } else if titleOverSelf {
            writeTitle(map, at: nil, into: &out)
            out += "  \"title\" -> \"self\" [style=\"invis\", weight=\"100\"];\n"
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

    private func writeGraphAttributes(_ map: SystemMap, pinned: ClinicalGeometry?, titleOverSelf: Bool, into out: inout String) {
        // The layout is named in the DOT itself, so the text renders the same however dot is called.
        var graph: VisualStyle.Attributes = [("layout", options.layout.program), ("fontname", style.fontName), ("fontsize", XMLText.number(VisualStyle.titleFontSize)),
                                             ("pad", "0.3")] + style.graphAttributes
        if let fit = options.pageFit {
            // Scaled to the page, with margins that make the whole drawing exactly one page.
            graph.removeAll { $0.name == "pad" }
            graph += [("pad", "0"), ("size", "\(Self.inches(fit.drawing.width)),\(Self.inches(fit.drawing.height))"),
                      ("margin", "\(Self.inches(fit.margin.width)),\(Self.inches(fit.margin.height))")]
        } else if let page = options.page {
            // Paper has margins of its own: a narrow pad leaves the picture more of the page.
            let inches = page.inches
            graph.removeAll { $0.name == "pad" }
            graph += [("pad", "0.1"), ("size", "\(DecimalText.tenths(inches.width - 1)),\(DecimalText.tenths(inches.height - 1))")]
        }
        let heading = self.heading(map)
        if !heading.isEmpty {
            // The clinical layout puts the title over the map itself (a node), not over the legend too.
            if pinned == nil && !titleOverSelf { graph += [("label", DOTText.quoted(heading)), ("labelloc", "t")] }
            graph += [("tooltip", DOTText.quoted(heading, as: .tooltip))]
        }
        switch options.layout {
        case .clinical:
            graph += [("splines", "true")]
        case .dot:
            graph += [("rankdir", "TB"), ("nodesep", "0.45"), ("ranksep", "0.7")]
        case .neato, .fdp, .sfdp:
            graph += [("overlap", "false"), ("splines", "true")]
        case .twopi:
            graph += [("root", "\"self\""), ("overlap", "false"), ("ranksep", "1.4")]
        case .circo:
            graph += [("overlap", "false")]
        }
        if pinned == nil { graph += [("forcelabels", "true")] }
        out += "  graph " + attributeList(graph) + ";\n"
        out += "  node " + attributeList([("fontname", style.fontName), ("margin", "0.14,0.07")] + style.nodeDefaults) + ";\n"
        out += "  edge " + attributeList([("fontname", style.fontName)] + style.edgeDefaults) + ";\n"
    }

    // MARK: Nodes

    private func writeSelf(_ map: SystemMap, pinned: ClinicalGeometry?, titleOverSelf: Bool, into out: inout String) {
        var tooltip = ["Self"]
        if let block = map.selfBlock { tooltip += block.notes }
        if let latest = map.sessions.last(where: { !$0.selfEnergy.isEmpty }) {
            let ratings = latest.selfEnergy.map { "\($0.quality.rawValue) \($0.score)" }.joined(separator: ", ")
            tooltip.append("Self-energy on \(latest.date): \(ratings)")
        }
        var attributes = style.selfAttributes
        attributes += [("label", DOTText.quoted("Self")), ("tooltip", DOTText.quoted(tooltip.joined(separator: "\n"), as: .tooltip))]
        if let pinned {
            attributes += pinned.attributes(for: "self")
        } else if let position = options.positions["self"] {
            attributes.append(("pos", DOTWriter.pos(position)))
        } else {
            switch options.layout {
            case .neato, .fdp, .sfdp: attributes += [("pos", "\"0,0!\""), ("pin", "true")]
            case .dot, .twopi, .circo, .clinical: break
            }
        }
        out += "  \"self\" " + attributeList(attributes) + ";\n"
        if options.layout == .dot {
            // Only the title may stand over Self.
            out += titleOverSelf ? "  { rank=\"min\"; \"title\"; }\n" : "  { rank=\"source\"; \"self\"; }\n"
        }
    }

    private func writePart(_ part: Part, pinned: ClinicalGeometry?, into out: inout String) {
        var attributes = style.attributes(for: part.role)
        if part.isSelfLike { attributes += style.selfLikeAttributes }
        if let emphasis = decorations.parts[part.id] {
            if let mark = emphasis.mark { attributes = style.attributes(for: mark, on: attributes) }
            attributes = emphasis.applied(to: attributes)
        }
        attributes += [("label", DOTText.quoted(decoratedLabel(for: part))),
                       ("tooltip", DOTText.quoted(tooltip(for: part), as: .tooltip))]
        let name = DOTWriter.nodeName(.part(part.id))
        if let pinned {
            attributes += pinned.attributes(for: name)
        } else if let position = options.positions[name] {
            attributes.append(("pos", DOTWriter.pos(position)))
        }
        out += "  \"\(DOTWriter.nodeName(.part(part.id)))\" " + attributeList(attributes) + ";\n"
    }

    static func inches(_ value: Double) -> String { DecimalText.thousandths(value) }

    static func pos(_ position: DOTOptions.Position) -> String {
        "\"\(DecimalText.tenths(position.x)),\(DecimalText.tenths(position.y))!\""
    }

    /// Name, then role and age, then status: what a therapist scans for. Long names and ages
    /// wrap (the tooltip has them whole); Graphviz fails on huge nodes, so there is a limit.
    func label(for part: Part) -> String {
        var lines = TextLines.normalized(part.displayName).split(separator: "\n", omittingEmptySubsequences: false)
            .prefix(4).flatMap { TextMetrics.wrapped(String($0), limit: 28, maximumLines: 3, balanced: true) }
        var roleLine = part.role.rawValue
        if let age = part.age { roleLine += ", age " + age }
        if part.isSelfLike { roleLine += ", self-like" }
        lines += TextMetrics.wrapped(roleLine, limit: 30, maximumLines: 3, balanced: true)
        if let status = part.status { lines.append(status.rawValue) }
        return lines.joined(separator: "\n")
    }

    /// The label with the view's or diff's mark in words as a last line.
    func decoratedLabel(for part: Part) -> String {
        var label = label(for: part)
        if let note = decorations.parts[part.id]?.note { label += "\n" + TextMetrics.wrapped(note, limit: 34, balanced: true).joined(separator: "\n") }
        return label
    }

    /// A relationship's note and marks as drawn beside its line, wrapped.
    func edgeLabel(for relationship: Relationship) -> String? {
        var lines: [String] = []
        if let note = relationship.note {
            lines += TextLines.normalized(note).split(separator: "\n").prefix(4).flatMap { TextMetrics.wrapped(String($0), limit: 30, maximumLines: 4, balanced: true) }
        }
        if let note = decorations.relationships[relationship.identity]?.note { lines += TextMetrics.wrapped(note, limit: 30, balanced: true) }
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }

    /// The picture's title and the view's subtitle.
    func heading(_ map: SystemMap) -> String {
        [map.title.map { TextMetrics.wrapped($0, limit: 70, maximumLines: 3, balanced: true).joined(separator: "\n") },
         decorations.subtitle].compactMap { $0 }.joined(separator: "\n")
    }

    /// Everything worth seeing on hover, as the table of fields places it (`PartFieldSpec`,
    /// `.tooltip`): intent, fears and burdens first.
    func tooltip(for part: Part) -> String {
        var lines = ["\(part.displayName) (\(part.role.rawValue))"]
        if let age = part.age { lines.append("Age: " + age) }
        for section in part.sections(for: .tooltip) {
            for value in section.values { lines.append("\(section.spec.label): \(value)") }
        }
        if let status = part.status { lines.append("Status: \(status.rawValue)") }
        return lines.joined(separator: "\n")
    }

    // MARK: Edges

    private func writeEdge(_ relationship: Relationship, number: Int, names: [PartID: String], pinned: ClinicalGeometry?,
                           routes: ClinicalRoutes?, noteOnLine: Bool, into out: inout String) {
        func name(_ endpoint: Relationship.Endpoint) -> String {
            switch endpoint {
            case .part(let id): return names[id] ?? id.rawValue
            case .theSelf: return "Self"
            }
        }
        var attributes = style.attributes(for: relationship.kind)
        var tooltip = "\(name(relationship.from)) \(style.phrase(for: relationship.kind)) \(name(relationship.to))"
        if let note = relationship.note { tooltip += ": " + note }
        if let emphasis = decorations.relationships[relationship.identity] {
            if let mark = emphasis.mark { attributes = style.attributes(for: mark, on: attributes, isLine: true) }
            attributes = emphasis.applied(to: attributes)
        }
        let from = "\"\(DOTWriter.nodeName(relationship.from))\""
        let to = "\"\(DOTWriter.nodeName(relationship.to))\""
        let tooltipAttribute = ("tooltip", DOTText.quoted(tooltip, as: .tooltip))
        let label = edgeLabel(for: relationship)
        /// The line drawn by PartsMap where its path is clear (clinical layout); Graphviz routes the rest.
        /// (A line arcing through `bend`: a second line between the same two parts.)
        func route(_ tail: String, _ head: String, _ attributes: VisualStyle.Attributes,
                   through bend: ClinicalLayout.Point? = nil) -> VisualStyle.Attributes {
            guard let routes else { return attributes }
            let direction = attributes.last { $0.name == "dir" }?.value ?? "forward"
            let arrowhead = direction == "forward" || direction == "both" ? (attributes.last { $0.name == "arrowhead" }?.value ?? "normal") : nil
            let arrowtail = direction == "back" || direction == "both" ? (attributes.last { $0.name == "arrowtail" }?.value ?? "normal") : nil
            let pos: String?
            if let bend {
                pos = routes.pos(from: tail, to: head, through: bend, head: arrowhead, tail: arrowtail)  // that arc or none
            } else {
                pos = routes.pos(from: tail, to: head, head: arrowhead, tail: arrowtail)
            }
            guard let pos else { return attributes }
            return attributes + [("pos", pos)]
        }
        let tailName = DOTWriter.nodeName(relationship.from)
        let headName = DOTWriter.nodeName(relationship.to)
        /// One line from part to part, not through a note.
        func writeLine(_ attributes: VisualStyle.Attributes) {
            out += "  \(from) -> \(to) " + attributeList(route(tailName, headName, attributes) + [tooltipAttribute]) + ";\n"
        }
        guard let pinned, pinned.centres[ClinicalGeometry.noteName(number)] != nil else {
            // On the line where Graphviz makes room for it (see `dot(for:)`), else beside it.
            if let label { attributes.append((noteOnLine ? "label" : "xlabel", DOTText.quoted(label))) }
            writeLine(attributes)
            return
        }
        // The note is a box of its own on the way, filled with the background: the line runs
        // up to it and on from it, so no line, its own included, is drawn through the words.
        // A second line between the same parts arcs through the note's place (no note), or
        // where that arc is not clear, bends through an unseen point there.
        let note = ClinicalGeometry.noteName(number)
        if label == nil, let bend = pinned.centres[note] {
            let arc = route(tailName, headName, attributes, through: bend)
            if arc.contains(where: { $0.name == "pos" }) {
                out += "  \(from) -> \(to) " + attributeList(arc + [tooltipAttribute]) + ";\n"
                return
            }
        }
        let noteAttributes: VisualStyle.Attributes
        if let label {
            noteAttributes = [("shape", "box"), ("style", "rounded,filled"), ("fillcolor", style.background),
                              ("color", style.background), ("margin", "0.04,0.02"), ("fontsize", XMLText.number(style.edgeFontSize)),
                              ("fontcolor", style.edgeDefaults.first { $0.name == "fontcolor" }?.value ?? "#333333"),
                              ("label", DOTText.quoted(label)), tooltipAttribute] + pinned.attributes(for: note)
        } else {
            noteAttributes = [("shape", "point"), ("style", "invis"), ("width", "0.01"), ("label", "\"\""),
                              ("pos", pinned.attributes(for: note).first?.value ?? "\"0,0!\"")]
        }
        out += "  \"\(note)\" " + attributeList(noteAttributes) + ";\n"
        guard pinned.runsThroughNote(number) else {
            writeLine(attributes)  // beside its line: the line runs straight past the note
            return
        }
        let direction = attributes.first { $0.name == "dir" }?.value ?? "forward"
        let first = DOTWriter.replacing(attributes, ("dir", direction == "both" || direction == "back" ? "back" : "none"))
        let second = DOTWriter.replacing(attributes, ("dir", direction == "both" || direction == "forward" ? "forward" : "none"))
        out += "  \(from) -> \"\(note)\" " + attributeList(route(tailName, note, first) + [tooltipAttribute]) + ";\n"
        out += "  \"\(note)\" -> \(to) " + attributeList(route(note, headName, second) + [tooltipAttribute]) + ";\n"
    }

    static func replacing(_ attributes: VisualStyle.Attributes, _ attribute: (name: String, value: String)) -> VisualStyle.Attributes {
        var result = attributes
        if let index = result.firstIndex(where: { $0.name == attribute.name }) { result[index].value = attribute.value } else {
            result.append(attribute)
        }
        return result
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
                                                 ("color", style.clusterColor), ("fontsize", XMLText.number(VisualStyle.boxFontSize)),
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

    func attributeList(_ attributes: VisualStyle.Attributes) -> String {
        // Built as bytes and made a String once: a 60-part map writes about 200 lists.
        var list: [UInt8] = [UInt8(ascii: "[")]
        list.reserveCapacity(attributes.reduce(2) { $0 + $1.name.utf8.count + $1.value.utf8.count + 5 })
        func append(_ text: String) {
            var text = text
            text.withUTF8 { list.append(contentsOf: $0) }
        }
        for (number, attribute) in attributes.enumerated() {
            if number > 0 { list += [UInt8(ascii: ","), UInt8(ascii: " ")] }
            append(attribute.name)
            list.append(UInt8(ascii: "="))
            // By bytes: a quoted value whose text starts with a combining mark (U+0301) begins
            // with the grapheme `"́`, which `hasPrefix("\"")` does not see as a quote.
            if attribute.value.utf8.first == UInt8(ascii: "\"") {
                append(attribute.value)
            } else {
                list.append(UInt8(ascii: "\""))
                append(attribute.value)
                list.append(UInt8(ascii: "\""))
            }
        }
        list.append(UInt8(ascii: "]"))
        return String(decoding: list, as: UTF8.self)
    }
}
