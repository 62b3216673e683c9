/// Lines of the clinical layout drawn by PartsMap: straight where nothing is in the way, else
/// bent round what is, as a Graphviz edge `pos`. Only a line that finds no clear path is left
/// to Graphviz to route: its router costs about a second on 60 parts, the lines here almost
/// nothing, and they are the same on every Graphviz.
struct ClinicalRoutes {
    typealias Point = ClinicalLayout.Point

    /// A shape lines go round. Plain values only: routing copies them for every line.
    struct Obstacle {
        var centre: Point
        var size: ClinicalLayout.Size
        /// The shape as tested by `inside`, read once from its Graphviz name.
        var outline: Outline

        init(centre: Point, size: ClinicalLayout.Size, shape: String) {
            (self.centre, self.size, outline) = (centre, size, Outline(shape))
        }
    }

    /// The outlines `inside` tells apart.
    enum Outline {
        case ellipse, octagon, house, point, box

        init(_ shape: String) {
            switch shape {
            case "ellipse", "doublecircle", "circle": self = .ellipse
            case "octagon": self = .octagon
            case "house": self = .house
            case "point": self = .point
            default: self = .box
            }
        }
    }

    let obstacles: [String: Obstacle]
    /// The ways `chooseWays` chose, by `"tail head"`: an index for `way`, or a curve of the
    /// line's own (found on the grid, see `gridCurves`).
    struct Ways: Sendable {
        var indices: [String: Int] = [:]
        var own: [String: OwnWay] = [:]

        /// The control points of the way chosen for `key` from `start` to `end`, if any.
        func curve(_ key: String, from start: Point, to end: Point) -> [Point]? {
            if let own = own[key] { return own.curve(from: start, to: end) }
            return indices[key].flatMap { (0..<ClinicalRoutes.wayCount).contains($0) ? ClinicalRoutes.way($0, from: start, to: end) : nil }
        }
    }

    /// The way to try first for each line, chosen by `chooseWays` to cross fewer other lines.
    let preferred: Ways
    /// `chooseWays` checked each preferred way clear of these very obstacles: `pos` need not.
    let preferredAreClear: Bool
    /// Every obstacle a line may have to go round (not points), by name, with its box: looked
    /// up once here, not for every line.
    let named: [(name: String, blocker: Blocker)]
    /// Whether a line no way here draws clear still takes its first way, through what it meets,
    /// instead of going to Graphviz: one line left to Graphviz makes it route every line of the
    /// picture (measured with one line of each map left to it: 1.5 s on 60 parts, 6.8 s on
    /// 100, 22 s on 150; this router drew all of them in 0.06 s). So on maps of more parts
    /// than `graphvizRoutesUpTo`.
    let drawsEveryLine: Bool
    /// Parts up to which a line with no clear way here is left to Graphviz, which goes round
    /// the parts in its way (about a second on 60 parts).
    static let graphvizRoutesUpTo = 60

    init(obstacles: [String: Obstacle], preferred: Ways = Ways(), preferredAreClear: Bool = false) {
        self.obstacles = obstacles
        drawsEveryLine = obstacles.keys.lazy.filter { $0.hasPrefix("p_") }.count > ClinicalRoutes.graphvizRoutesUpTo
        self.preferred = preferred
        self.preferredAreClear = preferredAreClear
        named = obstacles.filter { $0.value.outline != .point }.sorted { $0.key < $1.key }.map { name, obstacle in
            let (a, b) = (obstacle.size.width / 2 + 4, obstacle.size.height / 2 + 4)
            return (name, Blocker(obstacle: obstacle, minX: obstacle.centre.x - a, maxX: obstacle.centre.x + a,
                                  minY: obstacle.centre.y - b, maxY: obstacle.centre.y + b))
        }
    }

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
        switch obstacle.outline {
        case .ellipse:
            return x * x + y * y <= 1
        case .octagon:
            return x <= 1 && abs(y) <= 1 && x + abs(y) <= 1.42
        case .house:
            // Walls up to 40 % above the middle, then the roof to its top.
            return x <= 1 && y >= -1 && y <= 1 && (y <= 0.4 || x <= (1 - y) / 0.6)
        case .point:
            return false
        case .box:
            return x <= 1 && abs(y) <= 1
        }
    }

    /// The edge `pos` for a line from `from` to `to`, with room for the arrowheads named, or
    /// nil when every path tried runs through something.
    func pos(from: String, to: String, head: String?, tail: String?) -> String? {
        if from == to { return loop(at: from, out: ClinicalRoutes.loopReach, head: head, tail: tail) }
        guard let start = obstacles[from], let end = obstacles[to] else { return nil }
        let (dx, dy) = (end.centre.x - start.centre.x, end.centre.y - start.centre.y)
        guard (dx * dx + dy * dy).squareRoot() > 1 else { return nil }
        var blockers = blockers(from: from, to: to)
        func tried(_ index: Int, clear: Bool = false) -> String? {
            drawn(ClinicalRoutes.way(index, from: start.centre, to: end.centre), from: from, to: to, head: head, tail: tail,
                  blockers: &blockers, clear: clear)
        }
        // The way `chooseWays` preferred first, then the others in order.
        let key = from + " " + to
        if let own = preferred.own[key],
           let pos = drawn(own.curve(from: start.centre, to: end.centre), from: from, to: to, head: head, tail: tail,
                           blockers: &blockers, clear: preferredAreClear) {
            return pos
        }
        let first = preferred.indices[key].flatMap { (0..<ClinicalRoutes.wayCount).contains($0) ? $0 : nil }
        if let first, let pos = tried(first, clear: preferredAreClear) { return pos }
        for index in 0..<ClinicalRoutes.wayCount where index != first {
            if let pos = tried(index) { return pos }
        }
        return drawsEveryLine ? tried(first ?? 0, clear: true) : nil
    }

    /// The edge `pos` for a line from `from` to `to` that arcs through `point` (a second line
    /// between two parts, beside the first), or nil when that arc runs through something.
    func pos(from: String, to: String, through point: Point, head: String?, tail: String?) -> String? {
        if from == to { return loop(at: from, out: 2 * ClinicalRoutes.loopReach, head: head, tail: tail) }
        guard let start = obstacles[from]?.centre, let end = obstacles[to]?.centre else { return nil }
        // A cubic with both inner control points at P passes through W = (start + end) / 8 + 3P / 4 half way.
        let control = Point(x: (point.x - (start.x + end.x) / 8) * 4 / 3, y: (point.y - (start.y + end.y) / 8) * 4 / 3)
        var blockers = blockers(from: from, to: to)
        let arc = [start, control, control, end]
        return drawn(arc, from: from, to: to, head: head, tail: tail, blockers: &blockers)
            ?? (drawsEveryLine ? drawn(arc, from: from, to: to, head: head, tail: tail, blockers: &blockers, clear: true) : nil)
    }

    /// How far a part's first loop without a note reaches out of its right side, in points
    /// (a second one twice as far).
    static let loopReach = 30.0

    /// A loop with no note, from a part back to itself: out of its right side by `out` points
    /// and back, within the part's height, where Graphviz draws a loop itself (the layout keeps
    /// other loops' notes off it). Left to Graphviz, one such loop makes it route every line of
    /// the picture: a 60-part map took 1.5 s instead of 0.02, a generated map of 183 parts with
    /// three loops 38 s.
    private func loop(at name: String, out: Double, head: String?, tail: String?) -> String? {
        guard let obstacle = obstacles[name] else { return nil }
        let (centre, size) = (obstacle.centre, obstacle.size)
        // A cubic from the centre and back with both inner points at `side` reaches 3/4 of the
        // way to them: `out` beyond the edge.
        let side = centre.x + (size.width / 2 + out) * 4 / 3
        let curve = [centre, Point(x: side, y: centre.y + size.height / 2), Point(x: side, y: centre.y - size.height / 2), centre]
        var blockers: [Blocker] = []
        return drawn(curve, from: name, to: name, head: head, tail: tail, blockers: &blockers, clear: true)
    }

    /// `curve` as an edge `pos`, cut where it leaves its ends' shapes and where arrowheads
    /// begin, or nil when it runs through a blocker.
    private func drawn(_ curve: [Point], from: String, to: String, head: String?, tail: String?, blockers: inout [Blocker],
                       clear: Bool = false) -> String? {
        guard let (samples, times, first, last) = visible(curve, from: from, to: to, blockers: &blockers, clear: clear) else { return nil }
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
        guard lineStart < lineEnd else { return nil }
        let piece = ClinicalRoutes.piece(of: curve, from: times[lineStart], to: times[lineEnd])
        func text(_ point: Point) -> String {
            XMLText.number((point.x * 10).rounded() / 10) + "," + XMLText.number((point.y * 10).rounded() / 10)
        }
        var words: [String] = []
        if tailLength > 0 { words.append("s," + text(samples[first])) }
        if headLength > 0 { words.append("e," + text(samples[last])) }
        return "\"" + (words + piece.map(text)).joined(separator: " ") + "\""
    }

    /// A line to route: its two nodes, and the parts of the relationship it belongs to (a line
    /// through a note is two lines of one relationship; lines sharing a part meet, not cross).
    struct Line {
        var tail: String
        var head: String
        var ends: Set<String>
    }

    /// For each line, the first clear way among the straight and bowed ones that crosses the
    /// fewest other lines (as chosen so far; straight for those not yet chosen), in two rounds
    /// (the second only for lines that still cross); then, for lines that still cross, any of
    /// the `wayCount` ways that crosses fewer.
    /// A line with no clear straight or bowed way takes, in the rounds already, the clear way of
    /// all that crosses fewest: the lines chosen after it then see where it really runs (taken
    /// in `pos`'s order, it crossed 2 lines on a generated 60-part map where 0 were needed).
    /// Lines that still cross then look for a path on the grid (`gridCurves`); a line still
    /// boxed in tries a path crossing other lines, kept when those lines can then move to
    /// cross fewer and all lines together cross less.
    /// All lines of a map of more than 200 keep the order `pos` tries.
    func chooseWays(_ lines: [Line]) -> Ways {
        // Every try is checked against every line: beyond 200 lines, the first clear way.
        guard lines.count <= 200 else { return Ways() }
        // Straight, four bows each side, four S-shapes, then curves through points up to 120
        // points beside the line (tried only while every way so far crosses something).
        let simple = 13 + 30
        var shapes: [[Point]] = lines.map { line in
            guard let a = obstacles[line.tail]?.centre, let b = obstacles[line.head]?.centre else { return [] }
            return [a, b]
        }
        var chosen = Ways()
        func box(_ shape: [Point]) -> (minX: Double, maxX: Double, minY: Double, maxY: Double) {
            guard let first = shape.first else { return (0, 0, 0, 0) }
            var box = (minX: first.x, maxX: first.x, minY: first.y, maxY: first.y)
            for point in shape.dropFirst() {
                box = (min(box.minX, point.x), max(box.maxX, point.x), min(box.minY, point.y), max(box.maxY, point.y))
            }
            return box
        }
        var boxes = shapes.map(box)
        // Each line's ends as numbers, so telling lines that meet apart needs no hashing.
        var numbers: [String: Int] = [:]
        let ends: [[Int]] = lines.map { line in
            line.ends.map { name in
                if let number = numbers[name] { return number }
                numbers[name] = numbers.count
                return numbers.count - 1
            }
        }
        /// How many other lines `polyline` crosses, counting no further than `limit`.
        func crossings(_ polyline: [Point], _ number: Int, limit: Int) -> Int {
            let own = box(polyline)
            let mine = ends[number]
            var count = 0
            for other in shapes.indices where other != number {
                let near = boxes[other]
                guard near.maxX >= own.minX && near.minX <= own.maxX && near.maxY >= own.minY && near.minY <= own.maxY,
                      shapes[other].count > 1, !ends[other].contains(where: mine.contains) else { continue }
                if ClinicalRoutes.polylinesCross(polyline, shapes[other]) {
                    count += 1
                    if count >= limit { return count }
                }
            }
            return count
        }
        // Whether each way of each line is clear of the parts (0 not known yet, 1 clear, -1 not):
        // that does not change while ways are chosen, and a line may look at its ways three times.
        var clearness = [Int8](repeating: 0, count: lines.count * ClinicalRoutes.wayCount)
        func isClear(_ number: Int, _ index: Int, _ curve: [Point], blockers: inout [Blocker]) -> Bool {
            let known = clearness[number * ClinicalRoutes.wayCount + index]
            if known != 0 { return known > 0 }
            let line = lines[number]
            let clear = visible(curve, from: line.tail, to: line.head, blockers: &blockers) != nil
            clearness[number * ClinicalRoutes.wayCount + index] = clear ? 1 : -1
            return clear
        }
        /// The clear way of those numbered `first` up to `last` (all but the straight and bowed
        /// ones unless told) that crosses fewest lines, and fewer than `limit`, by the order the
        /// ways are made (the first of those that cross none); with `short`, only ways no longer
        /// than `ClinicalRoutes.longest`.
        func fewestClearWay(_ number: Int, below limit: Int, from first: Int = simple, upTo last: Int = ClinicalRoutes.wayCount,
                            short: Bool = false) -> (count: Int, index: Int, shape: [Point])? {
            let line = lines[number]
            guard let start = obstacles[line.tail], let end = obstacles[line.head] else { return nil }
            let longest = short ? ClinicalRoutes.longest(from: start.centre, to: end.centre) : .infinity
            var blockers = blockers(from: line.tail, to: line.head)
            var best: (count: Int, index: Int, shape: [Point])?
            for index in first..<last {
                let fewest = best?.count ?? limit
                let at = number * ClinicalRoutes.wayCount + index
                guard clearness[at] >= 0 else { continue }
                let curve = ClinicalRoutes.way(index, from: start.centre, to: end.centre)
                if clearness[at] == 0 && meetsLikelyBlocker(curve, start: start, end: end, blockers: blockers) {
                    clearness[at] = -1
                    continue
                }
                // Counted first on a coarse polyline, then on the one kept.
                guard crossings(ClinicalRoutes.polyline(curve, samples: 6), number, limit: fewest) < fewest else { continue }
                let shape = ClinicalRoutes.polyline(curve)
                let count = crossings(shape, number, limit: fewest)
                guard count < fewest, !short || ClinicalRoutes.length(shape) <= longest,
                      isClear(number, index, curve, blockers: &blockers) else { continue }
                best = (count, index, shape)
                if count == 0 { break }
            }
            return best
        }
        var crossing = Set(lines.indices)
        for _ in 0..<2 {
            for (number, line) in lines.enumerated() where crossing.contains(number) {
                guard line.tail != line.head, let start = obstacles[line.tail], let end = obstacles[line.head] else { continue }
                var blockers = blockers(from: line.tail, to: line.head)
                var best: (count: Int, index: Int, shape: [Point])?
                for index in 0..<simple {
                    let curve = ClinicalRoutes.way(index, from: start.centre, to: end.centre)
                    // A straight way is one segment; a bowed one, 16.
                    let shape = index == 0 ? [start.centre, end.centre] : ClinicalRoutes.polyline(curve)
                    // Counted first (cheap), checked for a clear way only when it would be better.
                    let count = crossings(shape, number, limit: best?.count ?? Int.max)
                    guard best.map({ count < $0.count }) ?? true, isClear(number, index, curve, blockers: &blockers) else { continue }
                    best = (count, index, shape)
                    if count == 0 { break }
                }
                // No straight or bowed way is clear: the clear way, of all, that crosses fewest,
                // so the lines chosen after this one see where it really runs.
                if best == nil { best = fewestClearWay(number, below: Int.max) }
                guard let best else { continue }
                if best.count == 0 { crossing.remove(number) }
                chosen.indices[line.tail + " " + line.head] = best.index
                shapes[number] = best.shape
                boxes[number] = box(best.shape)
            }
        }
        // Lines that still cross try every way, further out too; a way is taken only when it
        // crosses fewer lines, so no other line gains a crossing.
        for (number, line) in lines.enumerated() where crossing.contains(number) {
            guard line.tail != line.head else { continue }
            let fewest = crossings(shapes[number], number, limit: Int.max)
            guard fewest > 0, let better = fewestClearWay(number, below: fewest, short: true) else { continue }
            chosen.indices[line.tail + " " + line.head] = better.index
            shapes[number] = better.shape
            boxes[number] = box(better.shape)
        }
        // Lines that still cross look for a path on the grid (`gridCurves`), which goes where
        // no way above can: out of a narrow gap, then round a part.
        func crossed(_ polyline: [Point], _ number: Int) -> [Int] {
            let own = box(polyline)
            let mine = ends[number]
            return shapes.indices.filter { other in
                let near = boxes[other]
                return other != number && near.maxX >= own.minX && near.minX <= own.maxX && near.maxY >= own.minY && near.minY <= own.maxY
                    && shapes[other].count > 1 && !ends[other].contains(where: mine.contains)
                    && ClinicalRoutes.polylinesCross(polyline, shapes[other])
            }
        }
        // Squares the grid searches may look at, for all lines together.
        var gridBudget = ClinicalRoutes.gridBudget
        /// The first clear curve from the grid for line `number`, where crossing line `n` costs
        /// `weight(n)`, with the lines it crosses.
        func gridWay(_ number: Int, crossing allowed: Int, weight: (Int) -> Double = { _ in 1 }) -> (curve: [Point], shape: [Point], crosses: [Int])? {
            let line = lines[number]
            let mine = ends[number]
            let others = shapes.indices.filter { $0 != number && shapes[$0].count > 1 && !ends[$0].contains(where: mine.contains) }
            guard let a = obstacles[line.tail]?.centre, let b = obstacles[line.head]?.centre else { return nil }
            let longest = ClinicalRoutes.longest(from: a, to: b)
            for curve in gridCurves(from: line.tail, to: line.head, longest: longest, crossings: allowed,
                                    lines: others.map { (shapes[$0], weight($0)) }, budget: &gridBudget) {
                let shape = ClinicalRoutes.polyline(curve)
                guard ClinicalRoutes.length(shape) <= longest, self.isClear(curve, from: line.tail, to: line.head) else { continue }
                return (curve, shape, crossed(shape, number))
            }
            return nil
        }
        func take(_ number: Int, curve: [Point], shape: [Point]) {
            let line = lines[number]
            guard let a = obstacles[line.tail]?.centre, let b = obstacles[line.head]?.centre else { return }
            chosen.own[line.tail + " " + line.head] = OwnWay(curve: curve, from: a, to: b)
            shapes[number] = shape
            boxes[number] = box(shape)
        }
        for (number, line) in lines.enumerated() where crossing.contains(number) && line.tail != line.head {
            let count = crossings(shapes[number], number, limit: Int.max)
            guard count > 0, let better = gridWay(number, crossing: count - 1), better.crosses.count < count else { continue }
            take(number, curve: better.curve, shape: better.shape)
        }
        // A line that still crosses may be boxed in by a line that went round it to keep off
        // its first way (on a generated 60-part map, a "triggers" line looped round an exile
        // and left the exile's line to Self no way out). Such a line tries a path that crosses
        // other lines (crossing the ones it crosses now costs ten times as much); it is taken
        // when each line it then crosses finds a way crossing fewer, and the crossings of all
        // lines together go down.
        /// Pairs of lines that cross.
        func total() -> Int { shapes.indices.reduce(0) { $0 + crossings(shapes[$1], $1, limit: Int.max) } / 2 }
        var before: Int?
        for (number, line) in lines.enumerated() where crossing.contains(number) && line.tail != line.head {
            let now = crossed(shapes[number], number)
            guard !now.isEmpty, let other = gridWay(number, crossing: now.count, weight: { now.contains($0) ? 10 : 1 }),
                  Set(other.crosses) != Set(now) else { continue }
            let saved = (shapes, boxes, chosen)
            let was = before ?? total()
            take(number, curve: other.curve, shape: other.shape)
            for moved in other.crosses where lines[moved].tail != lines[moved].head {
                let count = crossings(shapes[moved], moved, limit: Int.max)
                guard count > 0 else { continue }
                if let better = fewestClearWay(moved, below: count, from: 0, upTo: simple) {
                    let key = lines[moved].tail + " " + lines[moved].head
                    chosen.own[key] = nil
                    chosen.indices[key] = better.index
                    shapes[moved] = better.shape
                    boxes[moved] = box(better.shape)
                } else if let better = gridWay(moved, crossing: count - 1), better.crosses.count < count {
                    take(moved, curve: better.curve, shape: better.shape)
                }
            }
            let after = total()
            if after < was {
                before = after
            } else {
                (shapes, boxes, chosen) = saved
                before = was
            }
        }
        return chosen
    }

    /// The longest a line from `a` to `b` may wind round to cross fewer lines: one that winds
    /// far round is harder to follow than a crossing (half as long again as straight, and 200
    /// points; an allied line of 270 points once looped 680 round an exile).
    static func longest(from a: Point, to b: Point) -> Double {
        ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot() * 1.5 + 200
    }

    /// The length of a polyline.
    static func length(_ polyline: [Point]) -> Double {
        zip(polyline, polyline.dropFirst()).reduce(0) { $0 + (($1.1.x - $1.0.x) * ($1.1.x - $1.0.x) + ($1.1.y - $1.0.y) * ($1.1.y - $1.0.y)).squareRoot() }
    }

    /// Whether any segment of one polyline crosses any segment of the other.
    static func polylinesCross(_ first: [Point], _ second: [Point]) -> Bool {
        first.withUnsafeBufferPointer { p in
            second.withUnsafeBufferPointer { q in
                guard p.count > 1, q.count > 1 else { return false }
                // The second polyline's box: most segments of the first are nowhere near it.
                var (qLowX, qHighX, qLowY, qHighY) = (q[0].x, q[0].x, q[0].y, q[0].y)
                for point in q.dropFirst() {
                    (qLowX, qHighX) = (min(qLowX, point.x), max(qHighX, point.x))
                    (qLowY, qHighY) = (min(qLowY, point.y), max(qHighY, point.y))
                }
                for i in 1..<p.count {
                    let (a, b) = (p[i - 1], p[i])
                    let (lowX, highX) = (min(a.x, b.x), max(a.x, b.x))
                    let (lowY, highY) = (min(a.y, b.y), max(a.y, b.y))
                    if highX < qLowX || lowX > qHighX || highY < qLowY || lowY > qHighY { continue }
                    for j in 1..<q.count {
                        let (c, d) = (q[j - 1], q[j])
                        // Segments whose boxes are apart cannot cross.
                        if max(c.x, d.x) < lowX || min(c.x, d.x) > highX || max(c.y, d.y) < lowY || min(c.y, d.y) > highY { continue }
                        if ClinicalLayout.cross(a, b, c, d) { return true }
                    }
                }
                return false
            }
        }
    }

    /// What a line may not cross: every shape but its own ends, each with its box (plus the
    /// margin) for a quick test before the exact one. Looked up once per line, not per try.
    struct Blocker {
        var obstacle: Obstacle
        var minX, maxX, minY, maxY: Double

        /// Whether `point` is inside the shape with its margin (its box first: most points are
        /// far from it).
        @inline(__always)
        func holds(_ point: Point) -> Bool {
            point.x >= minX && point.x <= maxX && point.y >= minY && point.y <= maxY && ClinicalRoutes.inside(point, obstacle, margin: 4)
        }
    }

    /// Every blocker but those of the line's ends, in name order. The ends are found by binary
    /// search (`named` is sorted by name): this runs for every line several times.
    func blockers(from: String, to: String) -> [Blocker] {
        func place(of name: String) -> Int? {
            var (low, high) = (0, named.count)
            while low < high {
                let middle = (low + high) / 2
                if named[middle].name < name { low = middle + 1 } else { high = middle }
            }
            return low < named.count && named[low].name == name ? low : nil
        }
        let skipped = [place(of: from), place(of: to)].compactMap { $0 }.sorted()
        var result: [Blocker] = []
        result.reserveCapacity(named.count)
        var next = 0
        for end in skipped + [named.count] where end >= next {
            for n in next..<end { result.append(named[n].blocker) }
            next = end + 1
        }
        return result
    }

    /// Whether `curve` runs through the first blocker (the one met last), tested on a few
    /// points only: ways tried one after another often run into the same part.
    private func meetsLikelyBlocker(_ curve: [Point], start: Obstacle, end: Obstacle, blockers: [Blocker]) -> Bool {
        guard let likely = blockers.first else { return false }
        // The curve stays inside the box of its control points: a part beyond it is not met.
        guard curve.contains(where: { $0.x >= likely.minX }), curve.contains(where: { $0.x <= likely.maxX }),
              curve.contains(where: { $0.y >= likely.minY }), curve.contains(where: { $0.y <= likely.maxY }) else { return false }
        let count = 16 * ClinicalRoutes.pieces(curve)
        return curve.withUnsafeBufferPointer { curve in
            for k in 0...count {
                let point = ClinicalRoutes.point(curve, Double(k) / 16)
                if likely.holds(point) && !ClinicalRoutes.inside(point, start) && !ClinicalRoutes.inside(point, end) {
                    return true
                }
            }
            return false
        }
    }

    /// The samples of `curve` (about every 4 points), their times, and the first and last
    /// outside both ends' shapes, when that part of the curve runs clear of every blocker.
    /// A blocker hit moves to the front, where the next way tried (often beside this one) meets
    /// it first.
    /// With `clear`, the curve is known to miss every blocker (checked before): only its
    /// samples are worked out.
    func visible(_ curve: [Point], from: String, to: String, blockers: inout [Blocker], clear: Bool = false)
        -> (samples: [Point], times: [Double], first: Int, last: Int)? {
        guard let start = obstacles[from], let end = obstacles[to] else { return nil }
        guard clear || !meetsLikelyBlocker(curve, start: start, end: end, blockers: blockers) else { return nil }
        // The curve stays inside the box of its control points: only blockers near it can be hit.
        let corner = curve.first ?? Point(x: 0, y: 0)
        var (lowX, highX, lowY, highY) = (corner.x, corner.x, corner.y, corner.y)
        for point in curve.dropFirst() {
            (lowX, highX) = (min(lowX, point.x), max(highX, point.x))
            (lowY, highY) = (min(lowY, point.y), max(highY, point.y))
        }
        func near(_ other: Blocker) -> Bool { other.maxX >= lowX && other.minX <= highX && other.maxY >= lowY && other.minY <= highY }
        if !clear {
            // A few points first, against every blocker near: most ways that run into a part
            // are told here, before the curve is sampled every few points.
            let coarse = curve.withUnsafeBufferPointer { curve in
                (0...(16 * ClinicalRoutes.pieces(curve.count))).map { ClinicalRoutes.point(curve, Double($0) / 16) }
                    .filter { !ClinicalRoutes.inside($0, start) && !ClinicalRoutes.inside($0, end) }
            }
            if let hit = blockers.firstIndex(where: { other in near(other) && coarse.contains(where: other.holds) }) {
                blockers.swapAt(0, hit)
                return nil
            }
        }
        // Samples about every 4 points along the ends of each piece, so no part slips between
        // two of them.
        var length = 0.0
        for n in 0..<ClinicalRoutes.pieces(curve) {
            let (a, b) = (curve[3 * n], curve[3 * n + 3])
            length += ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
        }
        let pieces = Double(ClinicalRoutes.pieces(curve))
        let count = max(48, Int(length / 4))
        let times = (0...count).map { pieces * Double($0) / Double(count) }
        var samples: [Point] = []
        samples.reserveCapacity(count + 1)
        curve.withUnsafeBufferPointer { curve in
            for time in times { samples.append(ClinicalRoutes.point(curve, time)) }
        }
        guard let first = samples.firstIndex(where: { !ClinicalRoutes.inside($0, start) }),
              let last = samples.lastIndex(where: { !ClinicalRoutes.inside($0, end) }), first < last else { return nil }
        guard !clear else { return (samples, times, first, last) }
        // The samples in runs of 16, each with its box: a blocker is tested only against the
        // samples of runs whose box meets its own (a long line has hundreds of samples).
        var runs: [(start: Int, end: Int, minX: Double, maxX: Double, minY: Double, maxY: Double)] = []
        runs.reserveCapacity((last - first) / 16 + 1)
        var next = first
        while next <= last {
            let end = min(last, next + 15)
            var run = (start: next, end: end, minX: samples[next].x, maxX: samples[next].x, minY: samples[next].y, maxY: samples[next].y)
            for point in samples[next...end] {
                run.minX = min(run.minX, point.x)
                run.maxX = max(run.maxX, point.x)
                run.minY = min(run.minY, point.y)
                run.maxY = max(run.maxY, point.y)
            }
            runs.append(run)
            next = end + 1
        }
        let hit = blockers.firstIndex { other in
            near(other) && runs.contains { run in
                other.maxX >= run.minX && other.minX <= run.maxX && other.maxY >= run.minY && other.minY <= run.maxY
                    && samples[run.start...run.end].contains(where: other.holds)
            }
        }
        guard let hit else { return (samples, times, first, last) }
        blockers.swapAt(0, hit)
        return nil
    }

    /// How many ways `way` gives for a line: straight, 8 bows, 4 S-shapes, 200 curves through
    /// points beside the line, and 168 pairs of curves joined beside it.
    static let wayCount = 13 + 200 + 168

    /// The way number `index` (of `wayCount`, in order of preference) for a line from `start`
    /// to `end`: the control points of a cubic Bézier curve (4), or of two joined smoothly (7).
    /// Made one at a time: most lines take the first or second way tried.
    static func way(_ index: Int, from start: Point, to end: Point) -> [Point] {
        let (dx, dy) = (end.x - start.x, end.y - start.y)
        let length = max(1, (dx * dx + dy * dy).squareRoot())
        let (nx, ny) = (-dy / length, dx / length)
        func at(_ along: Double, _ across: Double) -> Point {
            Point(x: start.x + dx * along + nx * across, y: start.y + dy * along + ny * across)
        }
        switch index {
        case 0:
            return [start, at(1.0 / 3, 0), at(2.0 / 3, 0), end]
        case 1...8:
            // Bowed to either side ever more.
            let b = Double((index - 1) / 2 + 1) * 0.12 * length * (index % 2 == 1 ? 1 : -1)
            return [start, at(1.0 / 3, b), at(2.0 / 3, b), end]
        case 9...12:
            // S-shaped.
            let b = Double((index - 9) / 2 + 1) * 0.2 * length * (index % 2 == 1 ? 1 : -1)
            return [start, at(1.0 / 3, b), at(2.0 / 3, -b), end]
        case 13...212:
            // Through points further out on either side (a cubic with both controls at P
            // passes through W = (start + end) / 8 + 3P / 4 half way).
            let k = index - 13
            let along = [0.5, 0.3, 0.7, 0.15, 0.85][(k / 2) % 5]
            let through = at(along, (k % 2 == 0 ? 1 : -1) * Double(k / 10 + 1) * 40)
            let control = Point(x: (through.x - (start.x + end.x) / 8) * 4 / 3, y: (through.y - (start.y + end.y) / 8) * 4 / 3)
            return [start, control, control, end]
        default:
            // Two curves joined at a point beside the line, running parallel to it there: these
            // turn round a part near one end, where one curve would swing too wide.
            let k = index - 213
            let along = [0.1, 0.9, 0.2, 0.8, 0.35, 0.65, 0.5][(k / 2) % 7]
            let through = at(along, (k % 2 == 0 ? 1 : -1) * Double(k / 14 + 1) * 20)
            let (ux, uy) = (dx / length, dy / length)
            let (first, second) = (along * length / 3, (1 - along) * length / 3)
            func third(_ from: Point) -> Point { Point(x: from.x + (through.x - from.x) / 3, y: from.y + (through.y - from.y) / 3) }
            return [start, third(start), Point(x: through.x - ux * first, y: through.y - uy * first), through,
                    Point(x: through.x + ux * second, y: through.y + uy * second), third(end), end]
        }
    }

    /// How many cubic pieces a curve of control points has (4 points: one; 7: two).
    static func pieces(_ curve: [Point]) -> Int { pieces(curve.count) }

    /// How many cubic pieces `count` control points make.
    static func pieces(_ count: Int) -> Int { max(1, (count - 1) / 3) }

    /// The control points of the part of a curve between times `t0` and `t1` (piece `n` runs
    /// from time `n` to `n + 1`).
    static func piece(of curve: [Point], from t0: Double, to t1: Double) -> [Point] {
        let count = pieces(curve)
        let (first, last) = (min(count - 1, Int(t0)), min(count - 1, Int(t1)))
        guard first != last else {
            let cubic = Array(curve[(3 * first)...(3 * first + 3)])
            return cubicPiece(of: cubic, from: t0 - Double(first), to: t1 - Double(first))
        }
        var result = cubicPiece(of: Array(curve[(3 * first)...(3 * first + 3)]), from: t0 - Double(first), to: 1)
        for middle in (first + 1)..<last { result += curve[(3 * middle + 1)...(3 * middle + 3)] }
        result += cubicPiece(of: Array(curve[(3 * last)...(3 * last + 3)]), from: 0, to: t1 - Double(last)).dropFirst()
        return result
    }

    /// The control points of the part of one cubic Bézier curve between `t0` and `t1`.
    private static func cubicPiece(of curve: [Point], from t0: Double, to t1: Double) -> [Point] {
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

    /// A curve as a polyline of `samples` segments a piece, for counting crossings.
    static func polyline(_ curve: [Point], samples: Int = 16) -> [Point] {
        let count = pieces(curve)
        return curve.withUnsafeBufferPointer { curve in (0...(samples * count)).map { point(curve, Double($0) / Double(samples)) } }
    }

    /// The point of a curve at time `t` (piece `n` runs from time `n` to `n + 1`).
    static func point(_ curve: [Point], _ t: Double) -> Point {
        curve.withUnsafeBufferPointer { point($0, t) }
    }

    /// `point(_:_:)` on the curve's control points in place: the routers sample hundreds of
    /// thousands of points on 60 parts.
    @inline(__always)
    static func point(_ curve: UnsafeBufferPointer<Point>, _ t: Double) -> Point {
        let n = min(max(1, (curve.count - 1) / 3) - 1, max(0, Int(t)))
        let (u, i) = (t - Double(n), 3 * n)
        let (a, b, c, d) = ((1 - u) * (1 - u) * (1 - u), 3 * (1 - u) * (1 - u) * u, 3 * (1 - u) * u * u, u * u * u)
        return Point(x: a * curve[i].x + b * curve[i + 1].x + c * curve[i + 2].x + d * curve[i + 3].x,
                     y: a * curve[i].y + b * curve[i + 1].y + c * curve[i + 2].y + d * curve[i + 3].y)
    }
}
