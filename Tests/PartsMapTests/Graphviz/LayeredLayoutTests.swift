import Foundation
import Testing
@testable import PartsMap

/// The layered layout (`--layout dot`) drawn by the real Graphviz: compact, Self on top, each
/// exile under its protectors; and the map's title over the map, not over map and legend.
@Suite("Layered layout and the title")
struct LayeredLayoutTests {
    static func json(_ dot: String) throws -> [String: Any] {
        let dotPath = try #require(TestSupport.dotPath, "Graphviz must be installed (apt-get install graphviz)")
        let result = try TestSupport.run(dotPath, ["-Tjson"], input: Data(dot.utf8))
        try #require(result.status == 0, "dot failed: \(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
    }

    static func numbers(_ text: String) -> [Double] {
        text.split(whereSeparator: { $0 == "," || $0 == " " }).compactMap { Double($0) }
    }

    @Test func wideMapsWrapByProtectiveSystemAndStayCompact() throws {
        var maps = [("numbness.parts", TestSupport.parseValid(try TestSupport.exampleText("numbness.parts")))]
        for count in [25, 60] {
            for seed in [UInt64(count), UInt64(count * 1000 + 1), UInt64(count * 1000 + 2)] {
                maps.append(("\(count) parts, seed \(seed)", ReadabilityTests.generated(count, seed: seed)))
            }
        }
        for (name, map) in maps {
            let dot = DOTWriter(options: DOTOptions(layout: .dot)).dot(for: map)
            let json = try Self.json(dot)
            let box = Self.numbers(try #require(json["bb"] as? String))
            let ratio = (box[2] - box[0]) / (box[3] - box[1])
            #expect(ratio >= 0.6 && ratio <= 2, "\(name): width/height \(ratio)")
            // Node centres (y grows upwards in -Tjson).
            var y: [String: Double] = [:]
            for object in json["objects"] as? [[String: Any]] ?? [] {
                guard let name = object["name"] as? String, let pos = object["pos"] as? String else { continue }
                y[name] = Self.numbers(pos).last
            }
            let selfY = try #require(y["self"])
            for part in map.parts {
                #expect((y[DOTWriter.nodeName(.part(part.id))] ?? .infinity) < selfY, "\(name): Self over \(part.id.rawValue)")
            }
            for relationship in map.relationships where relationship.kind == .protects {
                guard let tail = y[DOTWriter.nodeName(relationship.from)], let head = y[DOTWriter.nodeName(relationship.to)] else { continue }
                #expect(tail > head, "\(name): \(relationship.from) over the part it protects")
            }
            if map.parts.count >= 25 { #expect(dot.contains("\"band_1\""), "\(name): wraps into bands") }
        }
    }

    /// The title's centre and the map's drawn bounds, read from the SVG Graphviz writes: the
    /// title is a `title` node or the graph's 18-point label; the map is Self and the parts.
    static func titleAndMap(svg: String) throws -> (title: (x: Double, y: Double), map: (minX: Double, maxX: Double, minY: Double)) {
        var title: (x: Double, y: Double)?
        var (minX, maxX, minY) = (Double.infinity, -Double.infinity, Double.infinity)
        let number = "(-?[0-9.]+)"
        func matches(_ pattern: String, _ text: String) -> [[String]] {
            guard let expression = try? NSRegularExpression(pattern: pattern) else { return [] }
            return expression.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { match in
                (1..<match.numberOfRanges).compactMap { Range(match.range(at: $0), in: text).map { String(text[$0]) } }
            }
        }
        // Graphviz's groups, each with the link group inside it (`a_…`, for tooltips) joined back.
        var groups: [String] = []
        for piece in svg.components(separatedBy: "<g id=\"").dropFirst() {
            if piece.hasPrefix("a_"), !groups.isEmpty { groups[groups.count - 1] += piece } else { groups.append(piece) }
        }
        for group in groups {
            let name = group.components(separatedBy: "<title>").dropFirst().first?.components(separatedBy: "</title>").first ?? ""
            let texts = matches("<text[^>]* x=\"\(number)\" y=\"\(number)\"[^>]*font-size=\"\(number)\"", group)
            if group.hasPrefix("graph") || name == "title" {
                if let text = texts.first(where: { $0.count == 3 && Double($0[2]) == 18 }), let x = Double(text[0]), let y = Double(text[1]) {
                    title = (x, y)
                }
            } else if group.prefix(80).contains("class=\"node\""), name == "self" || name.hasPrefix("p_") {
                var xs: [Double] = []
                var ys: [Double] = []
                for points in matches("points=\"([^\"]*)\"", group) {
                    let values = Self.numbers(points[0])
                    xs += stride(from: 0, to: values.count - 1, by: 2).map { values[$0] }
                    ys += stride(from: 1, to: values.count, by: 2).map { values[$0] }
                }
                for ellipse in matches("cx=\"\(number)\" cy=\"\(number)\" rx=\"\(number)\" ry=\"\(number)\"", group) {
                    let v = ellipse.compactMap(Double.init)
                    if v.count == 4 { xs += [v[0] - v[2], v[0] + v[2]]; ys += [v[1] - v[3]] }
                }
                minX = min(minX, xs.min() ?? minX)
                maxX = max(maxX, xs.max() ?? maxX)
                minY = min(minY, ys.min() ?? minY)
            }
        }
        return (try #require(title, "the SVG has a title"), (minX, maxX, minY))
    }

    @Test func theTitleStaysOverTheMapWithTheLegendBesideIt() throws {
        let dotPath = try #require(TestSupport.dotPath, "Graphviz must be installed (apt-get install graphviz)")
        var maps = [("numbness.parts", TestSupport.parseValid(try TestSupport.exampleText("numbness.parts")))]
        maps.append(("25 parts", ReadabilityTests.generated(25, seed: 25)))
        for (name, map) in maps {
            for layout in [LayoutEngine.clinical, .dot] {
                let dot = DOTWriter(options: DOTOptions(showsLegend: true, layout: layout)).dot(for: map)
                let result = try TestSupport.run(dotPath, ["-Tsvg"], input: Data(dot.utf8))
                try #require(result.status == 0, "dot failed: \(result.stderr)")
                let (title, drawn) = try Self.titleAndMap(svg: result.stdout)
                let width = drawn.maxX - drawn.minX
                let middle = (drawn.minX + drawn.maxX) / 2
                // Over the map (SVG y grows downwards) and near its middle, not the middle of map and
                // legend (dot puts it over Self, which notes on the lines beside it move off the
                // middle: 17 % on the example).
                #expect(title.y < drawn.minY, "\(name), \(layout): title above the map")
                #expect(abs(title.x - middle) <= (layout == .dot ? 0.2 : 0.15) * width,
                        "\(name), \(layout): title at x \(title.x), map \(drawn.minX)…\(drawn.maxX)")
            }
        }
    }

    /// A relationship's note is never laid over a part in the layered layout and the grouped
    /// views (dot): where Graphviz can make room on the line it does (a note beside the line
    /// was laid over the parts next to it, 2 of the example's 3 notes).
    @Test func notesAreNotLaidOverParts() throws {
        let example = TestSupport.parseValid(try TestSupport.exampleText("numbness.parts"))
        var maps = [("numbness.parts", example)]
        for seed in [UInt64(25), 25_001, 25_002] { maps.append(("25 parts, seed \(seed)", ReadabilityTests.generated(25, seed: seed))) }
        var notes = 0
        for (name, map) in maps {
            for grouping in [nil, MapView.Grouping.protection, .tag] {
                var view = MapView()
                view.grouping = grouping
                let viewed = try view.apply(to: map)
                var options = DOTOptions(layout: .dot)
                options.clusters = viewed.clusters
                let json = try Self.json(DOTWriter(options: options, decorations: viewed.decorations).dot(for: viewed.map))
                var parts: [(minX: Double, minY: Double, maxX: Double, maxY: Double)] = []
                for object in json["objects"] as? [[String: Any]] ?? [] {
                    guard let node = object["name"] as? String, node == "self" || node.hasPrefix("p_"),
                          let pos = object["pos"] as? String, let width = (object["width"] as? String).flatMap(Double.init),
                          let height = (object["height"] as? String).flatMap(Double.init) else { continue }
                    let xy = Self.numbers(pos)
                    parts.append((xy[0] - width * 36, xy[1] - height * 36, xy[0] + width * 36, xy[1] + height * 36))
                }
                for edge in json["edges"] as? [[String: Any]] ?? [] {
                    guard let text = (edge["label"] ?? edge["xlabel"]) as? String,
                          let position = (edge["lp"] ?? edge["xlp"]) as? String else { continue }
                    notes += 1
                    // The note's box as Graphviz sizes 9 pt text (about 0.55 em a character).
                    let lines = text.components(separatedBy: "\\n")
                    let (halfWidth, halfHeight) = (Double(lines.map(\.count).max() ?? 0) * 9 * 0.55 / 2, Double(lines.count) * 9 * 1.2 / 2)
                    let xy = Self.numbers(position)
                    let over = parts.contains { box in
                        xy[0] - halfWidth < box.maxX && xy[0] + halfWidth > box.minX && xy[1] - halfHeight < box.maxY && xy[1] + halfHeight > box.minY
                    }
                    #expect(!over, "\(name), \(grouping?.rawValue ?? "no groups"): the note \"\(text)\" is laid over a part")
                }
            }
        }
        #expect(notes >= 12, "the maps have notes to check")
    }

    /// In the layered layout's legend, each line sample runs up to its words: they sit right
    /// beside it, not a node's spacing (or more) away.
    @Test func legendWordsSitBesideTheirLineSamples() throws {
        let map = TestSupport.parseValid(try TestSupport.exampleText("numbness.parts"))
        let json = try Self.json(DOTWriter(options: DOTOptions(showsLegend: true, layout: .dot)).dot(for: map))
        var names: [Int: String] = [:]
        var lefts: [String: (x: Double, y: Double)] = [:]
        for object in json["objects"] as? [[String: Any]] ?? [] {
            guard let name = object["name"] as? String, let id = object["_gvid"] as? Int else { continue }
            names[id] = name
            if let pos = object["pos"] as? String, let width = (object["width"] as? String).flatMap(Double.init) {
                let xy = Self.numbers(pos)
                lefts[name] = (xy[0] - width * 36, xy[1])
            }
        }
        var samples = 0
        for edge in json["edges"] as? [[String: Any]] ?? [] {
            // The visible line from each sample's start, and the words of that sample.
            guard let tail = (edge["tail"] as? Int).flatMap({ names[$0] }), tail.hasPrefix("legend_edge_"), tail.hasSuffix("_from"),
                  (edge["style"] as? String) != "invis", let pos = edge["pos"] as? String else { continue }
            let head = String(tail.dropLast("_from".count)) + "_label"
            let words = try #require(lefts[head], "\(head) is drawn")
            samples += 1
            // The line's end (its arrowhead's tip where it has one) and its start.
            let points = pos.split(separator: " ").map { Self.numbers(String($0.drop { $0 == "e" || $0 == "s" || $0 == "," })) }
            let tip = try #require(points.first { _ in pos.hasPrefix("e,") } ?? points.last)
            let start = try #require(points.count > 1 ? points[pos.hasPrefix("e,") ? 1 : 0] : nil)
            #expect(abs(words.x - tip[0]) <= 6 && abs(words.y - tip[1]) <= 6, "\(head): the words start \(words.x - tip[0]) pt from the line's end")
            #expect(tip[0] - start[0] >= 20, "\(head): the sample line is long enough to read")
        }
        #expect(samples >= 5, "every kind in the example has a sample")
        // All the line samples in one row under the shapes: each row is one of dot's ranks,
        // which the map's rank gaps make tall.
        let rows = Set(lefts.filter { $0.key.hasPrefix("legend_edge_") && $0.key.hasSuffix("_label") }.map { Int($0.value.y.rounded()) })
        #expect(rows.count == 1, "the line samples stand in \(rows.count) rows")
    }
}
