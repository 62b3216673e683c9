/// The last resort of the clinical layout's router: a line that still crosses others after every
/// way `way` makes was tried looks for a path on a grid of small squares over the picture,
/// round every part, paying for each other line it crosses; the path, pulled straight where it
/// can be and smoothed, becomes a curve of its own.
///
/// The ways `way` makes are single curves and pairs of curves from end to end: they cannot
/// leave a part by a narrow gap and then turn round another (on a generated 60-part map, a
/// "triggers" line had to cross a polarized line for want of such a way).
extension ClinicalRoutes {
    /// A curve of a line's own, kept relative to its ends (`x` along the line, `y` across it,
    /// both in lengths of the line), so it follows them when the parts move closer for paper.
    struct OwnWay: Equatable, Sendable {
        var relative: [Point]

        /// The control points for a line from `start` to `end`.
        func curve(from start: Point, to end: Point) -> [Point] {
            let (dx, dy) = (end.x - start.x, end.y - start.y)
            return relative.map { Point(x: start.x + dx * $0.x - dy * $0.y, y: start.y + dy * $0.x + dx * $0.y) }
        }

        init(curve: [Point], from start: Point, to end: Point) {
            let (dx, dy) = (end.x - start.x, end.y - start.y)
            let square = max(1e-9, dx * dx + dy * dy)
            relative = curve.map { point in
                let (px, py) = (point.x - start.x, point.y - start.y)
                return Point(x: (px * dx + py * dy) / square, y: (py * dx - px * dy) / square)
            }
        }
    }

    /// How many squares the grid searches of one map may look at in all, at about 600
    /// instructions each. The test suite's generated 60-part map with the most crossings to undo
    /// (8) looks at fewer.
    static let gridBudget = 300_000

    /// Side of a grid square, in points, where the window is small enough.
    static let gridCell = 16.0
    /// What entering a square of another line's path costs, in points of length: a line is
    /// three squares wide on the grid, so a crossing costs about as much as a detour of 600
    /// points.
    static let gridCrossingCost = 200.0

    /// Curves for the line from `from` to `to` that go round every part (smoothest first),
    /// from the cheapest path on the grid, where `lines` (polylines, with what crossing each
    /// costs, as a multiple of `gridCrossingCost`) are paid for, no longer than `longest` points
    /// and crossing at most `crossings` lines of weight 1. Empty when no path is found.
    ///
    /// The search stops once every path left would cost more than such a path can, or when
    /// `budget` squares have been looked at (shared by all the lines of a map).
    func gridCurves(from: String, to: String, longest: Double, crossings: Int, lines: [(polyline: [Point], weight: Double)],
                    budget: inout Int) -> [[Point]] {
        guard let start = obstacles[from], let end = obstacles[to], budget > 0 else { return [] }
        // The grid covers where a curve no longer than `longest` can go: within `reach` of the
        // straight line.
        let (a, b) = (start.centre, end.centre)
        let direct = ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
        let reach = max(0, longest * longest / 4 - direct * direct / 4).squareRoot() + 2 * ClinicalRoutes.gridCell
        let low = Point(x: min(a.x, b.x) - reach, y: min(a.y, b.y) - reach)
        let high = Point(x: max(a.x, b.x) + reach, y: max(a.y, b.y) + reach)
        // Squares of 16 points, larger for a long line's wide window (at most about 24,000).
        let cell = max(ClinicalRoutes.gridCell, ((high.x - low.x) * (high.y - low.y) / 24_000).squareRoot())
        let columns = Int(((high.x - low.x) / cell).rounded(.up)) + 1
        let rows = Int(((high.y - low.y) / cell).rounded(.up)) + 1
        guard columns > 1, rows > 1, columns * rows <= 400_000 else { return [] }
        func index(_ point: Point) -> Int? {
            let (column, row) = (Int(((point.x - low.x) / cell).rounded(.down)), Int(((point.y - low.y) / cell).rounded(.down)))
            guard column >= 0, column < columns, row >= 0, row < rows else { return nil }
            return row * columns + column
        }
        func centre(_ square: Int) -> Point {
            Point(x: low.x + (Double(square % columns) + 0.5) * cell, y: low.y + (Double(square / columns) + 0.5) * cell)
        }
        // Squares inside a part (with a margin), but for the line's own ends.
        var blocked = [Bool](repeating: false, count: columns * rows)
        for (name, blocker) in named where name != from && name != to && blocker.maxX >= low.x && blocker.minX <= high.x
            && blocker.maxY >= low.y && blocker.minY <= high.y {
            func clamped(_ value: Double, _ origin: Double, _ count: Int) -> Int { min(count - 1, max(0, Int(((value - origin) / cell).rounded(.down)))) }
            for row in clamped(blocker.minY - cell, low.y, rows)...clamped(blocker.maxY + cell, low.y, rows) {
                for column in clamped(blocker.minX - cell, low.x, columns)...clamped(blocker.maxX + cell, low.x, columns) {
                    let square = row * columns + column
                    if ClinicalRoutes.inside(centre(square), blocker.obstacle, margin: 4 + cell * 0.75) { blocked[square] = true }
                }
            }
        }
        // What entering each square costs for the lines there, each line counted once a square.
        var toll = [Double](repeating: 0, count: columns * rows)
        var marked = [Int32](repeating: -1, count: columns * rows)
        for (number, line) in lines.enumerated() {
            // Most lines are nowhere near the window.
            guard line.polyline.contains(where: { $0.x >= low.x }), line.polyline.contains(where: { $0.x <= high.x }),
                  line.polyline.contains(where: { $0.y >= low.y }), line.polyline.contains(where: { $0.y <= high.y }) else { continue }
            let cost = ClinicalRoutes.gridCrossingCost / cell * line.weight
            func mark(_ square: Int) {
                guard marked[square] != Int32(number) else { return }
                marked[square] = Int32(number)
                toll[square] += cost
            }
            for (a, b) in zip(line.polyline, line.polyline.dropFirst()) {
                guard max(a.x, b.x) >= low.x, min(a.x, b.x) <= high.x, max(a.y, b.y) >= low.y, min(a.y, b.y) <= high.y else { continue }
                let length = ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
                let steps = max(1, Int(length / (cell / 3)))
                for step in 0...steps {
                    let t = Double(step) / Double(steps)
                    guard let square = index(Point(x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t)) else { continue }
                    // Three squares wide, so no diagonal step slips between two of its squares.
                    mark(square)
                    let (row, column) = (square / columns, square % columns)
                    if column > 0 { mark(square - 1) }
                    if column + 1 < columns { mark(square + 1) }
                    if row > 0 { mark(square - columns) }
                    if row + 1 < rows { mark(square + columns) }
                }
            }
        }
        // Squares up to three from a line cost a little more to pass: a path keeps its distance
        // from lines it runs beside (the lines' squares spread along rows, then columns).
        var across = [Bool](repeating: false, count: columns * rows)
        for row in 0..<rows {
            var last = -10
            for column in 0..<columns where toll[row * columns + column] > 0 {
                let reach = min(columns - 1, column + 3)
                for k in max(0, last + 1, column - 3)..<(reach + 1) { across[row * columns + k] = true }
                last = reach
            }
        }
        var near = [Bool](repeating: false, count: columns * rows)
        for column in 0..<columns {
            var last = -10
            for row in 0..<rows where across[row * columns + column] {
                let reach = min(rows - 1, row + 3)
                for k in max(0, last + 1, row - 3)..<(reach + 1) { near[k * columns + column] = true }
                last = reach
            }
        }
        guard let source = index(start.centre), index(end.centre) != nil else { return [] }
        // A*: the distance to the head's centre never overestimates what is left.
        var cost = [Double](repeating: .infinity, count: columns * rows)
        var parent = [Int32](repeating: -1, count: columns * rows)
        var heap = BucketQueue()
        var done = [Bool](repeating: false, count: columns * rows)
        cost[source] = 0
        heap.push(0, source)
        let target = end.centre
        func estimate(_ square: Int) -> Double {
            let point = centre(square)
            return max(0, ((point.x - target.x) * (point.x - target.x) + (point.y - target.y) * (point.y - target.y)).squareRoot() / cell
                - min(end.size.width, end.size.height) / 2 / cell)
        }
        let steps: [(dx: Int, dy: Int, length: Double)] = [(1, 0, 1), (-1, 0, 1), (0, 1, 1), (0, -1, 1),
                                                           (1, 1, 2.0.squareRoot()), (1, -1, 2.0.squareRoot()),
                                                           (-1, 1, 2.0.squareRoot()), (-1, -1, 2.0.squareRoot())]
        // A crossing enters at most 5 of a line's squares; a step near a line costs 1.5.
        let bound = longest / cell * 1.5 + Double(crossings) * 5 * ClinicalRoutes.gridCrossingCost / cell
        var reached: Int?
        while budget > 0, let (priority, square) = heap.pop(), priority <= bound {
            guard !done[square] else { continue }
            done[square] = true
            budget -= 1
            if ClinicalRoutes.inside(centre(square), end) { reached = square; break }
            let (row, column) = (square / columns, square % columns)
            for step in steps {
                let (nextRow, nextColumn) = (row + step.dy, column + step.dx)
                guard nextRow >= 0, nextRow < rows, nextColumn >= 0, nextColumn < columns else { continue }
                let next = nextRow * columns + nextColumn
                guard !blocked[next], !done[next] else { continue }
                let value = cost[square] + step.length * (near[next] ? 1.5 : 1) + toll[next]
                guard value < cost[next] else { continue }
                cost[next] = value
                parent[next] = Int32(square)
                heap.push(value + estimate(next), next)
            }
        }
        guard let reached else { return [] }
        var path: [Int] = []
        var at = reached
        while at != source {
            path.append(at)
            at = Int(parent[at])
        }
        path.reverse()
        let onPath = Set(path)
        // The path's corners, pulled straight wherever the straight way stays off the parts and
        // meets no line the path does not meet there.
        // Only the squares where the path turns: the pulling below tests straight ways from each
        // corner on, and a path of a hundred squares has a dozen turns.
        let outside = path.filter { !ClinicalRoutes.inside(centre($0), start) && !ClinicalRoutes.inside(centre($0), end) }
        var turns: [Int] = []
        for (k, square) in outside.enumerated() {
            guard k > 0, k + 1 < outside.count else { turns.append(square); continue }
            let (before, after) = (outside[k - 1], outside[k + 1])
            if square - before != after - square { turns.append(square) }
        }
        var points = [start.centre] + turns.map(centre) + [end.centre]
        func straight(_ a: Point, _ b: Point) -> Bool {
            let length = ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
            let count = max(1, Int(length / (cell / 2)))
            for step in 0...count {
                let t = Double(step) / Double(count)
                let point = Point(x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t)
                if ClinicalRoutes.inside(point, start) || ClinicalRoutes.inside(point, end) { continue }
                guard let square = index(point), !blocked[square], toll[square] == 0 || onPath.contains(square) else { return false }
            }
            return true
        }
        var corners = [points[0]]
        var i = 0
        while i < points.count - 1 {
            var j = i + 1
            while j + 1 < points.count && straight(points[i], points[j + 1]) { j += 1 }
            corners.append(points[j])
            i = j
        }
        // Two corners close together (round the corner of a part) become one between them,
        // where the straight ways to it allow: close corners make a kink once smoothed.
        var k = 1
        while k + 2 < corners.count {
            let (a, b) = (corners[k], corners[k + 1])
            let middle = Point(x: (a.x + b.x) / 2, y: (a.y + b.y) / 2)
            if ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot() < 4 * cell,
               straight(corners[k - 1], middle), straight(middle, corners[k + 2]) {
                corners.replaceSubrange(k...(k + 1), with: [middle])
            } else {
                k += 1
            }
        }
        points = corners
        guard points.count > 2 else { return [] }  // straight: one of `way`'s ways already
        // Smoothed through the corners (Catmull-Rom), less and less, down to straight pieces.
        return [1.0 / 6, 1.0 / 12, 0].map { tension in
            var curve = [points[0]]
            for k in 0..<(points.count - 1) {
                let before = points[max(0, k - 1)], (a, b) = (points[k], points[k + 1]), after = points[min(points.count - 1, k + 2)]
                curve.append(Point(x: a.x + (b.x - before.x) * tension, y: a.y + (b.y - before.y) * tension))
                curve.append(Point(x: b.x - (after.x - a.x) * tension, y: b.y - (after.y - a.y) * tension))
                curve.append(b)
            }
            return curve
        }
    }

    /// Whether `curve` runs clear of every part but its ends (as `pos` will draw it).
    func isClear(_ curve: [Point], from: String, to: String) -> Bool {
        var blockers = blockers(from: from, to: to)
        return visible(curve, from: from, to: to, blockers: &blockers) != nil
    }
}

/// The squares A* is to look at next, cheapest first, by their cost in quarters of a square
/// (a bucket per quarter): pushing and taking cost the same however many squares wait, where a
/// binary heap took about 600 instructions a square on a 60-part map.
private struct BucketQueue {
    private var buckets: [[Int32]] = []
    private var current = 0
    private static let scale = 4.0

    mutating func push(_ priority: Double, _ square: Int) {
        let index = max(current, Int(priority * BucketQueue.scale))
        if index >= buckets.count { buckets.append(contentsOf: repeatElement([], count: index - buckets.count + 1)) }
        buckets[index].append(Int32(square))
    }

    /// The cheapest square waiting (the last pushed among equals) and its cost, rounded down.
    mutating func pop() -> (Double, Int)? {
        while current < buckets.count {
            if let square = buckets[current].popLast() { return (Double(current) / BucketQueue.scale, Int(square)) }
            current += 1
        }
        return nil
    }
}
