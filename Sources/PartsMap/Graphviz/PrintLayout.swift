/// The clinical layout made ready for paper (`--page`): the same picture, drawn closer together.
///
/// On screen the clinical layout leaves generous room round its parts and stretches toward a
/// square; on a page that room is what shrinks the text. So for a page every centre is moved
/// toward Self, across and down by separate factors, as far as it goes while every two parts
/// (and notes) keep clear of each other, choosing the factors that let the page print the
/// drawing largest. Only the spaces shrink: sizes, order and neighbours stay, so the printed
/// picture is the one on screen.
extension ClinicalGeometry {
    /// Room kept between two parts (or a part and Self), in points: enough for a line and its head.
    static let printGapBetweenParts = 16.0
    /// Room kept round a note.
    static let printGapAroundNotes = 8.0

    /// Moves the centres closer for `page` and returns the new bounds of the map (parts, Self,
    /// notes). `above` is the height the title adds over the map, `titleWidth` its width;
    /// `legend` the legend that will go beside or under it.
    mutating func compactForPrint(on page: DOTOptions.PageSize, links: [ClinicalLayout.Link], above: Double, titleWidth: Double,
                                  legend: DOTWriter.LegendMeasures?) -> (low: ClinicalLayout.Point, high: ClinicalLayout.Point) {
        let names = centres.keys.filter { sizes[$0] != nil }.sorted()
        let index = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        // The lines (through their notes): moving closer must leave each a clear path where it
        // had one on screen, or Graphviz would route it, in wide detours.
        var segments: [(Int, Int)] = []
        for (number, link) in links.enumerated() {
            guard let from = index[link.from], let to = index[link.to], from != to else { continue }
            if runsThroughNote(number), let note = index[ClinicalGeometry.noteName(number)] {
                segments += [(from, note), (note, to)]
            } else {
                segments.append((from, to))
            }
        }
        let origin = centres[ClinicalLayout.selfName] ?? ClinicalLayout.Point(x: 0, y: 0)
        let boxes = names.map { sizes[$0] ?? .init(width: 0, height: 0) }
        let start = names.map { centres[$0] ?? origin }
        let gaps = names.map { $0.hasPrefix("note_") ? ClinicalGeometry.printGapAroundNotes : ClinicalGeometry.printGapBetweenParts }
        let fixed = names.firstIndex(of: ClinicalLayout.selfName)
        func bounds(_ points: [ClinicalLayout.Point]) -> (low: ClinicalLayout.Point, high: ClinicalLayout.Point) {
            var low = ClinicalLayout.Point(x: Double.infinity, y: Double.infinity)
            var high = ClinicalLayout.Point(x: -Double.infinity, y: -Double.infinity)
            for (point, size) in zip(points, boxes) {
                low = .init(x: min(low.x, point.x - size.width / 2), y: min(low.y, point.y - size.height / 2))
                high = .init(x: max(high.x, point.x + size.width / 2), y: max(high.y, point.y + size.height / 2))
            }
            return (low, high)
        }
        // The lines whose straight way (through their notes) runs into a part or note. Moving
        // closer must not block a line that was clear on screen: it would have to bend round,
        // or be left to Graphviz's router, which takes wide detours.
        func blocked(_ points: [ClinicalLayout.Point]) -> Set<Int> {
            Set(segments.indices.filter { number in
                let (a, b) = segments[number]
                return points.indices.contains { other in
                    other != a && other != b && ClinicalGeometry.crosses(points[a], points[b], centre: points[other], size: boxes[other], inset: -6)
                }
            })
        }
        func scale(_ box: (low: ClinicalLayout.Point, high: ClinicalLayout.Point)) -> Double {
            let (width, height) = (max(box.high.x - box.low.x, titleWidth), box.high.y - box.low.y + above)
            guard let legend else { return PageFit.bestScale(width: width / 72, height: height / 72, page: page) }
            let pictures = DOTWriter.withLegend(legend, width: width, height: height)
            return max(PageFit.bestScale(width: pictures.beside.width / 72, height: pictures.beside.height / 72, page: page),
                       PageFit.bestScale(width: pictures.under.width / 72, height: pictures.under.height / 72, page: page))
        }
        // The bounds with the bends of the lines that cannot run straight.
        func drawnBounds(_ points: [ClinicalLayout.Point], bent: Set<Int>) -> (low: ClinicalLayout.Point, high: ClinicalLayout.Point) {
            var (low, high) = bounds(points)
            guard !bent.isEmpty else { return (low, high) }
            var moved = self
            for (name, point) in zip(names, points) { moved.centres[name] = point }
            let routes = moved.routes
            for number in bent.sorted() {
                let (a, b) = segments[number]
                guard let pos = routes.pos(from: names[a], to: names[b], head: "normal", tail: nil) else { continue }
                for word in pos.split(whereSeparator: { $0 == " " || $0 == "\"" }) {
                    let xy = word.split(separator: ",").compactMap { Double($0) }
                    guard xy.count == 2 else { continue }
                    low = .init(x: min(low.x, xy[0]), y: min(low.y, xy[1]))
                    high = .init(x: max(high.x, xy[0]), y: max(high.y, xy[1]))
                }
            }
            return (low, high)
        }
        let screen = blocked(start)
        // Each way of moving closer, by the scale its parts alone allow (bent lines can only
        // lower it); the largest print first, among equals the least moved (the most room kept).
        var candidates: [(bound: Double, room: Double, points: [ClinicalLayout.Point])] = []
        for across in stride(from: 1.0, through: 0.39, by: -0.05) {
            for down in stride(from: 1.0, through: 0.39, by: -0.05) {
                guard let points = ClinicalGeometry.separated(start.map { .init(x: origin.x + ($0.x - origin.x) * across,
                                                                                   y: origin.y + ($0.y - origin.y) * down) },
                                                              boxes: boxes, gaps: gaps, fixed: fixed, before: start) else { continue }
                candidates.append((scale(bounds(points)), across * down, points))
            }
        }
        candidates.sort { ($0.bound, $0.room) > ($1.bound, $1.room) }
        var best = (scale: scale(drawnBounds(start, bent: screen)), room: 1.0, points: start)
        var tried = 0
        for candidate in candidates where tried < 12 {
            if candidate.bound < best.scale - 0.001 { break }
            let bent = blocked(candidate.points)
            guard bent.isSubset(of: screen) else { continue }
            tried += 1
            let printed = scale(drawnBounds(candidate.points, bent: bent))
            if printed > best.scale + 0.001 || (abs(printed - best.scale) <= 0.001 && candidate.room > best.room + 0.001) {
                best = (printed, candidate.room, candidate.points)
            }
        }
        for (name, point) in zip(names, best.points) { centres[name] = point }
        return bounds(best.points)
    }

    /// `points` with every two boxes that come closer than their gaps pushed apart along the
    /// direction that needs the least move, the way they stood `before`; nil when that does
    /// not settle. The box `fixed` (Self) stays where it is.
    private static func separated(_ points: [ClinicalLayout.Point], boxes: [ClinicalLayout.Size], gaps: [Double], fixed: Int?,
                                  before: [ClinicalLayout.Point]) -> [ClinicalLayout.Point]? {
        var points = points
        for _ in 0..<40 {
            var moved = false
            for i in points.indices {
                for j in points.indices where j > i {
                    let gap = max(gaps[i], gaps[j]) == printGapBetweenParts && min(gaps[i], gaps[j]) == printGapBetweenParts
                        ? printGapBetweenParts : printGapAroundNotes
                    let (dx, dy) = (points[j].x - points[i].x, points[j].y - points[i].y)
                    let pushX = (boxes[i].width + boxes[j].width) / 2 + gap - abs(dx)
                    let pushY = (boxes[i].height + boxes[j].height) / 2 + gap - abs(dy)
                    guard pushX > 0.01 && pushY > 0.01 else { continue }
                    moved = true
                    var move = (x: 0.0, y: 0.0)
                    if pushX < pushY {
                        let sign = dx != 0 ? (dx > 0 ? 1.0 : -1.0) : (before[j].x >= before[i].x ? 1 : -1)
                        move.x = sign * pushX
                    } else {
                        let sign = dy != 0 ? (dy > 0 ? 1.0 : -1.0) : (before[j].y >= before[i].y ? 1 : -1)
                        move.y = sign * pushY
                    }
                    let (shareI, shareJ) = i == fixed ? (0.0, 1.0) : (j == fixed ? (1.0, 0.0) : (0.5, 0.5))
                    points[i].x -= move.x * shareI
                    points[i].y -= move.y * shareI
                    points[j].x += move.x * shareJ
                    points[j].y += move.y * shareJ
                }
            }
            if !moved { return points }
        }
        return nil
    }
}


extension ClinicalGeometry {
    /// Whether the straight line from `a` to `b` passes through the box of `size` at `centre`
    /// grown by `-inset` on every side.
    static func crosses(_ a: ClinicalLayout.Point, _ b: ClinicalLayout.Point, centre: ClinicalLayout.Point,
                        size: ClinicalLayout.Size, inset: Double) -> Bool {
        let (halfX, halfY) = (size.width / 2 - inset, size.height / 2 - inset)
        guard halfX > 0 && halfY > 0 else { return false }
        var (enter, leave) = (0.0, 1.0)
        for (start, delta, low, high) in [(a.x, b.x - a.x, centre.x - halfX, centre.x + halfX),
                                          (a.y, b.y - a.y, centre.y - halfY, centre.y + halfY)] {
            if abs(delta) < 1e-9 {
                if start <= low || start >= high { return false }
                continue
            }
            var (t0, t1) = ((low - start) / delta, (high - start) / delta)
            if t0 > t1 { (t0, t1) = (t1, t0) }
            enter = max(enter, t0)
            leave = min(leave, t1)
            if enter >= leave { return false }
        }
        return true
    }
}
