#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the clinical layout puts every node of a picture: parts, Self, notes, legend and
/// title, with their sizes in points. Graphviz draws them there and only routes the lines.
struct ClinicalGeometry {
    var centres: [String: ClinicalLayout.Point] = [:]
    var sizes: [String: ClinicalLayout.Size] = [:]
    var title: ClinicalLayout.Point?
    /// Straight lines drawn exactly where given (legend samples and frame), by edge name pair.
    var fixedLines: [String: [ClinicalLayout.Point]] = [:]
    /// Room taken by extra outlines, which Graphviz adds outside the given width and height.
    var insets: [String: Double] = [:]
    /// The shape of each part, Self and note, for drawing lines round them.
    var shapes: [String: String] = [:]
    /// The way each line goes, chosen to cross fewer others (see `ClinicalRoutes.chooseWays`).
    var ways = ClinicalRoutes.Ways()
    /// Where the shapes were when `ways` were chosen (each chosen way was checked clear of them
    /// then): while none has moved, the lines need not be checked again.
    var checked: [String: (centre: ClinicalLayout.Point, size: ClinicalLayout.Size)] = [:]
    /// Relationships (by number) whose note sits beside their line, not on it
    /// (see `ClinicalLayout.Placement`).
    var besideNotes: Set<Int> = []
    /// The `--group` boxes by number: the corners of each outline round the box's parts and
    /// the notes of the lines among them (`DOTWriter.placeBoxes`), drawn with rounded corners.
    /// Each box's name is the node `boxLabelName(number)`, outside the outline.
    var boxOutlines: [Int: [ClinicalLayout.Point]] = [:]
    /// The legend's line samples by column (indices into its kinds), each column's words one
    /// text node `legend_captions_N`.
    var legendColumns: [[Int]] = []

    /// Whether relationship `number`'s line runs through its note (up to it and on from it).
    func runsThroughNote(_ number: Int) -> Bool {
        centres[ClinicalGeometry.noteName(number)] != nil && !besideNotes.contains(number)
    }

    /// Lines between the map's nodes, drawn here where a path is clear.
    var routes: ClinicalRoutes {
        var obstacles: [String: ClinicalRoutes.Obstacle] = [:]
        for (name, shape) in shapes {
            guard let centre = centres[name], let size = sizes[name] else { continue }
            obstacles[name] = .init(centre: centre, size: size, shape: shape)
        }
        let unmoved = !checked.isEmpty && shapes.keys.allSatisfy { name in
            guard let centre = centres[name], let size = sizes[name] else { return checked[name] == nil }
            return checked[name].map { $0.centre == centre && $0.size == size } ?? false
        }
        return ClinicalRoutes(obstacles: obstacles, preferred: ways, preferredAreClear: unmoved)
    }

    static func noteName(_ number: Int) -> String { "note_\(number)" }

    /// `pos`, `width` and `height` for a node placed here.
    func attributes(for name: String) -> VisualStyle.Attributes {
        guard let centre = centres[name] else { return [] }
        var attributes: VisualStyle.Attributes = [("pos", DOTWriter.pos(DOTOptions.Position(x: centre.x, y: centre.y)))]
        if let size = sizes[name] {
            let inset = insets[name] ?? 0
            attributes += [("width", DOTWriter.inches((size.width - inset) / 72 + 0.0005)),
                           ("height", DOTWriter.inches((size.height - inset) / 72 + 0.0005))]
        }
        return attributes
    }

    /// An edge `pos` for a straight polyline through `points`.
    static func linePos(_ points: [ClinicalLayout.Point], arrowAtEnd: Bool) -> String {
        guard let first = points.first, let last = points.last else { return "\"\"" }
        func text(_ point: ClinicalLayout.Point) -> String { XMLText.number(point.x) + "," + XMLText.number(point.y) }
        var controls = [text(first)]
        for (a, b) in zip(points, points.dropFirst()) {
            let third = ClinicalLayout.Point(x: a.x + (b.x - a.x) / 3, y: a.y + (b.y - a.y) / 3)
            let twoThirds = ClinicalLayout.Point(x: a.x + (b.x - a.x) * 2 / 3, y: a.y + (b.y - a.y) * 2 / 3)
            controls += [text(third), text(twoThirds), text(b)]
        }
        return "\"" + (arrowAtEnd ? "e," + text(last) + " " : "") + controls.joined(separator: " ") + "\""
    }
}

/// What a legend shows: only what the picture has, in the order Self, managers, firefighters,
/// protectors, exiles, unknown, then the view's marks, then the line styles.
struct LegendContents {
    struct Sample {
        var name: String
        var attributes: VisualStyle.Attributes
        var label: String
    }

    var samples: [Sample]
    var kinds: [Relationship.Kind]
}

extension DOTWriter {

    func legendContents(_ map: SystemMap) -> LegendContents {
        let roles = Set(map.parts.map(\.role))
        var samples = [LegendContents.Sample(name: "legend_self", attributes: style.selfAttributes.filter { $0.name != "fontsize" },
                                             label: "Self")]
        for role in Role.allCases where roles.contains(role) {
            samples.append(.init(name: "legend_\(role.rawValue)", attributes: style.attributes(for: role), label: legendWords(style.legendCaption(for: role))))
        }
        if map.parts.contains(where: \.isSelfLike) {
            samples.append(.init(name: "legend_self_like", attributes: style.attributes(for: .unknown) + style.selfLikeAttributes,
                                 label: legendWords("self-like part\n(double outline)")))
        }
        for (index, row) in decorations.legend.enumerated() {
            samples.append(.init(name: "legend_mark_\(index)", attributes: row.emphasis.mark.map { style.attributes(for: $0, on: style.attributes(for: .manager)) } ?? style.attributes(for: .manager),
                                 label: row.caption))
        }
        let kinds = Set(map.relationships.map(\.kind))
        return LegendContents(samples: samples, kinds: Relationship.Kind.allCases.filter { kinds.contains($0) })
    }

    /// A legend caption as drawn: its name, then the words on its look (on the next line)
    /// unless the legend names kinds only (`DOTOptions.legendNamesOnly`).
    func legendWords(_ caption: String) -> String {
        options.legendNamesOnly ? String(caption.prefix { $0 != "\n" }) : caption
    }

    /// A line's legend caption in lines, as `legendWords` draws it.
    func legendLines(for kind: Relationship.Kind) -> [String] {
        let lines = style.legendCaptionLines(for: kind)
        return options.legendNamesOnly ? Array(lines.prefix(1)) : lines
    }

    /// Size in points of a node with this label and shape, at least what Graphviz gives it.
    static func nodeSize(label: String, shape: String, fontSize: Double, peripheries: Int = 1,
                         margin: (x: Double, y: Double) = (10.08, 5.04)) -> ClinicalLayout.Size {
        let lines = TextLines.normalized(label).split(separator: "\n", omittingEmptySubsequences: false)
        let textWidth = lines.map { TextMetrics.width(of: String($0), fontSize: fontSize) }.max() ?? 0
        var width = textWidth + 2 * margin.x
        var height = TextMetrics.height(lines: lines.count, fontSize: fontSize) + 2 * margin.y
        let factor: Double
        switch shape {
        case "ellipse": factor = 1.42
        case "octagon": factor = 1.54
        case "house": factor = 1.76
        default: factor = 1
        }
        width *= factor
        height *= factor
        let extra = DOTWriter.outlineRoom(shape: shape, peripheries: peripheries)
        if shape == "plaintext" { return ClinicalLayout.Size(width: width.rounded(.up), height: height.rounded(.up)) }
        width = max(54, width + extra).rounded(.up)
        height = max(28, height + extra).rounded(.up)
        if shape == "doublecircle" || shape == "circle" { width = max(width, height); height = width }
        return ClinicalLayout.Size(width: width, height: height)
    }

    /// Graphviz draws each extra outline 4 points outside the last, beyond the node's size.
    static func outlineRoom(shape: String, peripheries: Int) -> Double {
        Double(max(0, (shape == "doublecircle" ? max(2, peripheries) : peripheries) - 1)) * 8
    }

    private func outlineRoom(_ attributes: VisualStyle.Attributes) -> Double {
        DOTWriter.outlineRoom(shape: value("shape", in: attributes) ?? "box", peripheries: Int(value("peripheries", in: attributes) ?? "1") ?? 1)
    }

    private func value(_ name: String, in attributes: VisualStyle.Attributes) -> String? {
        attributes.last { $0.name == name }?.value
    }

    private func legendSize(_ sample: LegendContents.Sample) -> ClinicalLayout.Size {
        DOTWriter.nodeSize(label: sample.label, shape: value("shape", in: sample.attributes) ?? "box", fontSize: VisualStyle.legendFontSize,
                           peripheries: Int(value("peripheries", in: sample.attributes) ?? "1") ?? 1, margin: (6, 3))
    }

    /// The clinical layout of `map`: parts round Self, notes on their lines, the legend beside
    /// or under the map (whichever keeps the picture nearer square), the title over the map.
    func clinicalGeometry(_ map: SystemMap, legend: LegendContents?) -> ClinicalGeometry {
        var geometry = ClinicalGeometry()
        var nodes: [ClinicalLayout.Node] = []
        for part in map.parts {
            var attributes = style.attributes(for: part.role)
            if part.isSelfLike { attributes += style.selfLikeAttributes }
            if let mark = decorations.parts[part.id]?.mark { attributes = style.attributes(for: mark, on: attributes) }
            let size = DOTWriter.nodeSize(label: decoratedLabel(for: part), shape: value("shape", in: attributes) ?? "box",
                                          fontSize: style.nodeFontSize, peripheries: Int(value("peripheries", in: attributes) ?? "1") ?? 1)
            let name = DOTWriter.nodeName(.part(part.id))
            nodes.append(.init(name: name, role: part.role, size: size))
            geometry.sizes[name] = size
            geometry.insets[name] = outlineRoom(attributes)
            geometry.shapes[name] = value("shape", in: attributes) ?? "box"
        }
        // Self: the largest node.
        let tallest = nodes.map(\.size.height).max() ?? 0
        let selfDiameter = min(150, max(96, tallest * 1.3)).rounded(.up)
        geometry.sizes["self"] = ClinicalLayout.Size(width: selfDiameter, height: selfDiameter)
        geometry.insets["self"] = outlineRoom(style.selfAttributes)
        geometry.shapes["self"] = "doublecircle"
        var links: [ClinicalLayout.Link] = []
        var pairs: Set<[String]> = []
        for (number, relationship) in map.relationships.enumerated() {
            let (from, to) = (DOTWriter.nodeName(relationship.from), DOTWriter.nodeName(relationship.to))
            var note: ClinicalLayout.Size?
            var bends = false
            let second = !pairs.insert([from, to].sorted()).inserted
            if let label = edgeLabel(for: relationship) {
                note = DOTWriter.nodeSize(label: label, shape: "box", fontSize: style.edgeFontSize, margin: (3, 1.5))
            } else if second {
                note = ClinicalLayout.Size(width: 2, height: 2)
                bends = true
            }
            if let note {
                geometry.sizes[ClinicalGeometry.noteName(number)] = note
                geometry.shapes[ClinicalGeometry.noteName(number)] = bends ? "point" : "box"
            }
            links.append(.init(from: from, to: to, kind: relationship.kind, note: note, bends: bends, second: second))
        }
        var layout = ClinicalLayout(nodes: nodes, selfSize: geometry.sizes["self"] ?? .init(width: 96, height: 96), links: links)
        let boxes = clinicalBoxes(map)
        layout.boxes = boxes.map { $0.members }
        let placement = layout.place()
        geometry.centres = placement.centres
        for (number, centre) in placement.notes { geometry.centres[ClinicalGeometry.noteName(number)] = centre }
        geometry.besideNotes = placement.besides
        // The boxes' names are in place before the lines choose their ways, which go round them.
        placeBoxes(boxes, nodes: nodes, links: links, in: &geometry)
        var lines: [ClinicalRoutes.Line] = []
        for (number, link) in links.enumerated() {
            let ends: Set<String> = [link.from, link.to]
            let note = ClinicalGeometry.noteName(number)
            if geometry.runsThroughNote(number) {
                lines += [.init(tail: link.from, head: note, ends: ends), .init(tail: note, head: link.to, ends: ends)]
            } else {
                lines.append(.init(tail: link.from, head: link.to, ends: ends))
            }
        }
        geometry.ways = geometry.routes.chooseWays(lines)
        for name in geometry.shapes.keys {
            guard let centre = geometry.centres[name], let size = geometry.sizes[name] else { continue }
            geometry.checked[name] = (centre, size)
        }
        var low = placement.minimum
        var high = placement.maximum
        if low.x > high.x { low = .init(x: -48, y: -48); high = .init(x: 48, y: 48) }
        let heading = self.heading(map)
        if let page = options.page, !placement.centres.isEmpty {  // paper: the same picture, closer together
            let title = heading.isEmpty ? nil : DOTWriter.nodeSize(label: heading, shape: "plaintext", fontSize: VisualStyle.titleFontSize, margin: (0, 0))
            // The boxes' names are placed again after the parts move: they do not hold them apart.
            for number in geometry.boxOutlines.keys { geometry.centres[ClinicalGeometry.boxLabelName(number)] = nil }
            geometry.boxOutlines = [:]
            (low, high) = geometry.compactForPrint(on: page, links: links, above: title.map { $0.height + 16 } ?? 0, titleWidth: title?.width ?? 0,
                                                   legend: legend.map(legendMeasures))
            placeBoxes(boxes, nodes: nodes, links: links, in: &geometry)
        }
        // A line bowed out beyond the parts (round a part at the edge): the title and the legend
        // go beyond it too, not across it. The title stays centred over the parts.
        let middle = (low.x + high.x) / 2
        for line in lines {
            guard let a = geometry.centres[line.tail], let b = geometry.centres[line.head],
                  let curve = geometry.ways.curve(line.tail + " " + line.head, from: a, to: b) else { continue }
            for point in ClinicalRoutes.polyline(curve, samples: 8) {
                low = .init(x: min(low.x, point.x), y: min(low.y, point.y))
                high = .init(x: max(high.x, point.x), y: max(high.y, point.y))
            }
        }
        // Loops without a note reach out of their part's right side (`ClinicalRoutes.loop`).
        var loops: [String: Int] = [:]
        for (number, link) in links.enumerated() where link.from == link.to && (link.bends || !geometry.runsThroughNote(number)) {
            loops[link.from, default: 0] += 1
        }
        for (name, count) in loops {
            guard let centre = geometry.centres[name], let size = geometry.sizes[name] else { continue }
            high.x = max(high.x, centre.x + size.width / 2 + Double(min(count, 2)) * ClinicalRoutes.loopReach)
        }
        // The boxes' outlines and names, which may reach beyond the parts.
        for (number, outline) in geometry.boxOutlines {
            var corners = outline
            let name = ClinicalGeometry.boxLabelName(number)
            if let centre = geometry.centres[name], let size = geometry.sizes[name] {
                corners += [.init(x: centre.x - size.width / 2, y: centre.y - size.height / 2),
                            .init(x: centre.x + size.width / 2, y: centre.y + size.height / 2)]
            }
            for point in corners {
                low = .init(x: min(low.x, point.x), y: min(low.y, point.y))
                high = .init(x: max(high.x, point.x), y: max(high.y, point.y))
            }
        }
        if !heading.isEmpty {
            let size = DOTWriter.nodeSize(label: heading, shape: "plaintext", fontSize: VisualStyle.titleFontSize, margin: (0, 0))
            let centre = ClinicalLayout.Point(x: middle, y: high.y + 16 + size.height / 2)
            geometry.title = centre
            geometry.centres["title"] = centre
            geometry.sizes["title"] = size
            high.y += 16 + size.height
            low.x = min(low.x, centre.x - size.width / 2)
            high.x = max(high.x, centre.x + size.width / 2)
        }
        if let legend { placeLegend(legend, beside: (low, high), in: &geometry) }
        return geometry
    }

    /// The legend's pieces measured: sample sizes, caption sizes, and its content's size in a
    /// column (`stacked`, beside the map) or in a row (`sideBySide`, under the map).
    typealias LegendMeasures = (sizes: [ClinicalLayout.Size], sampleWidth: Double, lineLength: Double, captionSizes: [ClinicalLayout.Size],
                                rowHeight: Double, rowTall: Double, sideBySide: (width: Double, height: Double),
                                stacked: (width: Double, height: Double), linesPerColumn: Int)
    /// Lines of words per kind of line in the legend (its name, and the words on its look).
    var captionLineCount: Int { options.legendNamesOnly ? 1 : 2 }
    static let legendPadding = 10.0
    /// Room between columns of line samples in a legend under the map.
    static let legendColumnGap = 16.0
    static let legendHeadingHeight = 14.0

    func legendMeasures(_ legend: LegendContents) -> LegendMeasures {
        let sizes = legend.samples.map(legendSize)
        let sampleWidth = sizes.map(\.width).max() ?? 0
        let samplesHeight = sizes.map { $0.height + 9 }.reduce(0, +)
        let lineLength = 40.0
        let captions = legend.kinds.map { legendLines(for: $0).joined(separator: "\n") }
        let captionSizes = captions.map { DOTWriter.nodeSize(label: $0, shape: "plaintext", fontSize: VisualStyle.legendFontSize, margin: (0, 0)) }
        let linesWidth = legend.kinds.isEmpty ? 0 : lineLength + 12 + (captionSizes.map(\.width).max() ?? 0)
        // Two caption lines (what the line means, then how it looks) and one blank line per
        // row: half as wide as one long line (Graphviz spaces lines 1.2 × the font size).
        let rowHeight = VisualStyle.legendFontSize * 1.2 * Double(captionLineCount + 1)
        let linesHeight = Double(legend.kinds.count) * rowHeight
        // Beside the map: samples in a column, line samples under them. Under the map: samples
        // in a row, line samples in as few rows under them as fit its width (in columns).
        let rowWidth = sizes.map(\.width).reduce(0, +) + Double(max(0, sizes.count - 1)) * 10
        let rowTall = sizes.map(\.height).max() ?? 0
        let count = legend.kinds.count
        func gridWidth(_ rows: Int) -> Double {
            let columns = (count + rows - 1) / max(1, rows)
            return Double(columns) * linesWidth + Double(max(0, columns - 1)) * DOTWriter.legendColumnGap
        }
        let linesPerColumn = count == 0 ? 0 : (1...count).first { gridWidth($0) <= max(rowWidth, linesWidth) } ?? count
        let gridHeight = Double(linesPerColumn) * rowHeight - VisualStyle.legendFontSize * 1.2
        let sideBySide = (width: max(rowWidth, count == 0 ? 0 : gridWidth(linesPerColumn)), height: rowTall + (count > 0 ? 12 + gridHeight : 0))
        let stacked = (width: max(sampleWidth, linesWidth), height: samplesHeight + (linesHeight > 0 ? 8 + linesHeight : 0))
        return (sizes, sampleWidth, lineLength, captionSizes, rowHeight, rowTall, sideBySide, stacked, linesPerColumn)
    }

    /// The picture's size with the legend beside a map of `width` × `height` points, and under it.
    static func withLegend(_ measures: LegendMeasures, width: Double, height: Double) -> (beside: ClinicalLayout.Size, under: ClinicalLayout.Size) {
        let (padding, headingHeight) = (legendPadding, legendHeadingHeight)
        return (.init(width: width + 24 + measures.stacked.width + 2 * padding,
                      height: max(height, measures.stacked.height + headingHeight + 2 * padding)),
                .init(width: max(width, measures.sideBySide.width + 2 * padding),
                      height: height + 24 + measures.sideBySide.height + headingHeight + 2 * padding))
    }

    /// Legend: samples of parts in one column, line samples with their words in another.
    private func placeLegend(_ legend: LegendContents, beside map: (low: ClinicalLayout.Point, high: ClinicalLayout.Point),
                             in geometry: inout ClinicalGeometry) {
        let padding = DOTWriter.legendPadding
        let headingHeight = DOTWriter.legendHeadingHeight
        let measures = legendMeasures(legend)
        let (sizes, sampleWidth, lineLength, captionSizes, rowHeight, rowTall, sideBySide, stacked, linesPerColumn) = measures
        let mapWidth = map.high.x - map.low.x
        let mapHeight = map.high.y - map.low.y
        let pictures = DOTWriter.withLegend(measures, width: mapWidth, height: mapHeight)
        var goesBeside = abs(log(pictures.beside.width / pictures.beside.height / 1.2)) < abs(log(pictures.under.width / pictures.under.height / 1.2))
        if let page = options.page {  // paper: wherever the page prints the picture larger
            goesBeside = PageFit.bestScale(width: pictures.beside.width / 72, height: pictures.beside.height / 72, page: page)
                >= PageFit.bestScale(width: pictures.under.width / 72, height: pictures.under.height / 72, page: page)
        }
        let content = goesBeside ? stacked : sideBySide
        let frame = ClinicalLayout.Size(width: content.width + 2 * padding, height: content.height + headingHeight + 2 * padding)
        let topLeft: ClinicalLayout.Point = goesBeside
            ? .init(x: map.high.x + 24, y: (map.low.y + map.high.y) / 2 + frame.height / 2)
            : .init(x: (map.low.x + map.high.x) / 2 - frame.width / 2, y: map.low.y - 24)
        geometry.centres["legend_heading"] = .init(x: topLeft.x + frame.width / 2, y: topLeft.y - 4 - headingHeight / 2)
        geometry.sizes["legend_heading"] = .init(width: 44, height: headingHeight)
        let top = topLeft.y - padding - headingHeight
        var y = top
        var x = topLeft.x + padding
        for (sample, size) in zip(legend.samples, sizes) {
            if goesBeside {
                geometry.centres[sample.name] = .init(x: topLeft.x + padding + sampleWidth / 2, y: y - size.height / 2)
                y -= size.height + 9
            } else {
                geometry.centres[sample.name] = .init(x: x + size.width / 2, y: top - rowTall / 2)
                x += size.width + 10
            }
            geometry.sizes[sample.name] = size
            geometry.insets[sample.name] = outlineRoom(sample.attributes)
        }
        // Each column's captions in one left-aligned text: separate caption boxes stacked in a
        // column make Graphviz 2.42's edge router abort (Gts "remove_intersected_edge").
        let linesTop = goesBeside ? y - 8 + 9 : top - rowTall - 12
        let perColumn = max(1, goesBeside ? captionSizes.count : linesPerColumn)
        let captionsWidth = captionSizes.map(\.width).max() ?? 0
        geometry.legendColumns = stride(from: 0, to: captionSizes.count, by: perColumn).map { Array($0..<min($0 + perColumn, captionSizes.count)) }
        for (column, kinds) in geometry.legendColumns.enumerated() {
            let lineX = topLeft.x + padding + Double(column) * (lineLength + 12 + captionsWidth + DOTWriter.legendColumnGap)
            var lineY = linesTop
            for index in kinds {
                let middle = lineY - VisualStyle.legendFontSize * 1.2 * Double(captionLineCount) / 2
                geometry.fixedLines["legend_edge_\(index)"] = [.init(x: lineX, y: middle), .init(x: lineX + lineLength, y: middle)]
                lineY -= rowHeight
            }
            let height = VisualStyle.legendFontSize * 1.2 * Double((captionLineCount + 1) * kinds.count - 1)
            geometry.centres["legend_captions_\(column)"] = .init(x: lineX + lineLength + 12 + captionsWidth / 2, y: linesTop - height / 2)
            geometry.sizes["legend_captions_\(column)"] = .init(width: captionsWidth, height: height)
        }
        let (left, right, upper, bottom) = (topLeft.x, topLeft.x + frame.width, topLeft.y, topLeft.y - frame.height)
        geometry.fixedLines["legend_frame"] = [.init(x: left, y: upper), .init(x: right, y: upper), .init(x: right, y: bottom),
                                               .init(x: left, y: bottom), .init(x: left, y: upper)]
    }

    func writePinnedLegend(_ legend: LegendContents, _ geometry: ClinicalGeometry, into out: inout String) {
        func point(_ name: String, _ at: ClinicalLayout.Point) -> String {
            "  \"\(name)\" " + attributeList([("shape", "point"), ("style", "invis"), ("width", "0.01"), ("label", "\"\""),
                                               ("pos", DOTWriter.pos(.init(x: at.x, y: at.y)))]) + ";\n"
        }
        if let frame = geometry.fixedLines["legend_frame"], let corner = frame.first {
            out += point("legend_corner", corner)
            out += "  \"legend_corner\" -> \"legend_corner\" " + attributeList([
                ("dir", "none"), ("color", style.clusterColor), ("penwidth", "0.8"), ("tooltip", "\"Legend\""),
                ("pos", ClinicalGeometry.linePos(frame, arrowAtEnd: false)),
            ]) + ";\n"
        }
        out += "  \"legend_heading\" " + attributeList([("shape", "plaintext"), ("label", "\"Legend\""), ("fontsize", XMLText.number(VisualStyle.legendHeadingFontSize)), ("margin", "0")]
                                                        + geometry.attributes(for: "legend_heading")) + ";\n"
        for sample in legend.samples {
            let attributes = sample.attributes.filter { $0.name != "fontsize" && $0.name != "width" && $0.name != "height" }
                + [("label", DOTText.quoted(sample.label)), ("fontsize", XMLText.number(VisualStyle.legendFontSize)), ("margin", "0.08,0.04"),
                   ("tooltip", DOTText.quoted(sample.label, as: .tooltip))] + geometry.attributes(for: sample.name)
            out += "  \"\(sample.name)\" " + attributeList(attributes) + ";\n"
        }
        for (index, kind) in legend.kinds.enumerated() {
            guard let line = geometry.fixedLines["legend_edge_\(index)"], let start = line.first, let end = line.last else { continue }
            let from = "legend_edge_\(index)_from"
            let to = "legend_edge_\(index)_to"
            out += point(from, start) + point(to, end)
            var attributes = style.attributes(for: kind).filter { $0.name != "constraint" }
            let direction = value("dir", in: attributes) ?? "forward"
            var controls = line
            // Graphviz draws a head or tail only where the pos names it: shorten the line for it.
            if direction == "forward" || direction == "both" { controls[controls.count - 1].x -= 8 }
            if direction == "back" || direction == "both" { controls[0].x += 8 }
            var pos = ClinicalGeometry.linePos(controls, arrowAtEnd: false)
            if direction == "forward" || direction == "both" { pos = "\"e," + XMLText.number(end.x) + "," + XMLText.number(end.y) + " " + pos.dropFirst() }
            if direction == "back" || direction == "both" { pos = "\"s," + XMLText.number(start.x) + "," + XMLText.number(start.y) + " " + pos.dropFirst() }
            attributes += [("pos", pos), ("tooltip", DOTText.quoted(style.legendCaption(for: kind), as: .tooltip))]
            out += "  \"\(from)\" -> \"\(to)\" " + attributeList(attributes) + ";\n"
        }
        for (column, kinds) in geometry.legendColumns.enumerated() where kinds.allSatisfy(legend.kinds.indices.contains) {
            // Constant words only (no user text): lines end in \l, left-aligned.
            let text = kinds.map { legendLines(for: legend.kinds[$0]).joined(separator: "\\l") }.joined(separator: "\\l \\l") + "\\l"
            let name = "legend_captions_\(column)"
            out += "  \"\(name)\" " + attributeList([("shape", "plaintext"), ("fontsize", XMLText.number(VisualStyle.legendFontSize)),
                                                    ("margin", "0"), ("label", "\"" + text + "\"")] + geometry.attributes(for: name)) + ";\n"
        }
    }

    /// The title as a node: over the map's centre (clinical layout), or where dot puts it.
    func writeTitle(_ map: SystemMap, at centre: ClinicalLayout.Point?, into out: inout String) {
        let heading = self.heading(map)
        out += "  \"title\" " + attributeList([("shape", "plaintext"), ("fontsize", XMLText.number(VisualStyle.titleFontSize)), ("margin", "0"),
                                                ("label", DOTText.quoted(heading)), ("tooltip", DOTText.quoted(heading, as: .tooltip))]
                                               + (centre.map { [("pos", DOTWriter.pos(.init(x: $0.x, y: $0.y)))] } ?? [])) + ";\n"
    }

    /// A legend cluster for Graphviz's own layouts: the samples in a row, then the line styles
    /// in one row under them (six to a row, as many as there are kinds), each with its words
    /// right after its sample line. Invisible lines within a row keep its order left to right
    /// (dot puts a line's tail left of its head in a rank); two rows keep the legend short, as
    /// the map's rank gaps stretch each row (three to a row made it about 1.7 times as tall). No
    /// rank="max" is written with it (Graphviz 2.42 fails on the two together).
    func writeLegend(_ legend: LegendContents, into out: inout String) {
        out += "  subgraph \"cluster_legend\" {\n"
        out += "    graph " + attributeList([("label", "\"Legend\""), ("fontsize", XMLText.number(VisualStyle.legendHeadingFontSize)), ("style", "rounded"),
                                             ("color", style.clusterColor), ("margin", "8"), ("tooltip", "\"Legend\"")]) + ";\n"
        for sample in legend.samples {
            let attributes = sample.attributes.filter { $0.name != "fontsize" }
                + [("label", DOTText.quoted(sample.label)), ("fontsize", XMLText.number(VisualStyle.legendFontSize)), ("margin", "0.08,0.04")]
            out += "    \"\(sample.name)\" " + attributeList(attributes) + ";\n"
        }
        out += "    { rank=\"same\"; " + legend.samples.map { "\"\($0.name)\"; " }.joined() + "}\n"
        let order = attributeList([("style", "invis"), ("minlen", "0")])
        for (left, right) in zip(legend.samples, legend.samples.dropFirst()) {
            out += "    \"\(left.name)\" -> \"\(right.name)\" \(order);\n"
        }
        var above = legend.samples.first?.name ?? "legend_self"
        let perRow = 6
        for rowStart in stride(from: 0, to: legend.kinds.count, by: perRow) {
            let row = Array(legend.kinds.enumerated())[rowStart..<min(rowStart + perRow, legend.kinds.count)]
            var names: [String] = []
            for (index, kind) in row {
                let from = "legend_edge_\(index)_from"
                let point = attributeList([("shape", "point"), ("style", "invis"), ("width", "0.01"), ("label", "\"\"")])
                // Constant words only (no user text), each line left-aligned beside the sample.
                let caption = attributeList([("shape", "plaintext"), ("fontsize", XMLText.number(VisualStyle.legendFontSize)), ("margin", "0.06,0"),
                                             ("width", "0"), ("label", "\"" + legendLines(for: kind).joined(separator: "\\l") + "\\l\"")])
                let label = "legend_edge_\(index)_label"
                out += "    \"\(from)\" \(point);\n    \"\(label)\" \(caption);\n"
                // The sample line ends at its words' left edge: the words sit right beside it.
                let attributes = style.attributes(for: kind).filter { $0.name != "constraint" }
                out += "    \"\(from)\" -> \"\(label)\" " + attributeList(attributes) + ";\n"
                if let previous = names.last { out += "    \"\(previous)\" -> \"\(from)\" \(order);\n" }
                names += [from, label]
            }
            out += "    { rank=\"same\"; " + names.map { "\"\($0)\"; " }.joined() + "}\n"
            if let first = names.first {
                out += "    \"\(above)\" -> \"\(first)\" [style=\"invis\", minlen=\"1\"];\n"
                above = first
            }
        }
        out += "  }\n"
    }

    /// The layered layout wraps by protective system: each system (parts joined by `protects`,
    /// exiles under the parts guarding them) keeps its own few ranks, systems stand side by side
    /// in bands, and the bands go one under the other, as many as keep the picture nearest 1.4
    /// times as wide as tall. Lines between systems cross no ranks they do not need to, so no
    /// row runs the whole width. Returns the bands, parts in map order (one band: no wrapping).
    func layeredBands(_ map: SystemMap) -> [[Part]] {
        let parts = map.parts
        guard parts.count > 1, options.clusters.isEmpty else { return [parts] }
        let index = Dictionary(parts.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        var parent = Array(parts.indices)
        func root(_ node: Int) -> Int {
            var node = node
            while parent[node] != node { parent[node] = parent[parent[node]]; node = parent[node] }
            return node
        }
        var protects: [(Int, Int)] = []
        for relationship in map.relationships where relationship.kind == .protects {
            guard let a = relationship.from.partID.flatMap({ index[$0] }), let b = relationship.to.partID.flatMap({ index[$0] }), a != b else { continue }
            protects.append((a, b))
            let (ra, rb) = (root(a), root(b))
            if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
        }
        // Rank inside the system: the longest chain of protectors above the part.
        var level = Array(repeating: 0, count: parts.count)
        for _ in 0..<min(parts.count, 8) {
            var changed = false
            for (a, b) in protects where level[b] < level[a] + 1 && level[a] + 1 < 8 {
                level[b] = level[a] + 1
                changed = true
            }
            if !changed { break }
        }
        var systems: [[Int]] = []
        var systemOf: [Int: Int] = [:]
        for node in parts.indices {
            let r = root(node)
            if let at = systemOf[r] { systems[at].append(node) } else {
                systemOf[r] = systems.count
                systems.append([node])
            }
        }
        guard systems.count > 1 else { return [parts] }
        // Each system's width (its widest rank) and depth (ranks), in points.
        let gap = 0.45 * 72
        let widths = parts.map { part -> Double in
            var attributes = style.attributes(for: part.role)
            if part.isSelfLike { attributes += style.selfLikeAttributes }
            return DOTWriter.nodeSize(label: decoratedLabel(for: part), shape: value("shape", in: attributes) ?? "box",
                                      fontSize: style.nodeFontSize).width + gap
        }
        let tallest = parts.map { DOTWriter.nodeSize(label: decoratedLabel(for: $0), shape: "box", fontSize: style.nodeFontSize).height }.max() ?? 40
        let rankHeight = tallest * 1.4 + 0.7 * 72
        let shapes = systems.map { members -> (width: Double, depth: Int) in
            var rows: [Int: Double] = [:]
            for node in members { rows[level[node], default: 0] += widths[node] }
            return (rows.values.max() ?? 0, (members.map { level[$0] }.max() ?? 0) + 1)
        }
        func pack(_ limit: Double) -> [[Int]] {
            var bands: [[Int]] = [[]]
            var used = 0.0
            for (number, shape) in shapes.enumerated() {
                if used > 0 && used + shape.width > limit { bands.append([]); used = 0 }
                bands[bands.count - 1].append(number)
                used += shape.width
            }
            return bands
        }
        let total = shapes.map(\.width).reduce(0, +)
        let widest = shapes.map(\.width).max() ?? 0
        var best: (score: Double, bands: [[Int]]) = (.infinity, [])
        for count in 1...systems.count {
            let bands = pack(max(widest, total / Double(count)) * 1.0001)
            let width = bands.map { $0.map { shapes[$0].width }.reduce(0, +) }.max() ?? 0
            let height = rankHeight * Double(1 + bands.map { $0.map { shapes[$0].depth }.max() ?? 1 }.reduce(0, +))
            let score = abs(log(width / max(1, height) / 1.4))
            if score < best.score - 0.001 { best = (score, bands) }
            // More bands only narrow the picture and make it taller: once it is no wider than
            // 1.4 times its height, every later count is further off (and 10,000 parts would
            // otherwise try 2,000 packings).
            if width / max(1, height) <= 1.4 { break }
        }
        return best.bands.map { band in band.flatMap { systems[$0] }.sorted().map { parts[$0] } }
    }

    /// Ties each band under the one before it: an unseen point on a rank of its own under the
    /// lowest parts of one band and over the top parts of the next (on the same rank as the top
    /// parts, dot would hang the next band off to one side of it, a staircase).
    func writeBands(_ bands: [[Part]], _ relationships: [Relationship], into out: inout String) {
        let protectors = Set(relationships.filter { $0.kind == .protects && $0.to.partID != nil }.compactMap(\.from.partID))
        let protected = Set(relationships.filter { $0.kind == .protects && $0.from.partID != nil }.compactMap(\.to.partID))
        for (number, band) in bands.enumerated().dropFirst() {
            let point = "band_\(number)"
            out += "  \"\(point)\" [shape=\"point\", style=\"invis\", width=\"0.01\", label=\"\"];\n"
            for part in bands[number - 1] where !protectors.contains(part.id) {
                out += "  \"\(DOTWriter.nodeName(.part(part.id)))\" -> \"\(point)\" [style=\"invis\"];\n"
            }
            for part in band where !protected.contains(part.id) {
                out += "  \"\(point)\" -> \"\(DOTWriter.nodeName(.part(part.id)))\" [style=\"invis\"];\n"
            }
        }
    }
}
