// Picture quality, measured on Graphviz's own output: the drawing's shape, how many pairs of
// lines cross (ours, and the same parts and relationships drawn by plain `dot` and `neato`),
// and the smallest text on an A4 page.
import PartsMap

/// A drawing as `-Tplain` describes it: its size in inches and each edge's spline.
struct PlainDrawing {
    var width = 0.0
    var height = 0.0
    var edges: [(tail: String, head: String, points: [(Double, Double)])] = []

    init(_ text: String) {
        for line in text.split(separator: "\n") {
            let words = PlainDrawing.words(line)
            guard let kind = words.first else { continue }
            if kind == "graph", words.count >= 4 {
                width = Double(words[2]) ?? 0
                height = Double(words[3]) ?? 0
            } else if kind == "edge", words.count >= 4, let count = Int(words[3]), words.count >= 4 + 2 * count,
                      // Unseen lines (dot's ordering ties) are not lines the reader sees.
                      !(words.count >= 6 + 2 * count && words[words.count - 2] == "invis") {
                var points: [(Double, Double)] = []
                for index in 0..<count {
                    points.append((Double(words[4 + 2 * index]) ?? 0, Double(words[5 + 2 * index]) ?? 0))
                }
                edges.append((words[1], words[2], points))
            }
        }
    }

    /// Words of a `-Tplain` line (quoted words may hold spaces), read as the renderer reads them.
    static func words(_ line: Substring) -> [String] { GraphvizRenderer.plainWords(line) }

    /// Each edge as a polyline: its cubic Bézier pieces sampled at 8 steps each.
    var polylines: [(tail: String, head: String, points: [(Double, Double)])] {
        edges.map { edge in
            let p = edge.points
            guard p.count >= 4 else { return edge }
            var out = [p[0]]
            var start = 0
            while start + 3 < p.count {
                let (a, b, c, d) = (p[start], p[start + 1], p[start + 2], p[start + 3])
                for step in 1...8 {
                    let t = Double(step) / 8, u = 1 - t
                    let x = u * u * u * a.0 + 3 * u * u * t * b.0 + 3 * u * t * t * c.0 + t * t * t * d.0
                    let y = u * u * u * a.1 + 3 * u * u * t * b.1 + 3 * u * t * t * c.1 + t * t * t * d.1
                    out.append((x, y))
                }
                start += 3
            }
            return (edge.tail, edge.head, out)
        }
    }

    /// Pairs of relationships whose lines cross, not counting those that share a part (they
    /// meet, not cross). A line drawn through its note (part to `note_…` to part, in two edges)
    /// is one relationship, as an `xlabel`led line is in dot and neato: counted alike for all.
    var crossings: Int {
        var keys: [String] = []
        var relationships: [String: (ends: Set<String>, pieces: [[(Double, Double)]])] = [:]
        for (number, line) in polylines.enumerated() {
            let key = [line.tail, line.head].first { $0.hasPrefix("note_") } ?? "line \(number)"
            if relationships[key] == nil { keys.append(key) }
            relationships[key, default: ([], [])].ends.formUnion([line.tail, line.head].filter { !$0.hasPrefix("note_") })
            relationships[key, default: ([], [])].pieces.append(line.points)
        }
        let lines = keys.compactMap { relationships[$0] }
        var count = 0
        for i in 0..<lines.count {
            for j in (i + 1)..<max(i + 1, lines.count) {
                let a = lines[i], b = lines[j]
                if !a.ends.isDisjoint(with: b.ends) { continue }
                if a.pieces.contains(where: { one in b.pieces.contains { PlainDrawing.intersect(one, $0) } }) { count += 1 }
            }
        }
        return count
    }

    static func intersect(_ a: [(Double, Double)], _ b: [(Double, Double)]) -> Bool {
        func orientation(_ p: (Double, Double), _ q: (Double, Double), _ r: (Double, Double)) -> Double {
            (q.0 - p.0) * (r.1 - p.1) - (q.1 - p.1) * (r.0 - p.0)
        }
        for i in 0..<max(0, a.count - 1) {
            for j in 0..<max(0, b.count - 1) {
                let (p1, p2, q1, q2) = (a[i], a[i + 1], b[j], b[j + 1])
                let d1 = orientation(q1, q2, p1), d2 = orientation(q1, q2, p2)
                let d3 = orientation(p1, p2, q1), d4 = orientation(p1, p2, q2)
                if ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)) { return true }
            }
        }
        return false
    }
}

enum PictureQuality {
    /// The same parts and relationships with none of our layout: boxes labelled with the
    /// part's name and role, Self, plain edges. What `dot` and `neato` do on their own.
    static func plainDOT(_ map: SystemMap) -> String {
        var out = "digraph plain {\n  node [shape=box, fontname=\"Helvetica\", fontsize=11];\n  \"self\" [label=\"Self\"];\n"
        func name(_ endpoint: Relationship.Endpoint) -> String {
            switch endpoint {
            case .theSelf: return "self"
            case .part(let id): return "p_" + id.rawValue
            }
        }
        for part in map.parts {
            let label = (part.displayName + "\n" + part.role.rawValue).unicodeScalars
                .map { $0 == "\"" || $0 == "\\" ? " " : ($0 == "\n" ? "\\n" : String($0)) }.joined()
            out += "  \"p_\(part.id.rawValue)\" [label=\"\(label)\"];\n"
        }
        for relationship in map.relationships {
            out += "  \"\(name(relationship.from))\" -> \"\(name(relationship.to))\";\n"
        }
        return out + "}\n"
    }

    /// The smallest text in a picture as printed, in points: each `font-size` in the SVG times
    /// the scale of the drawing's transform (`--page` scales the drawing to the page).
    static func smallestPrintedPoints(svg: String) -> Double? {
        var scale = 1.0
        if let range = firstRange(of: "transform=\"scale(", in: svg) {
            let number = svg[range.upperBound...].prefix { $0 != " " && $0 != ")" }
            scale = Double(number) ?? 1
        }
        var smallest: Double?
        var rest = Substring(svg)
        while let range = firstRange(of: "font-size=\"", in: rest) {
            let number = rest[range.upperBound...].prefix { $0 != "\"" }
            if let size = Double(number) { smallest = min(smallest ?? size, size) }
            rest = rest[range.upperBound...]
        }
        return smallest.map { $0 * scale }
    }

    static func firstRange(of needle: String, in text: some StringProtocol) -> Range<String.Index>? {
        let bytes = Array(needle.utf8)
        var index = text.startIndex
        let utf8 = text.utf8
        while index < text.endIndex {
            if utf8[index] == bytes[0] {
                var end = index
                var matched = 0
                while matched < bytes.count, end < text.endIndex, utf8[end] == bytes[matched] {
                    matched += 1
                    end = utf8.index(after: end)
                }
                if matched == bytes.count { return index..<end }
            }
            index = utf8.index(after: index)
        }
        return nil
    }
}
