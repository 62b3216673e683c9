/// The timeline's drawing and its page.
///
/// Every frame shares one layout, so the page holds the drawing once: each way a part or a line
/// is drawn in some frame (a variant) appears once in one SVG, and a small JSON block says which
/// variants each frame shows and hides compared with the frame before. A short script (allowed
/// by its hash, nothing else) moves between frames. The page grows with the number of changes,
/// not with frames × parts.
///
/// How it is drawn: the union of all frames is laid out once with `dot` (node places and line
/// routes, `-Tjson0`); then the variants are drawn with those places and routes by
/// `neato -n2`, in layers (the first variant of everything, then the second of whatever has
/// one, …), several layers at once. Per-frame SVG files (`frameDOT`) use the same places and
/// routes.
public enum TimelinePage {
    /// Where everything goes, from one layout of the union.
    public struct Layout: Sendable {
        /// Where each node goes, by DOT node name, in points.
        public var positions: [String: DOTOptions.Position]
        /// A line's route (`pos`) and label position (`lp`), by relationship identity.
        public var routes: [String: (pos: String, label: String?)]
        /// Each node's size in the layout (inches, as Graphviz gives them), by DOT node name:
        /// every variant of a part is drawn at this size, so the routes, computed for it, end
        /// at the part's outline in every frame.
        public var sizes: [String: (width: String, height: String)] = [:]
        /// The places' extent.
        var extent: (DOTOptions.Position, DOTOptions.Position)
        /// Room around the extent for labels and marks, in units of 110 × 50 points.
        public var margin = 1.0

        /// One canvas for every drawing: invisible points at its corners give every drawing
        /// the same size, so a part at the same place is at the same place in every picture.
        public var canvas: (DOTOptions.Position, DOTOptions.Position) {
            (DOTOptions.Position(x: extent.0.x - 110 * margin, y: extent.0.y - 50 * margin),
             DOTOptions.Position(x: extent.1.x + 110 * margin, y: extent.1.y + 50 * margin))
        }
    }

    /// Lays out the union of the frames once with dot.
    public static func layout(of frames: TimelineFrames, renderer: GraphvizRenderer) throws(RenderError) -> Layout {
        let union = frames.union
        var decorations = DOTDecorations()
        // Each part is laid out at the size of its largest variant (most lines, widest line), so
        // that no variant overlaps its neighbours; only the size counts here, not the words.
        let writer = DOTWriter()
        var sizes: [PartID: (base: [Substring], lines: Int, widest: Substring)] = [:]
        for variant in frames.variants {
            guard case .part(let part) = variant.element else { continue }
            let lines = (writer.label(for: part) + (variant.emphasis?.note.map { "\n" + $0 } ?? "")).split(separator: "\n")
            let widest = lines.max { $0.count < $1.count } ?? ""
            if let known = sizes[part.id] {
                sizes[part.id] = (known.base, max(known.lines, lines.count), widest.count > known.widest.count ? widest : known.widest)
            } else {
                sizes[part.id] = (writer.label(for: part).split(separator: "\n"), lines.count, widest)
            }
        }
        for (id, size) in sizes {
            let extra = [size.widest] + Array(repeating: Substring("·"), count: max(0, size.lines - size.base.count - 1))
            decorations.parts[id] = Emphasis(.present, note: extra.joined(separator: "\n"))
        }
        for (index, relationship) in union.relationships.enumerated() {
            decorations.relationships[relationship.identity] = Emphasis(attributes: [.init("id", "r\(index)")])
        }
        let dot = DOTWriter(options: DOTOptions(layout: .dot), decorations: decorations).dot(for: union)
        var positions: [String: DOTOptions.Position] = [:]
        var laidOutSizes: [String: (width: String, height: String)] = [:]
        var routes: [String: (pos: String, label: String?)] = [:]
        let output = try renderer.layoutOutput(dot: dot, layout: .dot, format: "json0")
        if let json = try? JSONValue.parse(output), case .object(let graph) = json {
            if case .array(let objects)? = graph["objects"] {
                for case .object(let object) in objects {
                    guard case .string(let name)? = object["name"], case .string(let pos)? = object["pos"],
                          let point = point(pos) else { continue }
                    positions[name] = point
                    if case .string(let width)? = object["width"], case .string(let height)? = object["height"],
                       Double(width) != nil, Double(height) != nil {
                        laidOutSizes[name] = (width, height)
                    }
                }
            }
            let relationships = union.relationships
            if case .array(let edges)? = graph["edges"] {
                for case .object(let edge) in edges {
                    guard case .string(let id)? = edge["id"], id.hasPrefix("r"), let index = Int(id.dropFirst()),
                          index < relationships.count, case .string(let pos)? = edge["pos"] else { continue }
                    var label: String?
                    if case .string(let lp)? = edge["lp"] { label = lp }
                    routes[relationships[index].identity] = (pos, label)
                }
            }
        } else {
            // Graphviz's JSON could not be read: places from the plain output; lines routed per drawing.
            for (name, point) in try renderer.positions(dot: dot, layout: .dot) { positions[name] = .init(x: point.x, y: point.y) }
        }
        let xs = positions.values.map(\.x), ys = positions.values.map(\.y)
        let extent = (DOTOptions.Position(x: xs.min() ?? 0, y: ys.min() ?? 0), DOTOptions.Position(x: xs.max() ?? 0, y: ys.max() ?? 0))
        return Layout(positions: positions, routes: routes, sizes: laidOutSizes, extent: extent)
    }

    /// "x,y" in points.
    static func point(_ text: String) -> DOTOptions.Position? {
        let parts = text.split(separator: ",")
        guard parts.count == 2, let x = Double(parts[0]), let y = Double(parts[1]) else { return nil }
        return DOTOptions.Position(x: x, y: y)
    }

    /// The DOT of some variants drawn with the layout's places and routes. `ids` names each
    /// variant's SVG group `v<number>`; `title` and `subtitle` head a standalone frame.
    public static func dot(_ numbers: [Int], of frames: TimelineFrames, layout: Layout, ids: Bool,
                    title: String? = nil, subtitle: String? = nil) -> String {
        var (map, decorations) = frames.drawing(of: numbers)
        if let title { map.items.insert(.field(MapField(key: "title", value: title)), at: 0) }
        decorations.subtitle = subtitle
        var known: Set<PartID> = []
        for number in numbers {
            let variant = frames.variants[number]
            var emphasis = variant.emphasis ?? Emphasis()
            if ids { emphasis.attributes.append(.init("id", "v\(number)")) }
            switch variant.element {
            case .part(let part):
                known.insert(part.id)
                var size: [Emphasis.Attribute] = []
                if let laidOut = layout.sizes[DOTWriter.nodeName(.part(part.id))] {
                    size = [.init("width", laidOut.width), .init("height", laidOut.height), .init("fixedsize", "true")]
                }
                if ids {
                    emphasis.attributes += size
                    decorations.parts[part.id] = emphasis
                } else if !size.isEmpty {
                    var drawn = decorations.parts[part.id] ?? Emphasis()
                    drawn.attributes += size
                    decorations.parts[part.id] = drawn
                }
            case .relationship(let relationship):
                if let route = layout.routes[relationship.identity] {
                    emphasis.attributes.append(.init("pos", route.pos))
                    if let label = route.label { emphasis.attributes.append(.init("lp", label)) }
                }
                decorations.relationships[relationship.identity] = emphasis
            }
        }
        // A line's ends must be nodes of this drawing: parts it needs and does not show are
        // drawn invisibly (they carry no id, so the page drops them).
        for relationship in map.relationships {
            for id in [relationship.from.partID, relationship.to.partID].compactMap({ $0 }) where !known.contains(id) {
                known.insert(id)
                guard let part = frames.firstPart(id) else { continue }
                map.items.insert(.part(part), at: 0)
                decorations.parts[id] = Emphasis(attributes: [.init("style", "invis")])
            }
        }
        let options = DOTOptions(layout: .neato, positions: layout.positions, canvas: layout.canvas)
        return DOTWriter(options: options, decorations: decorations).dot(for: map)
    }

    /// Draws every variant once, one Graphviz run per layer, several at once; returns the page's SVG.
    public static func drawing(of frames: TimelineFrames, layout: Layout, renderer: GraphvizRenderer,
                               progress: (@Sendable (Int, Int) -> Void)? = nil) throws(RenderError) -> String {
        let layers = (frames.variants.map(\.layer).max() ?? 0) + 1
        var members = Array(repeating: [Int](), count: layers)
        for (number, variant) in frames.variants.enumerated() { members[variant.layer].append(number) }
        var layout = layout
        var svgs: [String] = []
        // Every layer must share the first layer's canvas; a variant that reaches past it (a very
        // long mark) would shift its layer, so then the canvas grows once and all are drawn again.
        for margin in [layout.margin, layout.margin * 4] {
            layout.margin = margin
            let dots = members.map { dot($0, of: frames, layout: layout, ids: true) }
            let results = Parallel.map(layers, progress: progress.map { report in { @Sendable in report($0, layers) } }) { index in
                Result { () throws(RenderError) -> String in
                    String(decoding: try renderer.layoutOutput(dot: dots[index], layout: .neato, format: "svg", pinned: true), as: UTF8.self)
                }
            }
            svgs = []
            for result in results { svgs.append(try result.get()) }
            let boxes = Set(svgs.map { SVGGroups.between(" viewBox=\"", "\"", in: $0) })
            if boxes.count <= 1 { break }
        }
        return assemble(svgs, visible: Set(frames.visible))
    }

    /// One SVG from the layers' SVGs: the first layer's frame and background, then every line,
    /// then every node (so lines run under parts). Variants the shown frame does not show are
    /// hidden by a class.
    static func assemble(_ svgs: [String], visible: Set<Int>) -> String {
        guard let first = svgs.first else { return "" }
        var text = first
        if let start = text.utf8Offset(of: "<svg") { text = String(decoding: Array(text.utf8)[start...], as: UTF8.self) }
        let bytes = Array(text.utf8)
        let groups = SVGGroups(bytes)
        var out = String(decoding: bytes[..<groups.headerEnd], as: UTF8.self) + "\n"
        var edges = "", nodes = ""
        for (layer, svg) in svgs.enumerated() {
            let layerGroups = layer == 0 ? groups : SVGGroups(Array(svg.utf8))
            for group in layerGroups.groups {
                let number = group.id.hasPrefix("v") ? Int(group.id.dropFirst()) : nil
                guard number != nil || (layer == 0 && group.title == "self") else { continue }
                var text = group.text
                if let number, !visible.contains(number) {
                    text = text.replacingAll("class=\"\(group.kind)\"", with: "class=\"\(group.kind) tl-off\"")
                }
                if group.kind == "edge" { edges += text + "\n" } else { nodes += text + "\n" }
            }
        }
        out += edges + nodes + "</g>\n</svg>"
        return out
    }

    /// The top-level groups of a Graphviz SVG (`<g id=… class="node|edge">…</g>`).
    struct SVGGroups {
        struct Group {
            var id: String
            var kind: String
            var title: String
            var text: String
        }
        /// Where the header ends: after the graph's background polygon.
        var headerEnd = 0
        var groups: [Group] = []

        init(_ bytes: [UInt8]) {
            let open = Array("<g ".utf8), close = Array("</g>".utf8)
            func matches(_ pattern: [UInt8], at index: Int) -> Bool {
                index + pattern.count <= bytes.count && bytes[index..<(index + pattern.count)].elementsEqual(pattern)
            }
            var index = 0
            var depth = 0
            var start = 0
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: "<") {
                    if matches(open, at: index) {
                        depth += 1
                        if depth == 2 { start = index }
                        if depth == 1, let end = Self.find(Array("/>".utf8), in: bytes, from: Self.find(Array("<polygon".utf8), in: bytes, from: index) ?? index) {
                            headerEnd = end + 2
                        }
                    } else if matches(close, at: index) {
                        if depth == 2 {
                            let end = index + close.count
                            let text = String(decoding: bytes[start..<end], as: UTF8.self)
                            groups.append(Group(id: Self.attribute("id", in: text), kind: Self.attribute("class", in: text),
                                                title: Self.between("<title>", "</title>", in: text), text: text))
                        }
                        depth -= 1
                    }
                }
                index += 1
            }
        }

        static func find(_ pattern: [UInt8], in bytes: [UInt8], from: Int) -> Int? {
            guard pattern.count <= bytes.count else { return nil }
            var index = from
            while index + pattern.count <= bytes.count {
                if bytes[index] == pattern[0] && bytes[index..<(index + pattern.count)].elementsEqual(pattern) { return index }
                index += 1
            }
            return nil
        }

        /// An attribute of the first tag in `text`.
        static func attribute(_ name: String, in text: String) -> String {
            let tagEnd = text.utf8.firstIndex(of: UInt8(ascii: ">")).map { text.utf8.distance(from: text.utf8.startIndex, to: $0) } ?? text.utf8.count
            let tag = String(decoding: Array(text.utf8)[..<tagEnd], as: UTF8.self)
            return between(" \(name)=\"", "\"", in: tag)
        }

        static func between(_ start: String, _ end: String, in text: String) -> String {
            let bytes = Array(text.utf8)
            guard let from = find(Array(start.utf8), in: bytes, from: 0) else { return "" }
            let contentStart = from + start.utf8.count
            guard let to = find(Array(end.utf8), in: bytes, from: contentStart) else { return "" }
            return String(decoding: bytes[contentStart..<to], as: UTF8.self)
        }
    }

    /// The page: a slider with a mark per session, the caption of the frame shown, the drawing,
    /// the frames' changes as JSON and the script.
    public static func html(frames: TimelineFrames, drawing: String) -> String {
        let count = frames.count
        let last = max(count - 1, 0)
        var out = HTMLPage.opening(title: frames.title + " — timeline", policy: HTMLPage.policy(style: "\n" + style, script: script))
        out += style + "</style>\n</head>\n<body>\n"
        out += "<h1>\(XMLText.escaped(frames.title)): timeline</h1>\n"
        out += "<div class=\"controls\">\n"
        out += "<label for=\"frame\">Frame <output id=\"position\" for=\"frame\">\(last + 1) of \(count)</output></label><br>\n"
        out += "<input type=\"range\" id=\"frame\" min=\"1\" max=\"\(max(count, 1))\" value=\"\(last + 1)\" step=\"1\" list=\"sessions\">\n"
        out += "<datalist id=\"sessions\">\n"
        for (index, session) in frames.sessions.enumerated() {
            if let session { out += "<option value=\"\(index + 1)\" label=\"\(XMLText.escaped(session))\"></option>\n" }
        }
        out += "</datalist>\n"
        out += "<p id=\"caption\" class=\"caption\" aria-live=\"polite\">\(XMLText.escaped(frames.captions.last ?? ""))</p>\n"
        out += "<p class=\"nojs\">The last frame is shown; moving between frames needs JavaScript.</p>\n"
        out += "</div>\n<figure>\n" + drawing + "\n</figure>\n"
        out += "<script type=\"application/json\" id=\"timeline-data\">" + data(frames) + "</script>\n"
        out += "<script>" + script + "</script>\n</body>\n</html>\n"
        return out
    }

    /// The frames' captions, session marks and changes, as JSON that cannot end its script block
    /// (`<`, `>` and `&` are written as \u escapes).
    static func data(_ frames: TimelineFrames) -> String {
        var out = "{\"frames\":["
        for index in 0..<frames.count {
            if index > 0 { out += "," }
            let change = frames.changes[index]
            out += "{\"caption\":" + jsonString(frames.captions[index])
            out += ",\"show\":[" + change.shown.map(String.init).joined(separator: ",") + "]"
            out += ",\"hide\":[" + change.hidden.map(String.init).joined(separator: ",") + "]}"
        }
        return out + "]}"
    }

    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "<", ">", "&", "\u{2028}", "\u{2029}":
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static let style = """
        body { font-family: Helvetica, Arial, sans-serif; margin: 1.5rem; color: #222; }
        .controls { position: sticky; top: 0; background: #fff; padding: .5rem 0; border-bottom: 1px solid #ddd; }
        input[type=range] { width: min(40rem, 90vw); }
        .caption { font-weight: bold; white-space: pre-line; margin: .5rem 0 0; }
        .nojs { color: #555; margin: .25rem 0 0; }
        .js .nojs { display: none; }
        figure { margin: 1rem 0; }
        svg { max-width: 100%; height: auto; }
        .tl-off { display: none; }

        """

    /// The slider's script: reads the JSON block and shows and hides variants. The page opens at
    /// the frame its address names (`#frame-12`), else at the last frame.
    static let script = """

        (function () {
          var frames = JSON.parse(document.getElementById('timeline-data').textContent).frames;
          var slider = document.getElementById('frame');
          var position = document.getElementById('position');
          var caption = document.getElementById('caption');
          var current = frames.length - 1;
          function set(list, hidden) {
            for (var i = 0; i < list.length; i++) {
              var element = document.getElementById('v' + list[i]);
              if (element) { element.classList.toggle('tl-off', hidden); }
            }
          }
          function go(target) {
            while (current < target) { current++; set(frames[current].hide, true); set(frames[current].show, false); }
            while (current > target) { set(frames[current].show, true); set(frames[current].hide, false); current--; }
            slider.value = String(target + 1);
            position.textContent = (target + 1) + ' of ' + frames.length;
            caption.textContent = frames[target].caption;
          }
          slider.addEventListener('input', function () { go(Number(slider.value) - 1); });
          var named = /^#frame-([0-9]+)$/.exec(window.location.hash);
          var start = named ? Math.min(Math.max(Number(named[1]), 1), frames.length) : frames.length;
          document.documentElement.classList.add('js');
          if (frames.length > 0) { go(start - 1); }
        })();

        """

    /// An SVG document made fit to sit inside HTML: no XML declaration or doctype, and its
    /// element IDs prefixed so pictures do not share IDs.
    static func inlined(_ svg: String, prefix: String) -> String {
        var text = svg
        if let start = text.utf8Offset(of: "<svg") { text = String(decoding: Array(text.utf8)[start...], as: UTF8.self) }
        return text.replacingAll(" id=\"", with: " id=\"" + prefix)
    }
}
