#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The `--group` boxes of the clinical layout. Each box is a sector of the circle of its own
/// (`ClinicalLayout.boxes`); here its outline is drawn round its parts (a rectangle, or where
/// that would take in something else, a shape that follows the rings round Self), and its name
/// is placed beside it.
extension DOTWriter {
    /// The `--group` boxes of the clinical layout: each box's parts as indices into
    /// `map.parts` (a part goes in the first box that names it), its name shortened as Graphviz
    /// needs, and its whole name for the tooltip.
    func clinicalBoxes(_ map: SystemMap) -> [(members: [Int], label: String, tooltip: String)] {
        let position = Dictionary(map.parts.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        var placed: Set<PartID> = []
        return options.clusters.map { cluster in
            (cluster.members.filter { placed.insert($0).inserted }.compactMap { position[$0] },
             DOTWriter.shortened(cluster.label, to: 80), cluster.label)
        }
    }

    /// Room between a box's outline and the parts in it, and the notes in it, in points: on
    /// paper less than half the room kept between parts (`printGapBetweenParts`), so the
    /// outlines of neighbouring boxes stay apart there too.
    var boxPadding: (part: Double, note: Double) { options.page == nil ? (10, 5) : (6, 3) }

    /// Outlines round each box's parts and the notes of lines among them: the rectangle round
    /// them where it takes in nothing else; else an outline that follows them round Self
    /// (looking out from Self every few degrees, it runs just beyond the furthest of them and
    /// comes back just inside the nearest, padded), so it takes in no other part and never
    /// reaches Self. Each box's name stands just beyond
    /// the outline, out from Self past one of its parts: where it makes the picture least
    /// larger (so a grouped map still fits its page), of equals past its exile.
    func placeBoxes(_ boxes: [(members: [Int], label: String, tooltip: String)], nodes: [ClinicalLayout.Node],
                    links: [ClinicalLayout.Link], in geometry: inout ClinicalGeometry) {
        let origin = geometry.centres[ClinicalLayout.selfName] ?? .init(x: 0, y: 0)
        for (number, box) in boxes.enumerated() where !box.members.isEmpty {
            let names = Set(box.members.map { nodes[$0].name })
            var rectangles: [(low: ClinicalLayout.Point, high: ClinicalLayout.Point)] = []
            func include(_ name: String, padding: Double) {
                guard let centre = geometry.centres[name], let size = geometry.sizes[name] else { return }
                let (x, y, half) = (centre.x - origin.x, centre.y - origin.y, ClinicalLayout.Size(width: size.width / 2 + padding, height: size.height / 2 + padding))
                rectangles.append((.init(x: x - half.width, y: y - half.height), .init(x: x + half.width, y: y + half.height)))
            }
            for name in box.members.map({ nodes[$0].name }) { include(name, padding: boxPadding.part) }
            for (index, link) in links.enumerated() where names.contains(link.from) && names.contains(link.to) {
                include(ClinicalGeometry.noteName(index), padding: boxPadding.note)
            }
            guard !rectangles.isEmpty else { continue }
            // Angles from the box's middle direction, so the outline never wraps round.
            let (sumX, sumY) = rectangles.reduce((0.0, 0.0)) { sum, rectangle in
                let (x, y) = ((rectangle.low.x + rectangle.high.x) / 2, (rectangle.low.y + rectangle.high.y) / 2)
                let length = max(1, (x * x + y * y).squareRoot())
                return (sum.0 + x / length, sum.1 + y / length)
            }
            let middle = sumX == 0 && sumY == 0 ? Double.pi / 2 : atan2(sumY, sumX)
            func relative(_ x: Double, _ y: Double) -> Double {
                var angle = atan2(y, x) - middle
                while angle > Double.pi { angle -= 2 * Double.pi }
                while angle <= -Double.pi { angle += 2 * Double.pi }
                return angle
            }
            var (lowest, highest) = (Double.infinity, -Double.infinity)
            for (low, high) in rectangles {
                for (x, y) in [(low.x, low.y), (high.x, low.y), (high.x, high.y), (low.x, high.y)] {
                    let angle = relative(x, y)
                    (lowest, highest) = (min(lowest, angle), max(highest, angle))
                }
            }
            // Looking out from Self, rays no further apart than 3 degrees, nor 12 points at the
            // furthest corner: where they meet the rectangles.
            let turn = min(highest - lowest, 2 * Double.pi - 0.05)
            let furthestCorner = rectangles.map { rectangle in
                (max(rectangle.low.x * rectangle.low.x, rectangle.high.x * rectangle.high.x)
                    + max(rectangle.low.y * rectangle.low.y, rectangle.high.y * rectangle.high.y)).squareRoot()
            }.max() ?? 1
            let spacing = min(3 * Double.pi / 180, 12 / max(1, furthestCorner))
            let steps = min(2_000, max(2, Int((turn / spacing).rounded(.up))))
            /// Rays within `degrees` either side.
            func rays(_ degrees: Double) -> Int { max(1, Int((degrees * Double.pi / 180 / (turn / Double(steps))).rounded())) }
            var near = [Double?](repeating: nil, count: steps + 1)
            var far = [Double?](repeating: nil, count: steps + 1)
            for step in 0...steps {
                let angle = middle + lowest + turn * Double(step) / Double(steps)
                for rectangle in rectangles {
                    guard let (enter, leave) = ClinicalGeometry.rayThrough(rectangle, angle: angle) else { continue }
                    near[step] = min(near[step] ?? .infinity, enter)
                    far[step] = max(far[step] ?? 0, leave)
                }
            }
            // Between parts, where no ray meets one, the outline runs straight across.
            func filled(_ values: [Double?]) -> [Double] {
                let known = values.indices.filter { values[$0] != nil }
                return values.indices.map { index in
                    if let value = values[index] { return value }
                    let before = known.last { $0 < index }, after = known.first { $0 > index }
                    switch (before.flatMap { values[$0] }, after.flatMap { values[$0] }) {
                    case let (a?, b?):
                        guard let before, let after else { return a }
                        return a + (b - a) * Double(index - before) / Double(after - before)
                    case let (a?, nil): return a
                    case let (nil, b?): return b
                    default: return 1
                    }
                }
            }
            // Smoothed, never into a part: notches narrower than about 50 degrees are filled (a
            // closing: the furthest of the neighbours, then the nearest; beyond the ends the
            // outline falls back to the parts, so it does not flare out there), then evened out;
            // the outer edge is never nearer Self than the parts, the inner edge never further.
            func closing(_ values: [Double], reach: Int, outward: Bool) -> [Double] {
                let pad = outward ? 0 : Double.infinity
                let padded = [Double](repeating: pad, count: reach) + values + [Double](repeating: pad, count: reach)
                func pass(_ values: [Double], _ pick: (Double, Double) -> Double) -> [Double] {
                    values.indices.map { index in values[max(0, index - reach)...min(values.count - 1, index + reach)].reduce(values[index], pick) }
                }
                return Array(pass(pass(padded, outward ? max : min), outward ? min : max)[reach..<(reach + values.count)])
            }
            func evened(_ values: [Double]) -> [Double] {
                values.indices.map { index in
                    let window = values[max(0, index - rays(9))...min(values.count - 1, index + rays(9))]
                    return window.reduce(0, +) / Double(window.count)
                }
            }
            let rawOuter = filled(far), rawInner = filled(near)
            var outer = zip(rawOuter, evened(closing(rawOuter, reach: rays(24), outward: true))).map { max($0, $1) }
            var inner = zip(rawInner, evened(closing(rawInner, reach: rays(24), outward: false))).map { max(1, min($0, $1)) }
            // Smoothing never takes the outline through anything outside the box (a note on a
            // line to another box): there it steps back to the box's own parts.
            let inside = names.union(links.indices.filter { names.contains(links[$0].from) && names.contains(links[$0].to) }
                .map { ClinicalGeometry.noteName($0) })
            let others: [(low: ClinicalLayout.Point, high: ClinicalLayout.Point)] = geometry.centres.keys.sorted().compactMap { name in
                guard !inside.contains(name), let centre = geometry.centres[name], let size = geometry.sizes[name] else { return nil }
                let (x, y) = (centre.x - origin.x, centre.y - origin.y)
                return (.init(x: x - size.width / 2 - 3, y: y - size.height / 2 - 3), .init(x: x + size.width / 2 + 3, y: y + size.height / 2 + 3))
            }
            for step in 0...steps {
                let angle = middle + lowest + turn * Double(step) / Double(steps)
                for other in others {
                    guard let (enter, leave) = ClinicalGeometry.rayThrough(other, angle: angle) else { continue }
                    if outer[step] > enter && outer[step] < leave { outer[step] = max(rawOuter[step], enter) }
                    if inner[step] > enter && inner[step] < leave { inner[step] = min(rawInner[step], leave) }
                }
            }
            var outline: [ClinicalLayout.Point] = []
            outline.reserveCapacity(2 * steps + 2)
            for step in 0...steps {
                let angle = middle + lowest + turn * Double(step) / Double(steps)
                outline.append(.init(x: origin.x + outer[step] * cos(angle), y: origin.y + outer[step] * sin(angle)))
            }
            for step in stride(from: steps, through: 0, by: -1) {
                let angle = middle + lowest + turn * Double(step) / Double(steps)
                outline.append(.init(x: origin.x + inner[step] * cos(angle), y: origin.y + inner[step] * sin(angle)))
            }
            // Only the corners that matter (within 1.5 points): the outline's `pos` stays well
            // under the 16,384 characters Graphviz 2.42 reads in one string.
            outline = ClinicalGeometry.simplified(outline, tolerance: 1.5)
            // Where the rectangle round the box's parts takes in nothing else (Self included),
            // the box is that rectangle: a plain box reads better than a shape that follows the
            // rings (a box of one part was a fan, pointed at both ends).
            let bounds = (low: ClinicalLayout.Point(x: rectangles.map(\.low.x).min() ?? 0, y: rectangles.map(\.low.y).min() ?? 0),
                          high: ClinicalLayout.Point(x: rectangles.map(\.high.x).max() ?? 0, y: rectangles.map(\.high.y).max() ?? 0))
            let (rectangleCentre, rectangleSize) = (ClinicalLayout.Point(x: (bounds.low.x + bounds.high.x) / 2 + origin.x, y: (bounds.low.y + bounds.high.y) / 2 + origin.y),
                                                    ClinicalLayout.Size(width: bounds.high.x - bounds.low.x, height: bounds.high.y - bounds.low.y))
            let meetsAnotherBox = geometry.boxOutlines.values.contains { other in
                zip(other, other.dropFirst() + other.prefix(1)).contains { a, b in
                    ClinicalGeometry.crosses(a, b, centre: rectangleCentre, size: rectangleSize, inset: -4)
                }
            }
            if !meetsAnotherBox,
               others.allSatisfy({ $0.high.x < bounds.low.x || $0.low.x > bounds.high.x || $0.high.y < bounds.low.y || $0.low.y > bounds.high.y }) {
                let (low, high) = (ClinicalLayout.Point(x: bounds.low.x + origin.x, y: bounds.low.y + origin.y),
                                   ClinicalLayout.Point(x: bounds.high.x + origin.x, y: bounds.high.y + origin.y))
                outline = [low, ClinicalLayout.Point(x: high.x, y: low.y), high, ClinicalLayout.Point(x: low.x, y: high.y)]
            }
            geometry.boxOutlines[number] = outline
            // The name, just beyond the outline, clear of the outline wherever the name's width
            // reaches and of everything placed: past one of the box's parts, out from Self,
            // where it makes the picture least larger; of equals, past the part furthest from
            // Self (a system's exile).
            let size = DOTWriter.nodeSize(label: box.label, shape: "plaintext", fontSize: VisualStyle.boxFontSize, margin: (0, 0))
            let closed = outline + outline.prefix(1)
            /// Whether `point` is inside the outline (even-odd rule).
            func enclosed(_ point: ClinicalLayout.Point) -> Bool {
                var inside = false
                for index in closed.indices.dropLast() {
                    let (a, b) = (closed[index], closed[index + 1])
                    if (a.y > point.y) != (b.y > point.y) && point.x < (b.x - a.x) * (point.y - a.y) / (b.y - a.y) + a.x { inside.toggle() }
                }
                return inside
            }
            func clear(_ centre: ClinicalLayout.Point) -> Bool {
                guard !enclosed(centre) else { return false }
                let low = ClinicalLayout.Point(x: centre.x - size.width / 2 - 4, y: centre.y - size.height / 2 - 4)
                let high = ClinicalLayout.Point(x: centre.x + size.width / 2 + 4, y: centre.y + size.height / 2 + 4)
                for index in closed.indices.dropLast() {
                    let (a, b) = (closed[index], closed[index + 1])
                    // Most sides are far from the name: their boxes miss its box.
                    guard max(a.x, b.x) >= low.x && min(a.x, b.x) <= high.x && max(a.y, b.y) >= low.y && min(a.y, b.y) <= high.y else { continue }
                    if ClinicalGeometry.crosses(a, b, centre: centre, size: .init(width: high.x - low.x, height: high.y - low.y), inset: 0) {
                        return false
                    }
                }
                return others.allSatisfy { other in
                    let (otherLow, otherHigh) = (ClinicalLayout.Point(x: other.low.x + origin.x, y: other.low.y + origin.y),
                                                 ClinicalLayout.Point(x: other.high.x + origin.x, y: other.high.y + origin.y))
                    return otherHigh.x < low.x || otherLow.x > high.x || otherHigh.y < low.y || otherLow.y > high.y
                }
            }
            // The picture's bounds so far: everything placed and every outline.
            var (low, high) = (ClinicalLayout.Point(x: Double.infinity, y: Double.infinity), ClinicalLayout.Point(x: -Double.infinity, y: -Double.infinity))
            func include(_ point: ClinicalLayout.Point) {
                (low, high) = (.init(x: min(low.x, point.x), y: min(low.y, point.y)), .init(x: max(high.x, point.x), y: max(high.y, point.y)))
            }
            for (name, centre) in geometry.centres {
                guard let size = geometry.sizes[name] else { continue }
                include(.init(x: centre.x - size.width / 2, y: centre.y - size.height / 2))
                include(.init(x: centre.x + size.width / 2, y: centre.y + size.height / 2))
            }
            for point in geometry.boxOutlines.values.joined() { include(point) }
            func distance(_ point: ClinicalLayout.Point) -> Double {
                ((point.x - origin.x) * (point.x - origin.x) + (point.y - origin.y) * (point.y - origin.y)).squareRoot()
            }
            let members: [ClinicalLayout.Point] = box.members.compactMap { geometry.centres[nodes[$0].name] }
                .sorted { distance($0) > distance($1) }
            var best: (centre: ClinicalLayout.Point, area: Double)?
            for member in members {
                let direction: Double = atan2(member.y - origin.y, member.x - origin.x)
                let (dx, dy) = (cos(direction), sin(direction))
                let at = Int(((relative(dx, dy) - lowest) / turn * Double(steps)).rounded())
                var along: Double = outer[max(0, min(steps, at))]
                for _ in 0..<200 where !clear(.init(x: origin.x + dx * along, y: origin.y + dy * along)) { along += 3 }
                let centre = ClinicalLayout.Point(x: origin.x + dx * along, y: origin.y + dy * along)
                let across: Double = max(high.x, centre.x + size.width / 2) - min(low.x, centre.x - size.width / 2)
                let down: Double = max(high.y, centre.y + size.height / 2) - min(low.y, centre.y - size.height / 2)
                if best.map({ across * down < $0.area * 0.995 }) ?? true { best = (centre, across * down) }
            }
            let label = ClinicalGeometry.boxLabelName(number)
            geometry.centres[label] = best?.centre ?? origin
            geometry.sizes[label] = size
            geometry.shapes[label] = "box"
        }
    }

    /// The `--group` boxes of the clinical layout: each an outline drawn where it was placed
    /// (`DOTWriter.placeBoxes`), with its name beside it.
    func writeBoxOutlines(_ map: SystemMap, _ geometry: ClinicalGeometry, into out: inout String) {
        let boxes = clinicalBoxes(map)
        for number in geometry.boxOutlines.keys.sorted() {
            guard let outline = geometry.boxOutlines[number], let corner = outline.first, number < boxes.count else { continue }
            let box = boxes[number]
            let name = "box_corner_\(number)"
            out += "  \"\(name)\" " + attributeList([("shape", "point"), ("style", "invis"), ("width", "0.01"), ("label", "\"\""),
                                                     ("pos", DOTWriter.pos(.init(x: corner.x, y: corner.y)))]) + ";\n"
            out += "  \"\(name)\" -> \"\(name)\" " + attributeList([
                ("dir", "none"), ("style", "dashed"), ("color", style.clusterColor), ("penwidth", "1"),
                ("tooltip", DOTText.quoted(box.tooltip, as: .tooltip)), ("pos", ClinicalGeometry.roundedOutlinePos(outline, radius: 12)),
            ]) + ";\n"
            let label = ClinicalGeometry.boxLabelName(number)
            out += "  \"\(label)\" " + attributeList([("shape", "plaintext"), ("fontsize", XMLText.number(VisualStyle.boxFontSize)), ("margin", "0"),
                                                      ("label", DOTText.quoted(box.label)), ("tooltip", DOTText.quoted(box.tooltip, as: .tooltip))]
                                                     + geometry.attributes(for: label)) + ";\n"
        }
    }
}

extension ClinicalGeometry {
    static func boxLabelName(_ number: Int) -> String { "box_label_\(number)" }

    /// Where a ray from the origin at `angle` runs inside `rectangle` (distances from the
    /// origin, slab by slab), or nil when it misses it.
    static func rayThrough(_ rectangle: (low: ClinicalLayout.Point, high: ClinicalLayout.Point), angle: Double) -> (Double, Double)? {
        var (enter, leave) = (0.0, Double.infinity)
        func slab(_ direction: Double, _ from: Double, _ to: Double) -> Bool {
            if abs(direction) < 1e-9 { return from <= 0 && to >= 0 }
            let (a, b) = (from / direction, to / direction)
            (enter, leave) = (max(enter, min(a, b)), min(leave, max(a, b)))
            return true
        }
        guard slab(cos(angle), rectangle.low.x, rectangle.high.x), slab(sin(angle), rectangle.low.y, rectangle.high.y) else { return nil }
        return enter <= leave ? (enter, leave) : nil
    }

    /// A closed outline with the corners that lie within `tolerance` of the line between their
    /// neighbours left out (Ramer, Douglas and Peucker), and none repeated.
    static func simplified(_ outline: [ClinicalLayout.Point], tolerance: Double) -> [ClinicalLayout.Point] {
        guard outline.count > 3 else { return outline }
        var keep = [Bool](repeating: false, count: outline.count)
        func distance(_ p: ClinicalLayout.Point, _ a: ClinicalLayout.Point, _ b: ClinicalLayout.Point) -> Double {
            let (dx, dy) = (b.x - a.x, b.y - a.y)
            let length = (dx * dx + dy * dy).squareRoot()
            guard length > 1e-9 else { return ((p.x - a.x) * (p.x - a.x) + (p.y - a.y) * (p.y - a.y)).squareRoot() }
            return abs((p.x - a.x) * dy - (p.y - a.y) * dx) / length
        }
        // Split at the first corner and the one furthest from it, then keep what stands out.
        let far = outline.indices.max { distance(outline[$0], outline[0], outline[0]) < distance(outline[$1], outline[0], outline[0]) } ?? 0
        var pending = [(0, far), (far, outline.count)]
        keep[0] = true
        keep[far] = true
        while let (start, end) = pending.popLast() {
            guard end - start > 1 else { continue }
            let (a, b) = (outline[start], outline[end % outline.count])
            var (worst, at) = (0.0, start)
            for index in (start + 1)..<end {
                let d = distance(outline[index], a, b)
                if d > worst { (worst, at) = (d, index) }
            }
            guard worst > tolerance else { continue }
            keep[at] = true
            pending += [(start, at), (at, end)]
        }
        var result: [ClinicalLayout.Point] = []
        for (point, kept) in zip(outline, keep) where kept {
            if let last = result.last, abs(last.x - point.x) < 0.5 && abs(last.y - point.y) < 0.5 { continue }
            result.append(point)
        }
        return result
    }

    /// A closed polygon as an edge `pos` with rounded corners (radius `radius`, less on short
    /// sides): straight sides, each corner a curve through its corner point's neighbourhood.
    static func roundedOutlinePos(_ corners: [ClinicalLayout.Point], radius: Double) -> String {
        guard corners.count > 2 else { return linePos(corners, arrowAtEnd: false) }
        func text(_ point: ClinicalLayout.Point) -> String { XMLText.number(point.x) + "," + XMLText.number(point.y) }
        func toward(_ from: ClinicalLayout.Point, _ to: ClinicalLayout.Point, _ distance: Double) -> ClinicalLayout.Point {
            let (dx, dy) = (to.x - from.x, to.y - from.y)
            let length = (dx * dx + dy * dy).squareRoot()
            guard length > 0 else { return from }
            let step = min(distance, length / 2) / length
            return .init(x: from.x + dx * step, y: from.y + dy * step)
        }
        let count = corners.count
        // Each corner cut back along both its sides: where its curve starts and ends.
        let starts = corners.indices.map { toward(corners[$0], corners[($0 + count - 1) % count], radius) }
        let ends = corners.indices.map { toward(corners[$0], corners[($0 + 1) % count], radius) }
        var controls = [text(ends[0])]
        for step in 1...count {
            let index = step % count
            let (a, b) = (ends[index == 0 ? count - 1 : index - 1], starts[index])
            controls += [text(.init(x: a.x + (b.x - a.x) / 3, y: a.y + (b.y - a.y) / 3)),
                         text(.init(x: a.x + (b.x - a.x) * 2 / 3, y: a.y + (b.y - a.y) * 2 / 3)), text(b)]
            controls += [text(corners[index]), text(corners[index]), text(ends[index])]
        }
        return "\"" + controls.joined(separator: " ") + "\""
    }
}
