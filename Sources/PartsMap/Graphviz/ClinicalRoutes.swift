/// Lines of the clinical layout drawn by PartsMap: straight where nothing is in the way, else
/// bent round what is, as a Graphviz edge `pos`. Only a line that finds no clear path is left
/// to Graphviz to route: its router costs about a second on 60 parts, the lines here almost
/// nothing, and they are the same on every Graphviz.
struct ClinicalRoutes {
    typealias Point = ClinicalLayout.Point

    struct Obstacle {
        var centre: Point
        var size: ClinicalLayout.Size
        var shape: String
    }

    var obstacles: [String: Obstacle]

    /// Graphviz's arrow lengths (10 points × its factor for the shape).
    static func arrowLength(_ name: String?) -> Double {
        switch name {
        case nil, "none": return 0
        case "tee": return 5
        case "odot", "dot": return 8
        case "veevee": return 20
        default: return 10
        }
    }

    /// Whether `point` is inside the drawn shape of `obstacle`.
    static func inside(_ point: Point, _ obstacle: Obstacle, margin: Double = 0) -> Bool {
        let (a, b) = (obstacle.size.width / 2 + margin, obstacle.size.height / 2 + margin)
        guard a > 0, b > 0 else { return false }
        let (x, y) = (abs(point.x - obstacle.centre.x) / a, (point.y - obstacle.centre.y) / b)
        switch obstacle.shape {
        case "ellipse", "doublecircle", "circle":
            return x * x + y * y <= 1
        case "octagon":
            return x <= 1 && abs(y) <= 1 && x + abs(y) <= 1.42
        case "house":
            // Walls up to 40 % above the middle, then the roof to its top.
            return x <= 1 && y >= -1 && y <= 1 && (y <= 0.4 || x <= (1 - y) / 0.6)
        case "point":
            return false
        default:
            return x <= 1 && abs(y) <= 1
        }
    }

    /// The edge `pos` for a line from `from` to `to`, with room for the arrowheads named, or
    /// nil when every path tried runs through something.
    func pos(from: String, to: String, head: String?, tail: String?) -> String? {
        guard from != to, let start = obstacles[from], let end = obstacles[to] else { return nil }
        let (dx, dy) = (end.centre.x - start.centre.x, end.centre.y - start.centre.y)
        let length = (dx * dx + dy * dy).squareRoot()
        guard length > 1 else { return nil }
        let (nx, ny) = (-dy / length, dx / length)
        // Straight, then bowed to either side ever more, then S-shaped, then through points
        // further out on either side (a cubic with both controls at P passes through
        // W = (start + end) / 8 + 3P / 4 half way).
        func at(_ along: Double, _ across: Double) -> Point {
            Point(x: start.centre.x + dx * along + nx * across, y: start.centre.y + dy * along + ny * across)
        }
        var controls: [(Point, Point)] = [(at(1.0 / 3, 0), at(2.0 / 3, 0))]
        for step in 1...4 {
            let b = Double(step) * 0.12 * length
            controls += [(at(1.0 / 3, b), at(2.0 / 3, b)), (at(1.0 / 3, -b), at(2.0 / 3, -b))]
        }
        for step in 1...2 {
            let b = Double(step) * 0.2 * length
            controls += [(at(1.0 / 3, b), at(2.0 / 3, -b)), (at(1.0 / 3, -b), at(2.0 / 3, b))]
        }
        for step in 1...20 {
            for along in [0.5, 0.3, 0.7, 0.15, 0.85] {
                for side in [1.0, -1] {
                    let through = at(along, side * Double(step) * 40)
                    let control = Point(x: (through.x - (start.centre.x + end.centre.x) / 8) * 4 / 3,
                                        y: (through.y - (start.centre.y + end.centre.y) / 8) * 4 / 3)
                    controls.append((control, control))
                }
            }
        }
        // What a line may not cross: every shape but its own ends, each with its box (plus
        // the margin) for a quick test before the exact one. Looked up once per line, not per try.
        let others = obstacles.filter { $0.key != from && $0.key != to && $0.value.shape != "point" }
            .sorted { $0.key < $1.key }.map { named in
                let obstacle = named.value
                let (a, b) = (obstacle.size.width / 2 + 4, obstacle.size.height / 2 + 4)
                return (obstacle, minX: obstacle.centre.x - a, maxX: obstacle.centre.x + a,
                        minY: obstacle.centre.y - b, maxY: obstacle.centre.y + b)
            }
        for (c1, c2) in controls {
            let curve = [start.centre, c1, c2, end.centre]
            // Samples about every 4 points, so no part slips between two of them.
            let count = max(48, Int(length / 4))
            let times = (0...count).map { Double($0) / Double(count) }
            let samples = times.map { ClinicalRoutes.point(curve, $0) }
            // The part of the curve outside both ends' shapes.
            guard let first = samples.firstIndex(where: { !ClinicalRoutes.inside($0, start) }),
                  let last = samples.lastIndex(where: { !ClinicalRoutes.inside($0, end) }), first < last else { continue }
            let visible = samples[first...last]
            let clear = others.allSatisfy { other in
                !visible.contains { point in
                    point.x >= other.minX && point.x <= other.maxX && point.y >= other.minY && point.y <= other.maxY
                        && ClinicalRoutes.inside(point, other.0, margin: 4)
                }
            }
            guard clear else { continue }
            // Arrowheads take the last points: the line stops where each head begins.
            func base(from index: Int, step: Int, length: Double) -> Int {
                guard length > 0 else { return index }
                var at = index
                let tip = samples[index]
                while at + step > first && at + step < last,
                      ((samples[at].x - tip.x) * (samples[at].x - tip.x) + (samples[at].y - tip.y) * (samples[at].y - tip.y)).squareRoot() < length {
                    at += step
                }
                return at
            }
            let headLength = ClinicalRoutes.arrowLength(head)
            let tailLength = ClinicalRoutes.arrowLength(tail)
            let lineEnd = base(from: last, step: -1, length: headLength)
            let lineStart = base(from: first, step: 1, length: tailLength)
            guard lineStart < lineEnd else { continue }
            let piece = ClinicalRoutes.piece(of: curve, from: times[lineStart], to: times[lineEnd])
            func text(_ point: Point) -> String {
                XMLText.number((point.x * 10).rounded() / 10) + "," + XMLText.number((point.y * 10).rounded() / 10)
            }
            var words: [String] = []
            if tailLength > 0 { words.append("s," + text(samples[first])) }
            if headLength > 0 { words.append("e," + text(samples[last])) }
            return "\"" + (words + piece.map(text)).joined(separator: " ") + "\""
        }
        return nil
    }

    /// The control points of the part of a cubic Bézier curve between `t0` and `t1`.
    static func piece(of curve: [Point], from t0: Double, to t1: Double) -> [Point] {
        func split(_ c: [Point], _ t: Double) -> (left: [Point], right: [Point]) {
            func mix(_ a: Point, _ b: Point) -> Point { Point(x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t) }
            let (p01, p12, p23) = (mix(c[0], c[1]), mix(c[1], c[2]), mix(c[2], c[3]))
            let (p012, p123) = (mix(p01, p12), mix(p12, p23))
            let middle = mix(p012, p123)
            return ([c[0], p01, p012, middle], [middle, p123, p23, c[3]])
        }
        let right = split(curve, t0).right
        let scaled = t0 < 1 ? (t1 - t0) / (1 - t0) : 1
        return split(right, scaled).left
    }

    static func point(_ curve: [Point], _ t: Double) -> Point {
        let (a, b, c, d) = ((1 - t) * (1 - t) * (1 - t), 3 * (1 - t) * (1 - t) * t, 3 * (1 - t) * t * t, t * t * t)
        return Point(x: a * curve[0].x + b * curve[1].x + c * curve[2].x + d * curve[3].x,
                     y: a * curve[0].y + b * curve[1].y + c * curve[2].y + d * curve[3].y)
    }
}
