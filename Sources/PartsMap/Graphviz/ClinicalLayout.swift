#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
internal import PartsMapSystemC

/// The clinical layout: Self at the centre, protectors on the ring around it, each exile behind
/// the protectors that guard it, so the way from Self to an exile passes its protectors (the
/// order in which a therapist asks permission).
///
/// Positions are computed here; Graphviz only routes the lines around the parts (`nop2`,
/// like `neato -n2`). Each protective system (exiles and the protectors guarding them, joined
/// through shared protectors) gets one sector of the circle, so it stays together; systems
/// with polarized or allied parts are neighbours, and so are polarized parts inside a system;
/// parts with no relationship at all share one sector at the bottom instead of scattering.
struct ClinicalLayout {
    struct Size: Equatable {
        var width: Double
        var height: Double
    }

    struct Point: Equatable {
        var x: Double
        var y: Double
    }

    /// A part to place: its node name, role and size in points.
    struct Node {
        var name: String
        var role: Role
        var size: Size
    }

    /// A relationship between node names (`self` for Self), with the size of its note's box.
    struct Link {
        var from: String
        var to: String
        var kind: Relationship.Kind
        var note: Size?
        /// A second line between the same two parts, without a note: it bends through a point
        /// beside the first (Graphviz 2.42 crashes routing two lines between one pair with `nop2`).
        var bends = false
        /// Not the first line between its two parts (`bends` or not): its note, or point, stands
        /// beside the first line, never on it, and the line runs through it, so the two lines
        /// do not lie one over the other.
        var second = false
    }

    /// The placed picture: centres by node name, notes by link index, and the bounding box of
    /// everything placed. A note in `besides` sits beside its line, which runs straight past it,
    /// where there is no room for it on the line (two parts close together); every other note
    /// is on its line, which runs up to it and on from it.
    struct Placement {
        var centres: [String: Point]
        var notes: [Int: Point]
        var besides: Set<Int> = []
        var minimum: Point
        var maximum: Point
    }

    static let selfName = "self"
    /// Room between neighbours on a ring, and between rings, in points.
    static let tangentialGap = 18.0
    static let radialGap = 40.0
    /// The widest angle one protective system may take.
    static let widestSector = 1.1 * Double.pi
    /// The widest angle the protectors of a map with one protective system take (they stand
    /// together on one side of Self), and the parts they guard (behind the middle of them).
    static let protectorArc = Double.pi
    static let guardedArc = 0.75 * Double.pi

    let nodes: [Node]
    var selfSize: Size
    var links: [Link]
    /// Each part's size by node name: looked up for every part each time notes are placed.
    private let sizes: [String: Size]
    /// The `--group` boxes, as indices into `nodes` (a part in one box at most): each box is
    /// one sector of its own, whatever joins its parts to others, so its outline goes round
    /// its parts only. Empty: the protective systems make the sectors.
    var boxes: [[Int]] = []

    /// Room left free at each side of a sector when boxes are drawn round them, in points on
    /// the inner ring: outlines of neighbouring boxes stay apart.
    static let boxGap = 40.0

    func place() -> Placement {
        let index = Dictionary(nodes.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        let groups = uncrossed(orderedGroups(index: index), index: index)
        let guards = guardPairs(groups, index: index)
        var centres = ringPositions(groups).positions
        centres[ClinicalLayout.selfName] = Point(x: 0, y: 0)
        separate(&centres)
        // One system guarding parts behind it stands above Self, the way up to what it guards:
        // turned, Self would stand in a corner of the picture (unless it is a column, one
        // protector and what it guards, which a turn makes less tall).
        let oneSystem = groups.count == 1 && groups[0].rings.count > 1
        balance(&centres, turns: !oneSystem)
        separate(&centres)
        centreSelf(&centres, guards: oneSystem ? guards : nil)
        if keepBehind(&centres, guards: guards) { separate(&centres) }
        var (notes, besides, apart) = placeNotes(centres)
        // A note with no room on its line (two parts close together): the part further from
        // Self moves out a little, until the note fits on the line or beside it (14 steps of
        // 16 points at most: 6 left a note 42 points from its line on a generated 60-part map).
        for _ in 0..<14 where !apart.isEmpty {
            for number in apart.sorted() {
                let (from, to) = (links[number].from, links[number].to)
                guard let a = centres[from], let b = centres[to] else { continue }
                let outer = (a.x * a.x + a.y * a.y) > (b.x * b.x + b.y * b.y) ? from : to
                guard outer != ClinicalLayout.selfName, let point = centres[outer] else { continue }
                centres[outer] = ClinicalLayout.outward(point, by: 16)
            }
            separate(&centres)
            if keepBehind(&centres, guards: guards) { separate(&centres) }
            (notes, besides, apart) = placeNotes(centres)
        }
        var minimum = Point(x: .infinity, y: .infinity)
        var maximum = Point(x: -.infinity, y: -.infinity)
        func include(_ centre: Point, _ size: Size) {
            minimum.x = min(minimum.x, centre.x - size.width / 2)
            minimum.y = min(minimum.y, centre.y - size.height / 2)
            maximum.x = max(maximum.x, centre.x + size.width / 2)
            maximum.y = max(maximum.y, centre.y + size.height / 2)
        }
        for (name, centre) in centres { include(centre, size(of: name)) }
        for (number, centre) in notes { if let note = links[number].note { include(centre, note) } }
        return Placement(centres: centres, notes: notes, besides: besides, minimum: minimum, maximum: maximum)
    }

    init(nodes: [Node], selfSize: Size, links: [Link], boxes: [[Int]] = []) {
        (self.nodes, self.selfSize, self.links, self.boxes) = (nodes, selfSize, links, boxes)
        sizes = Dictionary(nodes.map { ($0.name, $0.size) }, uniquingKeysWith: { first, _ in first })
    }

    private func size(of name: String) -> Size {
        if name == ClinicalLayout.selfName { return selfSize }
        return sizes[name] ?? Size(width: 0, height: 0)
    }

    // MARK: Systems

    /// A sector's parts, ring by ring from the inside out.
    struct Group {
        var rings: [[Int]]
        var isUnrelated = false
    }

    /// Where `ringPositions` put things: centres by name, and for the search for fewer
    /// crossings each part's radius and angular width and each group's sector.
    struct Rings {
        var positions: [String: Point] = [:]
        /// By node index (0 for a part on no ring).
        var radii: [Double]
        var widths: [Double]
        var sectors: [Double] = []
    }

    /// The protective systems, each with its parts ordered ring by ring, in the order they go
    /// round the circle.
    private func orderedGroups(index: [String: Int]) -> [Group] {
        let count = nodes.count
        // Union of parts joined by `protects`: the protective systems.
        var parent = Array(0..<count)
        func root(_ node: Int) -> Int {
            var node = node
            while parent[node] != node { parent[node] = parent[parent[node]]; node = parent[node] }
            return node
        }
        func join(_ a: Int, _ b: Int) {
            let (ra, rb) = (root(a), root(b))
            if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
        }
        var protects: [(Int, Int)] = []
        var linked = Array(repeating: false, count: count)
        var others: [(Int, Int, Int)] = []  // (a, b, weight) for relationships other than protects
        // With boxes, a box is a sector, and a part outside every box joins no box's sector.
        var boxOf: [Int?] = Array(repeating: nil, count: count)
        for (number, box) in boxes.enumerated() {
            for node in box where node < count && boxOf[node] == nil { boxOf[node] = number }
            for node in box.dropFirst() where node < count && boxOf[node] == number { if let first = box.first { join(first, node) } }
        }
        for link in links {
            guard let a = index[link.from], let b = index[link.to] else {
                if let a = index[link.from] { linked[a] = true }
                if let b = index[link.to] { linked[b] = true }
                continue
            }
            linked[a] = true
            linked[b] = true
            guard a != b else { continue }
            if link.kind == .protects {
                protects.append((a, b))
                if boxOf[a] == boxOf[b] { join(a, b) }
            } else {
                others.append((a, b, link.kind == .polarized ? 3 : 1))
            }
        }
        // Parts outside every protective system join the system they relate to most.
        var inSystem = Array(repeating: false, count: count)
        for (a, b) in protects { inSystem[a] = true; inSystem[b] = true }
        for node in 0..<count where !inSystem[node] {
            var weights: [Int: Int] = [:]
            for (a, b, weight) in others {
                if a == node { weights[root(b), default: 0] += weight }
                if b == node { weights[root(a), default: 0] += weight }
            }
            let best = weights.filter { $0.key != root(node) && boxOf[$0.key] == boxOf[node] }
                .max { ($0.value, -$0.key) < ($1.value, -$1.key) }
            if let best { join(node, best.key) }
        }
        // Ring: how many protectors stand between Self and the part (longest chain).
        var level = Array(repeating: 0, count: count)
        for _ in 0..<min(count, 8) {
            var changed = false
            for (a, b) in protects where level[b] < level[a] + 1 && level[a] + 1 < 4 {
                level[b] = level[a] + 1
                changed = true
            }
            if !changed { break }
        }
        var members: [Int: [Int]] = [:]
        var rootOrder: [Int] = []
        for node in 0..<count {
            let r = root(node)
            if members[r] == nil { rootOrder.append(r) }
            members[r, default: []].append(node)
        }
        var groups: [Group] = []
        var unrelated: [Int] = []
        for r in rootOrder {
            let nodesHere = members[r] ?? []
            if nodesHere.count == 1, let only = nodesHere.first, !inSystem[only], boxOf[only] == nil {
                if !linked[only] || others.allSatisfy({ $0.0 != only && $0.1 != only }) {
                    // Alone, or related only to Self: parked with the other unrelated parts.
                    unrelated.append(only)
                    continue
                }
            }
            let hasGuard = nodesHere.contains { nodes[$0].role != .exile }
            var rings: [[Int]] = []
            for node in nodesHere {
                var ring = level[node]
                if nodes[node].role == .exile && hasGuard { ring = max(ring, 1) }
                while rings.count <= ring { rings.append([]) }
                rings[ring].append(node)
            }
            rings.removeAll { $0.isEmpty }
            groups.append(Group(rings: orderRings(rings, protects: protects, others: others)))
        }
        groups = orderGroups(groups, others: others)
        if !unrelated.isEmpty { groups.append(Group(rings: [unrelated], isUnrelated: true)) }
        return groups
    }

    /// Orders each ring so lines between rings do not cross: outer rings by map order, inner
    /// ones by the mean place of what they protect; then polarized parts side by side.
    private func orderRings(_ rings: [[Int]], protects: [(Int, Int)], others: [(Int, Int, Int)]) -> [[Int]] {
        var rings = rings
        guard rings.count > 1 else { return rings.map { sideBySide($0, others) } }
        func place(of ring: [Int]) -> [Int: Double] {
            Dictionary(ring.enumerated().map { ($1, ring.count > 1 ? Double($0) / Double(ring.count - 1) : 0.5) },
                       uniquingKeysWith: { first, _ in first })
        }
        for _ in 0..<2 {
            for k in stride(from: rings.count - 2, through: 0, by: -1) {
                let outer = place(of: rings[k + 1])
                rings[k] = sortedByBarycentre(rings[k], neighbours: { node in
                    protects.filter { $0.0 == node }.compactMap { outer[$0.1] }
                        + others.filter { $0.0 == node || $0.1 == node }.compactMap { outer[$0.0 == node ? $0.1 : $0.0] }
                })
            }
            for k in 1..<rings.count {
                let inner = place(of: rings[k - 1])
                rings[k] = sortedByBarycentre(rings[k], neighbours: { node in
                    protects.filter { $0.1 == node }.compactMap { inner[$0.0] }
                        + others.filter { $0.0 == node || $0.1 == node }.compactMap { inner[$0.0 == node ? $0.1 : $0.0] }
                })
            }
        }
        return rings.map { sideBySide($0, others) }
    }

    private func sortedByBarycentre(_ ring: [Int], neighbours: (Int) -> [Double]) -> [Int] {
        let keyed = ring.enumerated().map { offset, node -> (Double, Int, Int) in
            let places = neighbours(node)
            let fallback = ring.count > 1 ? Double(offset) / Double(ring.count - 1) : 0.5
            return (places.isEmpty ? fallback : places.reduce(0, +) / Double(places.count), offset, node)
        }
        return keyed.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)
    }

    /// `ring` with each polarized part moved next to its partner when it is not already.
    private func sideBySide(_ ring: [Int], _ others: [(Int, Int, Int)]) -> [Int] {
        var ring = ring
        for (a, b, weight) in others where weight == 3 {
            guard let i = ring.firstIndex(of: a), let j = ring.firstIndex(of: b), abs(i - j) > 1 else { continue }
            ring.remove(at: j)
            let target = ring.firstIndex(of: a).map { $0 + (j > i ? 1 : 0) } ?? ring.count
            ring.insert(b, at: target)
        }
        return ring
    }

    /// Systems round the circle: the largest first, then each time the one most related to the
    /// last placed, so related systems are neighbours.
    private func orderGroups(_ groups: [Group], others: [(Int, Int, Int)]) -> [Group] {
        guard groups.count > 2 else { return groups }
        // Each part's system, and the weight of the relationships between each two systems.
        var system = Array(repeating: -1, count: nodes.count)
        for (number, group) in groups.enumerated() { for node in group.rings.joined() { system[node] = number } }
        let sizes = groups.map { $0.rings.reduce(0) { $0 + $1.count } }
        var weights = Array(repeating: Array(repeating: 0, count: groups.count), count: groups.count)
        for (a, b, weight) in others {
            let (first, second) = (system[a], system[b])
            guard first >= 0, second >= 0, first != second else { continue }
            weights[first][second] += weight
            weights[second][first] += weight
        }
        var remaining = Array(groups.indices)
        let first = remaining.max { (sizes[$0], -$0) < (sizes[$1], -$1) } ?? 0
        var order = [first]
        remaining.removeAll { $0 == first }
        while !remaining.isEmpty {
            let last = order[order.count - 1]
            let next = remaining.max { (weights[last][$0], sizes[$0], -$0) < (weights[last][$1], sizes[$1], -$1) } ?? remaining[0]
            order.append(next)
            remaining.removeAll { $0 == next }
        }
        return order.map { groups[$0] }
    }

    // MARK: Rings

    private static func tangential(_ size: Size, _ angle: Double) -> Double {
        let (sine, cosine) = sineCosine(angle)
        return size.width * abs(sine) + size.height * abs(cosine)
    }

    private static func radial(_ size: Size, _ angle: Double) -> Double {
        let (sine, cosine) = sineCosine(angle)
        return size.width * abs(cosine) + size.height * abs(sine)
    }

    /// The sine and cosine of `angle` from one call (glibc's `sincos`: the same values as `sin`
    /// and `cos`, in about half the time); the ordering search places parts by angle 30,000
    /// times on a 60-part map.
    @inline(__always)
    static func sineCosine(_ angle: Double) -> (sine: Double, cosine: Double) {
        var (sine, cosine) = (0.0, 0.0)
        partsmap_sine_cosine(angle, &sine, &cosine)
        return (sine, cosine)
    }

    /// Sectors round Self, one per group, wide enough for the group's widest ring; the inner
    /// radius grows until all sectors fit in the circle.
    private func ringPositions(_ groups: [Group]) -> Rings {
        var result = Rings(radii: Array(repeating: 0, count: nodes.count), widths: Array(repeating: 0, count: nodes.count))
        guard !groups.isEmpty else { return result }
        let selfRadius = max(selfSize.width, selfSize.height) / 2
        var inner = selfRadius + ClinicalLayout.radialGap
        // By node index, as arrays: this runs up to 60 times, twice a map.
        var angles = [Double?](repeating: nil, count: nodes.count)
        var middles = groups.indices.map { Double.pi / 2 - 2 * Double.pi * Double($0) / Double(groups.count) }
        var positions = [Point?](repeating: nil, count: nodes.count)
        // With one system of protectors guarding parts behind them, its rings take half the
        // circle at most (the inner radius grows until they fit): the protectors stand
        // together on one side of Self, the parts they guard behind them. (Spread round Self,
        // a part behind a protector beside Self or below it was no further out than it.)
        let guarding = groups.count == 1 && groups[0].rings.count > 1
        let widest = guarding ? ClinicalLayout.protectorArc : ClinicalLayout.widestSector
        /// The widest angle spare angle spreads the parts of ring `k` over.
        func spread(_ k: Int) -> Double {
            guard groups.count == 1 else { return ClinicalLayout.widestSector }
            guard guarding else { return 1.5 * Double.pi }
            return k == 0 ? ClinicalLayout.protectorArc : ClinicalLayout.guardedArc
        }
        for iteration in 0..<60 {
            // Radii of each group's rings at its middle angle, and the angle each ring needs.
            var radii: [[Double]] = []
            var sectors: [Double] = []
            for (g, group) in groups.enumerated() {
                let middle = middles[g]
                var ringRadii: [Double] = []
                var previousExtent = 0.0
                var need = 0.0
                for (k, ring) in group.rings.enumerated() {
                    let extent = ring.map { ClinicalLayout.radial(nodes[$0].size, angles[$0] ?? middle) }.max() ?? 0
                    let radius = k == 0 ? max(inner, selfRadius + ClinicalLayout.radialGap + extent / 2)
                        : ringRadii[k - 1] + previousExtent / 2 + ClinicalLayout.radialGap + extent / 2
                    ringRadii.append(radius)
                    previousExtent = extent
                    let arc = ring.map { ClinicalLayout.tangential(nodes[$0].size, angles[$0] ?? middle) + ClinicalLayout.tangentialGap }
                        .reduce(0, +)
                    need = max(need, arc / radius)
                }
                if !boxes.isEmpty { need += ClinicalLayout.boxGap / (ringRadii.first ?? inner) }
                radii.append(ringRadii)
                sectors.append(need)
            }
            let total = sectors.reduce(0, +)
            // Growing starts from the radius the rings already have (wide parts push them out).
            let reached = max(inner, radii.compactMap(\.first).max() ?? inner)
            if iteration < 59 && total > 2 * Double.pi * 1.001 {
                inner = reached * min(1.5, max(1.02, total / (2 * Double.pi)))
                continue
            }
            // A system spread over more than half the circle would reach round behind Self.
            if iteration < 59, let need = sectors.max(), need > widest * 1.001 {
                inner = reached * min(1.5, max(1.02, need / widest))
                continue
            }
            // Spare angle is shared out, so the systems spread evenly round Self.
            let spare = (2 * Double.pi - total) / Double(groups.count)
            var cursor = Double.pi / 2 + (sectors[0] + spare) / 2
            var newMiddles: [Double] = []
            for node in positions.indices { positions[node] = nil }
            result.sectors = sectors.map { $0 + spare }
            for (g, group) in groups.enumerated() {
                let sector = sectors[g] + spare
                let middle = cursor - sector / 2
                newMiddles.append(middle)
                // The angle from the middle of the first protector to the middle of the last.
                var protectorSpan = 0.0
                for (k, ring) in group.rings.enumerated() {
                    let radius = radii[g][k]
                    var widths = ring.map { (ClinicalLayout.tangential(nodes[$0].size, angles[$0] ?? middle) + ClinicalLayout.tangentialGap) / radius }
                    // Spare angle spreads the ring's parts, up to the widest a system may take;
                    // with one system, the parts guarded no wider than their protectors.
                    var widest = spread(k)
                    if guarding && k > 0, let first = widths.first, let last = widths.last {
                        widest = min(widest, protectorSpan + (first + last) / 2)
                    }
                    let room = min(sector, widest) - widths.reduce(0, +)
                    if room > 0 { widths = widths.map { $0 + room / Double(widths.count) } }
                    // One system's protectors stand evenly spaced, at one radius: the picture is
                    // symmetric about the way from Self to what they guard (spaced by their
                    // widths, a wide and a narrow protector stood at 39° and 51° above Self).
                    let level = guarding && k == 0 && room > 0
                    if level { widths = Array(repeating: widths.reduce(0, +) / Double(widths.count), count: widths.count) }
                    if k == 0, let first = widths.first, let last = widths.last { protectorSpan = widths.reduce(0, +) - (first + last) / 2 }
                    var at = middle + widths.reduce(0, +) / 2
                    var levelRadius = radius
                    if level {
                        for (node, width) in zip(ring, widths) {
                            let extent = ClinicalLayout.radial(nodes[node].size, at - width / 2)
                            levelRadius = max(levelRadius, selfRadius + ClinicalLayout.radialGap + extent / 2)
                            at -= width
                        }
                        at = middle + widths.reduce(0, +) / 2
                    }
                    for (node, width) in zip(ring, widths) {
                        let angle = at - width / 2
                        angles[node] = angle
                        // Wide boxes beside Self need a longer radius than those above it.
                        let extent = ClinicalLayout.radial(nodes[node].size, angle)
                        let r = level ? levelRadius : k == 0 ? max(radius, selfRadius + ClinicalLayout.radialGap + extent / 2) : radius
                        let (sine, cosine) = ClinicalLayout.sineCosine(angle)
                        positions[node] = Point(x: r * cosine, y: r * sine)
                        result.radii[node] = r
                        result.widths[node] = width
                        at -= width
                    }
                }
                cursor -= sector
            }
            // Turn the circle so the largest system stands above Self.
            if let middle = newMiddles.first {
                let turn = Double.pi / 2 - middle
                let (c, s) = (cos(turn), sin(turn))
                for node in positions.indices {
                    guard let point = positions[node] else { continue }
                    positions[node] = Point(x: point.x * c - point.y * s, y: point.x * s + point.y * c)
                }
                for node in angles.indices { angles[node]? += turn }
                newMiddles = newMiddles.map { $0 + turn }
            }
            let settled = zip(middles, newMiddles).allSatisfy { abs($0 - $1) < 0.001 }
            middles = newMiddles
            if settled { break }
        }
        for (node, point) in positions.enumerated() {
            if let point { result.positions[nodes[node].name] = point }
        }
        return result
    }

    // MARK: Fewer crossings

    /// `groups` reordered round the circle, turned over, and their rings reordered, wherever
    /// that makes fewer straight lines cross (then shorter lines): a deterministic local search
    /// (moves and swaps of systems, systems and runs of them turned over, parts moved along
    /// their ring) over the places `ringPositions` gives, kept while it improves. Polarized
    /// neighbours stay neighbours; the parts with no relationship stay last.
    private func uncrossed(_ groups: [Group], index: [String: Int]) -> [Group] {
        guard nodes.count > 2 else { return groups }
        let base = ringPositions(groups)
        let selfNode = -1
        var ends: [(Int, Int)] = []
        var polarized: [(Int, Int)] = []
        for link in links {
            let a = link.from == ClinicalLayout.selfName ? selfNode : index[link.from]
            let b = link.to == ClinicalLayout.selfName ? selfNode : index[link.to]
            guard let a, let b, a != b else { continue }
            ends.append((a, b))
            if link.kind == .polarized { polarized.append((a, b)) }
        }
        guard ends.count > 1 else { return groups }
        let counter = CrossingCounter(widths: base.widths, radii: base.radii,
                                      sectors: base.sectors,
                                      tails: ends.map { $0.0 == selfNode ? nodes.count : $0.0 },
                                      heads: ends.map { $0.1 == selfNode ? nodes.count : $0.1 })
        func keepsPairs(_ ring: ArraySlice<Int>) -> Bool {
            polarized.allSatisfy { a, b in
                guard let i = ring.firstIndex(of: a), let j = ring.firstIndex(of: b) else { return true }
                return abs(i - j) == 1
            }
        }
        // Each try changes the arrangement in place and is undone unless it crosses less: no
        // copies (the search makes about 1,300 tries on 60 parts).
        var arrangement = Arrangement(groups)
        var bestScore = counter.score(arrangement, bound: .infinity)
        counter.keep()
        // No line crosses: the picture stays as the systems were ordered.
        guard bestScore >= 1_000_000 else { return groups }
        // Each try counts every pair of lines: a budget keeps maps quick (1,291 tries for the
        // benchmark's 60 parts, 88 lines; 40 for 300 parts). With 8,000,000 the search was still
        // finding fewer crossings when it stopped there, and the drawing kept 2; with 10 and 12
        // million it draws none, and the 26 maps compared cross 7 times in all, against 8.
        var budget = 10_000_000 / max(1, ends.count * ends.count)
        let movable = groups.filter { !$0.isUnrelated }.count
        // Arrangements tried and not kept: one seen again (a swap of neighbours after the same
        // move, a system with a part on each ring turned over) is not kept this time either,
        // as the best only gets better. It still counts against the budget, so the search
        // goes as it would (a tenth to a fifth of the tries on 60 parts).
        var refused = Set<UInt64>()
        /// Scores the arrangement as the last change left it, and keeps it if it is better.
        func better() -> Bool {
            budget -= 1
            let key = arrangement.key
            guard !refused.contains(key) else { return false }
            let value = counter.score(arrangement, bound: bestScore)
            guard value < bestScore else {
                refused.insert(key)
                return false
            }
            bestScore = value
            counter.keep()
            return true
        }
        // Each pass tries every move once; a few passes settle it (bounded for speed).
        for _ in 0..<6 {
            let start = bestScore
            if movable > 2 {
                for from in 1..<movable {
                    for to in 1..<movable where to != from && budget > 0 {
                        arrangement.move(from, to)
                        if !better() { arrangement.move(to, from) }
                    }
                }
                for i in 1..<movable {
                    for j in (i + 1)..<max(i + 1, movable) where budget > 0 {
                        arrangement.order.swapAt(i, j)
                        if !better() { arrangement.order.swapAt(i, j) }
                    }
                }
            }
            for g in 0..<movable where budget > 0 {
                arrangement.turnOver(g...g)
                if !better() { arrangement.turnOver(g...g) }
            }
            // A run of neighbouring systems turned over as a whole.
            for i in 0..<movable {
                for j in (i + 1)..<max(i + 1, movable) where budget > 0 {
                    arrangement.turnOver(i...j)
                    if !better() { arrangement.turnOver(i...j) }
                }
            }
            for g in 0..<arrangement.order.count {
                for ring in arrangement.rings(ofSystemAt: g) {
                    let count = arrangement.ringStarts[ring + 1] - arrangement.ringStarts[ring]
                    guard count > 1 else { continue }
                    for from in 0..<count {
                        for to in 0..<count where to != from && budget > 0 {
                            let pairedBefore = keepsPairs(arrangement.parts(ofRing: ring))
                            arrangement.move(inRing: ring, from, to)
                            guard keepsPairs(arrangement.parts(ofRing: ring)) || !pairedBefore, better() else {
                                arrangement.move(inRing: ring, to, from)
                                continue
                            }
                        }
                    }
                }
            }
            if bestScore >= start || budget <= 0 { break }
        }
        return arrangement.groups(groups)
    }

    /// Systems in their order round the circle, each with its parts ring by ring: flat arrays
    /// that the ordering search changes in place.
    struct Arrangement {
        /// The systems in their order round the circle, as indices into the groups (which name
        /// their sectors).
        var order: [Int]
        /// Every ring's parts, rings one after another, systems in the order of the groups.
        var parts: [Int]
        /// Where each ring starts in `parts`, and at the end `parts.count`.
        let ringStarts: [Int]
        /// Each system's first ring, and at the end the number of rings.
        let firstRings: [Int]

        init(_ groups: [Group]) {
            order = Array(groups.indices)
            parts = groups.flatMap { $0.rings.joined() }
            var starts = [0], firsts = [0]
            for group in groups {
                for ring in group.rings { starts.append(starts[starts.count - 1] + ring.count) }
                firsts.append(firsts[firsts.count - 1] + group.rings.count)
            }
            (ringStarts, firstRings) = (starts, firsts)
        }

        /// A hash of the order and the parts: tells arrangements apart.
        var key: UInt64 {
            var hash = FNV1a()
            for number in order { hash.add(UInt64(truncatingIfNeeded: number)) }
            for number in parts { hash.add(UInt64(truncatingIfNeeded: number)) }
            return hash.value
        }

        func rings(ofSystemAt position: Int) -> Range<Int> { firstRings[order[position]]..<firstRings[order[position] + 1] }

        func parts(ofRing ring: Int) -> ArraySlice<Int> { parts[ringStarts[ring]..<ringStarts[ring + 1]] }

        /// The system at `from` taken out and put back at `to`; `move(to, from)` undoes it.
        mutating func move(_ from: Int, _ to: Int) { Arrangement.move(&order, from: from, to: to) }

        /// The part at `from` of a ring taken out and put back at `to`.
        mutating func move(inRing ring: Int, _ from: Int, _ to: Int) {
            Arrangement.move(&parts, from: ringStarts[ring] + from, to: ringStarts[ring] + to)
        }

        /// The systems at `positions` in reverse order, each ring of each reversed: the run
        /// turned over as a whole. Doing it twice undoes it.
        mutating func turnOver(_ positions: ClosedRange<Int>) {
            Arrangement.reverse(&order, positions.lowerBound, positions.upperBound + 1)
            for position in positions {
                for ring in rings(ofSystemAt: position) { Arrangement.reverse(&parts, ringStarts[ring], ringStarts[ring + 1]) }
            }
        }

        private static func reverse(_ array: inout [Int], _ start: Int, _ end: Int) {
            var (low, high) = (start, end - 1)
            while low < high {
                array.swapAt(low, high)
                (low, high) = (low + 1, high - 1)
            }
        }

        /// The groups in this order, their rings in these orders.
        func groups(_ groups: [Group]) -> [Group] {
            order.map { group in
                Group(rings: (firstRings[group]..<firstRings[group + 1]).map { Array(parts(ofRing: $0)) },
                      isUnrelated: groups[group].isUnrelated)
            }
        }

        private static func move(_ array: inout [Int], from: Int, to: Int) {
            let moved = array[from]
            if from < to {
                for n in from..<to { array[n] = array[n + 1] }
            } else {
                for n in stride(from: from, to: to, by: -1) { array[n] = array[n - 1] }
            }
            array[to] = moved
        }
    }

    /// The ordering search's inner loop: places the parts of an arrangement on their rings and
    /// counts the crossings of straight lines between them, in buffers of its own reused by
    /// every try (the search makes about 1,300 tries on 60 parts).
    ///
    /// Pairs of lines that did not move since the arrangement kept last (`keep`) cross as they
    /// did then, and are counted first; then the pairs that crossed in recent tries: a try that
    /// crosses more than the best (most do) usually stops there. Only pairs with a moved line
    /// are tested again.
    private final class CrossingCounter {
        private let nodeCount: Int
        private let lineCount: Int
        /// Each part's angular width and radius, and each system's sector.
        private let widths: UnsafeMutablePointer<Double>
        private let radii: UnsafeMutablePointer<Double>
        private let sectors: UnsafeMutablePointer<Double>
        /// Each line's ends, as node indices; Self is `nodeCount`, at the origin.
        private let tails: UnsafeMutablePointer<Int>
        private let heads: UnsafeMutablePointer<Int>
        /// Where the last try put each part (Self last), and at what angle.
        private let xs: UnsafeMutablePointer<Double>
        private let ys: UnsafeMutablePointer<Double>
        private let angles: UnsafeMutablePointer<Double>
        /// The same for the kept arrangement: a part at its kept angle takes its kept place,
        /// without working out the cosine and sine again.
        private let keptXs: UnsafeMutablePointer<Double>
        private let keptYs: UnsafeMutablePointer<Double>
        private let keptAngles: UnsafeMutablePointer<Double>
        private var hasKept = false
        /// The pairs of lines that cross in the kept arrangement.
        private var keptPairs: [(Int, Int)] = []
        /// Each line's box (minimum x, maximum x, minimum y, maximum y), so most pairs are told
        /// apart without the exact test.
        private let boxes: UnsafeMutablePointer<Double>
        /// Whether each line moved since the kept arrangement.
        private let moved: UnsafeMutablePointer<Bool>
        /// Pairs of lines (`i × lines + j`, i < j) found crossing in recent tries, each once.
        /// Tries that are refused tend to cross where the tries before them did.
        private var hot: [Int] = []
        private var hotNext = 0
        private static let hotCount = 256
        /// The lines in order of their boxes' left edges, kept from try to try.
        private let byLeft: UnsafeMutablePointer<Int>

        init(widths: [Double], radii: [Double], sectors: [Double], tails: [Int], heads: [Int]) {
            func buffer<Value>(_ values: [Value]) -> UnsafeMutablePointer<Value> {
                let buffer = UnsafeMutablePointer<Value>.allocate(capacity: max(1, values.count))
                buffer.initialize(from: values, count: values.count)
                return buffer
            }
            (nodeCount, lineCount) = (widths.count, tails.count)
            (self.widths, self.radii, self.sectors) = (buffer(widths), buffer(radii), buffer(sectors))
            (self.tails, self.heads) = (buffer(tails), buffer(heads))
            let origin = [Double](repeating: 0, count: widths.count + 1)
            (xs, ys, angles) = (buffer(origin), buffer(origin), buffer(origin))
            (keptXs, keptYs, keptAngles) = (buffer(origin), buffer(origin), buffer(origin))
            boxes = buffer([Double](repeating: 0, count: tails.count * 4))
            moved = buffer([Bool](repeating: true, count: tails.count))
            byLeft = buffer(Array(tails.indices))
        }

        deinit {
            for buffer in [widths, radii, sectors, xs, ys, angles, keptXs, keptYs, keptAngles, boxes] { buffer.deallocate() }
            tails.deallocate()
            heads.deallocate()
            moved.deallocate()
            byLeft.deallocate()
        }

        /// Whether lines `i` and `j` cross where the last try put them (lines that share a part meet).
        @inline(__always)
        private func crosses(_ i: Int, _ j: Int) -> Bool {
            guard boxes[4 * j] <= boxes[4 * i + 1] && boxes[4 * j + 1] >= boxes[4 * i] && boxes[4 * j + 2] <= boxes[4 * i + 3]
                    && boxes[4 * j + 3] >= boxes[4 * i + 2] else { return false }
            let (a, b, c, d) = (tails[i], heads[i], tails[j], heads[j])
            guard c != a && c != b && d != a && d != b else { return false }
            return ClinicalLayout.cross(Point(x: xs[a], y: ys[a]), Point(x: xs[b], y: ys[b]), Point(x: xs[c], y: ys[c]), Point(x: xs[d], y: ys[d]))
        }

        /// Keeps the arrangement scored last as the one later tries are compared with.
        func keep() {
            keptXs.update(from: xs, count: nodeCount + 1)
            keptYs.update(from: ys, count: nodeCount + 1)
            keptAngles.update(from: angles, count: nodeCount + 1)
            hasKept = true
            keptPairs = (0..<lineCount).flatMap { i in ((i + 1)..<max(i + 1, lineCount)).filter { crosses(i, $0) }.map { (i, $0) } }
        }

        /// The arrangement's crossings (× 1,000,000) plus its lines' length; counting stops, and
        /// the result is only known to be above `bound`, once the crossings alone pass `bound`.
        func score(_ arrangement: Arrangement, bound: Double) -> Double {
            arrangement.order.withUnsafeBufferPointer { order in
                arrangement.parts.withUnsafeBufferPointer { parts in
                    arrangement.ringStarts.withUnsafeBufferPointer { starts in
                        arrangement.firstRings.withUnsafeBufferPointer { firsts in
                            place(order: order, parts: parts, starts: starts, firsts: firsts)
                        }
                    }
                }
            }
            var movedCount = 0
            for i in 0..<lineCount {
                let (a, b) = (tails[i], heads[i])
                let (ax, ay, bx, by) = (xs[a], ys[a], xs[b], ys[b])
                (boxes[4 * i], boxes[4 * i + 1], boxes[4 * i + 2], boxes[4 * i + 3]) = (min(ax, bx), max(ax, bx), min(ay, by), max(ay, by))
                moved[i] = !hasKept || ax != keptXs[a] || ay != keptYs[a] || bx != keptXs[b] || by != keptYs[b]
                if moved[i] { movedCount += 1 }
            }
            // The kept crossings between lines that did not move are counted first, so a try
            // with more crossings than the best stops soon…
            var crossings = 0
            for (i, j) in keptPairs where !moved[i] && !moved[j] { crossings += 1 }
            // …then the pairs that crossed in recent tries, if a line of theirs moved: most
            // tries are refused here, before the lines are sorted.
            var quick = crossings
            for key in hot {
                let (i, j) = (key / lineCount, key % lineCount)
                guard (moved[i] || moved[j]) && crosses(i, j) else { continue }
                quick += 1
                if Double(quick) * 1_000_000 > bound { return Double(quick) * 1_000_000 }
            }
            // Only pairs with a line that moved are tested again. A few lines moved (a ring
            // reordered): each is tested against every other line, without sorting them all.
            if hasKept && movedCount * 4 < lineCount {
                for i in 0..<lineCount where moved[i] {
                    for j in 0..<lineCount where j != i && (!moved[j] || j > i) && crosses(i, j) {
                        crossings += 1
                        remember(i, j)
                    }
                    if Double(crossings) * 1_000_000 > bound { return Double(crossings) * 1_000_000 }
                }
                return total(crossings, bound: bound)
            }
            // The lines by their left edge (insertion sort: the order of the try before is nearly
            // right), so each line is tested only against those starting before it ends.
            for n in 1..<max(1, lineCount) {
                let line = byLeft[n]
                var m = n
                while m > 0 && boxes[4 * byLeft[m - 1]] > boxes[4 * line] {
                    byLeft[m] = byLeft[m - 1]
                    m -= 1
                }
                byLeft[m] = line
            }
            for n in 0..<lineCount {
                let i = byLeft[n]
                let (right, iMoved) = (boxes[4 * i + 1], moved[i])
                var m = n + 1
                while m < lineCount && boxes[4 * byLeft[m]] <= right {
                    if (iMoved || moved[byLeft[m]]) && crosses(i, byLeft[m]) {
                        crossings += 1
                        remember(i, byLeft[m])
                    }
                    m += 1
                }
                if Double(crossings) * 1_000_000 > bound { return Double(crossings) * 1_000_000 }
            }
            return total(crossings, bound: bound)
        }

        /// Notes that lines `i` and `j` crossed in a try, among the last `hotCount` pairs found.
        private func remember(_ i: Int, _ j: Int) {
            let key = min(i, j) * lineCount + max(i, j)
            guard !hot.contains(key) else { return }
            if hot.count < CrossingCounter.hotCount {
                hot.append(key)
            } else {
                hot[hotNext] = key
                hotNext = (hotNext + 1) % CrossingCounter.hotCount
            }
        }

        /// `crossings` × 1,000,000, and when that is within `bound`, the lines' length: it only
        /// decides between tries with as few crossings as the best.
        private func total(_ crossings: Int, bound: Double) -> Double {
            let value = Double(crossings) * 1_000_000
            guard value <= bound else { return value }
            var length = 0.0
            for i in 0..<lineCount {
                let (a, b) = (tails[i], heads[i])
                length += ((xs[a] - xs[b]) * (xs[a] - xs[b]) + (ys[a] - ys[b]) * (ys[a] - ys[b])).squareRoot()
            }
            return value + length.rounded()
        }

        /// Each part's place and angle in `order`: systems one after another clockwise, each
        /// ring's parts spread about the middle of its system's sector.
        private func place(order: UnsafeBufferPointer<Int>, parts: UnsafeBufferPointer<Int>,
                           starts: UnsafeBufferPointer<Int>, firsts: UnsafeBufferPointer<Int>) {
            var cursor = 0.0
            for group in order {
                let sector = sectors[group]
                let middle = cursor - sector / 2
                for ring in firsts[group]..<firsts[group + 1] {
                    let (start, end) = (starts[ring], starts[ring + 1])
                    var sum = 0.0
                    for place in start..<end { sum += widths[parts[place]] }
                    var at = middle + sum / 2
                    for place in start..<end {
                        let node = parts[place]
                        let angle = at - widths[node] / 2
                        angles[node] = angle
                        if hasKept && keptAngles[node] == angle {
                            (xs[node], ys[node]) = (keptXs[node], keptYs[node])
                        } else {
                            let (sine, cosine) = ClinicalLayout.sineCosine(angle)
                            xs[node] = radii[node] * cosine
                            ys[node] = radii[node] * sine
                        }
                        at -= widths[node]
                    }
                }
                cursor -= sector
            }
        }
    }

    /// Whether segment ab crosses segment cd (touching is not crossing).
    static func cross(_ a: Point, _ b: Point, _ c: Point, _ d: Point) -> Bool {
        func turn(_ p: Point, _ q: Point, _ r: Point) -> Double { (q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x) }
        return turn(a, b, c) * turn(a, b, d) < 0 && turn(c, d, a) * turn(c, d, b) < 0
    }

    // MARK: Finishing

    private func overlaps(_ a: Point, _ sa: Size, _ b: Point, _ sb: Size, margin: Double) -> Bool {
        abs(a.x - b.x) < (sa.width + sb.width) / 2 + margin && abs(a.y - b.y) < (sa.height + sb.height) / 2 + margin
    }

    /// `point` moved `distance` further from Self (at the origin).
    static func outward(_ point: Point, by distance: Double) -> Point {
        let length = max(1, (point.x * point.x + point.y * point.y).squareRoot())
        return Point(x: point.x + point.x / length * distance, y: point.y + point.y / length * distance)
    }

    /// Pushes apart any two parts that still touch, outward from Self.
    private func separate(_ centres: inout [String: Point]) {
        // By index, not by name: this runs again each time a note needs room.
        let names = [ClinicalLayout.selfName] + nodes.map(\.name)
        let sizes = [selfSize] + nodes.map(\.size)
        var points = names.map { centres[$0] }
        for _ in 0..<40 {
            var moved = false
            for i in names.indices {
                for j in names.indices where j > i {
                    guard let a = points[i], let b = points[j], overlaps(a, sizes[i], b, sizes[j], margin: 12) else { continue }
                    let outer = (a.x * a.x + a.y * a.y) > (b.x * b.x + b.y * b.y) ? i : j
                    guard outer != 0, let point = points[outer] else { continue }
                    points[outer] = ClinicalLayout.outward(point, by: 12)
                    moved = true
                }
            }
            if !moved { break }
        }
        for (name, point) in zip(names, points) { if let point { centres[name] = point } }
    }

    private func bounds(_ centres: [String: Point]) -> (low: Point, high: Point) {
        var low = Point(x: .infinity, y: .infinity)
        var high = Point(x: -.infinity, y: -.infinity)
        for (name, centre) in centres {
            let size = size(of: name)
            low.x = min(low.x, centre.x - size.width / 2)
            low.y = min(low.y, centre.y - size.height / 2)
            high.x = max(high.x, centre.x + size.width / 2)
            high.y = max(high.y, centre.y + size.height / 2)
        }
        return (low, high)
    }

    private func ratio(_ centres: [String: Point]) -> Double {
        let (low, high) = bounds(centres)
        return (high.x - low.x) / max(1, high.y - low.y)
    }

    /// Turns the picture (by up to 60 degrees) when it is too wide or tall and turning brings
    /// width/height nearer 1.1 (without `turns`, only beyond 0.6 to 1.6), then
    /// stretches it along its short side until width/height is between 0.75 and 1.35;
    /// stretching only moves parts apart, so nothing comes to overlap.
    private func balance(_ centres: inout [String: Point], turns: Bool = true) {
        let initial = ratio(centres)
        if centres.count > 2 && (turns ? initial < 0.75 || initial > 1.35 : initial < 0.6 || initial > 1.6) {
            var best = (score: abs(log(ratio(centres) / 1.1)), centres: centres)
            for step in [-4, -3, -2, -1, 1, 2, 3, 4] {
                let turn = Double(step) * Double.pi / 12
                let (c, s) = (cos(turn), sin(turn))
                let turned = centres.mapValues { Point(x: $0.x * c - $0.y * s, y: $0.x * s + $0.y * c) }
                let score = abs(log(ratio(turned) / 1.1)) + 0.02 * Double(abs(step))
                if score < best.score - 0.05 { best = (score, turned) }
            }
            centres = best.centres
        }
        for _ in 0..<12 {
            let ratio = ratio(centres)
            if ratio > 1.35 {
                let factor = min(1.6, ratio / 1.2)
                for name in centres.keys { centres[name]?.y *= factor }
            } else if ratio < 0.75 {
                let factor = min(1.6, 0.9 / ratio)
                for name in centres.keys { centres[name]?.x *= factor }
            } else {
                return
            }
        }
    }

    /// Moves Self toward the middle of the parts round it, as far as it goes without touching
    /// any: with one protective system above it, Self would otherwise sit at the bottom edge.
    /// With `guards` (one system), not past a protector toward what it guards either, nor so
    /// far that the picture grows too wide or tall; and where a part stops Self on its way,
    /// up or down and across on their own (between two protectors, toward what they guard).
    private func centreSelf(_ centres: inout [String: Point], guards: [Guard]?) {
        let others = centres.filter { $0.key != ClinicalLayout.selfName }
        guard !others.isEmpty, let start = centres[ClinicalLayout.selfName] else { return }
        let (low, high) = bounds(others)
        let target = Point(x: (low.x + high.x) / 2, y: (low.y + high.y) / 2)
        guard let guards else {
            centres[ClinicalLayout.selfName] = ClinicalLayout.slide(from: start, to: target) { point in
                !others.contains { overlaps($0.value, size(of: $0.key), point, selfSize, margin: 16) }
            }
            return
        }
        // Room between Self's box and each part's: 16 points, or what there is at the start.
        func room(_ centre: Point, _ size: Size, _ point: Point) -> Double {
            max(abs(centre.x - point.x) - (size.width + selfSize.width) / 2, abs(centre.y - point.y) - (size.height + selfSize.height) / 2)
        }
        let parts = others.sorted { $0.key < $1.key }.map { (centre: $0.value, size: size(of: $0.key)) }
        let least = parts.map { min(16, room($0.centre, $0.size, start)) }
        // Nor does the picture grow too wide or too tall (Self at its edge, moving in).
        func ratio(_ point: Point) -> Double {
            let width = max(high.x, point.x + selfSize.width / 2) - min(low.x, point.x - selfSize.width / 2)
            return width / max(1, max(high.y, point.y + selfSize.height / 2) - min(low.y, point.y - selfSize.height / 2))
        }
        let startRatio = abs(log(ratio(start)))
        func free(_ point: Point) -> Bool {
            let ratio = abs(log(ratio(point)))
            return (ratio <= log(1.5) || ratio <= startRatio) && zip(parts, least).allSatisfy { room($0.centre, $0.size, point) >= $1 }
        }
        // Each guarded part stays behind its protector as seen from Self (if it was).
        // A part with one protector stays straight behind it (within 15 degrees, or as it was);
        // one with more, within 80 degrees of each (or as it was), so the protectors of one
        // part stay within half a turn round Self.
        let pairs = guards.compactMap { pair -> (a: Point, b: Point, margin: Double, cosine: Double)? in
            guard let a = centres[pair.protector], let b = centres[pair.guarded],
                  ClinicalLayout.behind(a, b, margin: pair.margin, within: 0, from: start) else { return nil }
            let (ax, ay, bx, by) = (a.x - start.x, a.y - start.y, b.x - start.x, b.y - start.y)
            let cosine = (ax * bx + ay * by) / max(1e-9, (ax * ax + ay * ay).squareRoot() * (bx * bx + by * by).squareRoot())
            return (a, b, pair.margin, min(cosine, cos(pair.alone ? Double.pi / 12 : 4 * Double.pi / 9)) - 1e-9)
        }
        func allowed(_ point: Point) -> Bool {
            free(point) && pairs.allSatisfy { ClinicalLayout.behind($0.a, $0.b, margin: $0.margin, within: $0.cosine, from: point) }
        }
        var best = ClinicalLayout.slide(from: start, to: target, while: allowed)
        if abs(best.y - target.y) > 1 { best = ClinicalLayout.slide(from: best, to: Point(x: best.x, y: target.y), while: allowed) }
        if abs(best.x - target.x) > 1 { best = ClinicalLayout.slide(from: best, to: Point(x: target.x, y: best.y), while: allowed) }
        centres[ClinicalLayout.selfName] = best
    }

    /// The furthest point toward `end` that Self reaches from `start`, in twentieths of the way,
    /// while each point on the way is `allowed`.
    private static func slide(from start: Point, to end: Point, while allowed: (Point) -> Bool) -> Point {
        var best = start
        for step in 1...20 {
            let t = Double(step) / 20
            let point = Point(x: start.x + (end.x - start.x) * t, y: start.y + (end.y - start.y) * t)
            guard allowed(point) else { break }
            best = point
        }
        return best
    }

    /// A protector and a part it guards on a ring further out of its system, by node name: the
    /// guarded part stays further from Self than the protector, by `margin` at least.
    struct Guard {
        var protector: String
        var guarded: String
        var margin: Double
        /// The guarded part's only protector.
        var alone = false
    }

    /// Every protector with each part it guards further out, the parts nearest Self first (so
    /// a chain of protectors is kept in order from the inside out).
    private func guardPairs(_ groups: [Group], index: [String: Int]) -> [Guard] {
        var ring = [Int?](repeating: nil, count: nodes.count)
        var system = [Int](repeating: -1, count: nodes.count)
        for (number, group) in groups.enumerated() where !group.isUnrelated {
            for (k, parts) in group.rings.enumerated() { for node in parts { (ring[node], system[node]) = (k, number) } }
        }
        var pairs: [(ring: Int, pair: Guard)] = []
        for link in links where link.kind == .protects {
            guard let a = index[link.from], let b = index[link.to], let inner = ring[a], let outer = ring[b],
                  outer > inner, system[a] == system[b] else { continue }
            let margin = max(nodes[a].size.height, nodes[b].size.height) / 2 + 8
            pairs.append((outer, Guard(protector: link.from, guarded: link.to, margin: margin)))
        }
        var count: [String: Int] = [:]
        for (_, pair) in pairs { count[pair.guarded, default: 0] += 1 }
        for n in pairs.indices { pairs[n].pair.alone = count[pairs[n].pair.guarded] == 1 }
        return pairs.enumerated().sorted { ($0.element.ring, $0.offset) < ($1.element.ring, $1.offset) }.map(\.element.pair)
    }

    /// Whether, seen from `centre`, a part at `b` stands behind its protector at `a`: further
    /// away by `margin`, and on the same side, the cosine of the angle between them above
    /// `within` (0: less than a right angle).
    private static func behind(_ a: Point, _ b: Point, margin: Double, within: Double, from centre: Point) -> Bool {
        let (ax, ay, bx, by) = (a.x - centre.x, a.y - centre.y, b.x - centre.x, b.y - centre.y)
        let (da, db) = ((ax * ax + ay * ay).squareRoot(), (bx * bx + by * by).squareRoot())
        return db >= da + margin && ax * bx + ay * by > within * da * db
    }

    /// Moves each guarded part out from Self, where it is not further from Self than each of
    /// its protectors by the margin (stretching, a part moved out for a note, or Self moved
    /// toward the middle may have brought it nearer).
    @discardableResult
    private func keepBehind(_ centres: inout [String: Point], guards: [Guard]) -> Bool {
        guard let centre = centres[ClinicalLayout.selfName] else { return false }
        var moved = false
        for pair in guards {
            guard let a = centres[pair.protector], let b = centres[pair.guarded] else { continue }
            let reach = ((a.x - centre.x) * (a.x - centre.x) + (a.y - centre.y) * (a.y - centre.y)).squareRoot() + pair.margin
            let (dx, dy) = (b.x - centre.x, b.y - centre.y)
            let distance = (dx * dx + dy * dy).squareRoot()
            guard distance < reach, distance > 1 else { continue }
            centres[pair.guarded] = Point(x: centre.x + dx / distance * reach, y: centre.y + dy / distance * reach)
            moved = true
        }
        return moved
    }

    /// Where a loop's note may stand round its part at `centre`, in order of preference: above,
    /// below or beside the part, the way furthest from Self first, then toward its corners;
    /// each a little further out next. A part's loops go out different ways (a note already
    /// placed takes its way), so their notes and lines keep apart.
    private func loopPlaces(around centre: Point, of name: String, note: Size, centres: [String: Point]) -> [Point] {
        let part = size(of: name)
        let middle = centres[ClinicalLayout.selfName] ?? Point(x: 0, y: 0)
        let (ox, oy) = (centre.x - middle.x, centre.y - middle.y)
        let away = ox * ox + oy * oy < 1 ? Double.pi / 2 : atan2(oy, ox)
        func offAway(_ angle: Double) -> Double {
            let turn = abs(angle - away).truncatingRemainder(dividingBy: 2 * Double.pi)
            return min(turn, 2 * Double.pi - turn)
        }
        // A loop with no note (the part's first) is Graphviz's own, on the right of the part:
        // not there, nor at the corners beside it, unless 32 points further out, beyond it.
        let graphvizLoop = links.contains { $0.from == name && $0.to == name && $0.note == nil }
        let quarter = Double.pi / 2
        let sides: [Double] = [0.0, 1, 2, 3].map { $0 * quarter }.sorted { offAway($0) < offAway($1) }
        let corners: [Double] = [0.5, 1.5, 2.5, 3.5].map { $0 * quarter }.sorted { offAway($0) < offAway($1) }
        var places: [Point] = []
        for further in [0.0, 16, 32, 56, 80] {
            for angle in sides + corners where !graphvizLoop || further >= 32 || cos(angle) < 0.5 {
                let (ux, uy) = (cos(angle), sin(angle))
                // From the middle of the part to the middle of the note: the two boxes apart by
                // room for the loop's arrowheads (20 points for a double head) along the way out.
                let reach = min(abs(ux) > 1e-9 ? (part.width + note.width) / 2 / abs(ux) : .infinity,
                                abs(uy) > 1e-9 ? (part.height + note.height) / 2 / abs(uy) : .infinity)
                let distance = reach + 24 / max(abs(ux), abs(uy)) + further
                places.append(Point(x: centre.x + ux * distance, y: centre.y + uy * distance))
            }
        }
        return places
    }

    /// Sixteen directions, a sixteenth of a turn apart (cosine, sine), for the spiral search.
    static let compass: [(Double, Double)] = (0..<16).map { (cos(Double($0) * Double.pi / 8), sin(Double($0) * Double.pi / 8)) }

    /// Each note near the middle of its line, moved along and beside it until it touches no
    /// part and no other note. A note that fits only beside its line (not on it) is returned
    /// in the set: its line runs straight past it, instead of bending out to it.
    /// The third set holds the notes that fit neither on nor just beside their line.
    private func placeNotes(_ centres: [String: Point]) -> (notes: [Int: Point], besides: Set<Int>, apart: Set<Int>) {
        var placed: [(Point, Size)] = centres.map { ($0.value, size(of: $0.key)) }
        var notes: [Int: Point] = [:]
        var besides: Set<Int> = []
        var apart: Set<Int> = []
        for (number, link) in links.enumerated() {
            guard let note = link.note, let a = centres[link.from], let b = centres[link.to] else { continue }
            let (dx, dy) = (b.x - a.x, b.y - a.y)
            let length = max(1, (dx * dx + dy * dy).squareRoot())
            let (nx, ny) = (-dy / length, dx / length)
            var best: Point?
            // How far the note's box reaches across the line from its centre.
            let across = abs(nx) * note.width / 2 + abs(ny) * note.height / 2
            // A line that cannot run straight (a part in its way) bends round it: a note beside
            // the straight way would be left behind, so the line runs through the note instead.
            // (Worked out when first needed: most notes fit on their line at the first try.)
            var known: Bool?
            func straight() -> Bool {
                if let known { return known }
                let clear = link.from == link.to || !placed.contains { other in
                    other.0 != a && other.0 != b && ClinicalGeometry.crosses(a, b, centre: other.0, size: other.1, inset: -4)
                }
                known = clear
                return clear
            }
            // Every place tried on or beside the line, in order of preference.
            var tries: [(point: Point, side: Double)] = []
            if link.from == link.to {
                tries = loopPlaces(around: a, of: link.from, note: note, centres: centres).map { ($0, 0) }
            } else {
                for side in (link.second ? [1.0, -1, 2, -2, 3, -3, 4, -4] : [0.0, 1, -1, 2, -2, 3, -3, 4, -4]) {
                    for t in [0.5, 0.42, 0.58, 0.34, 0.66] {
                        let step = link.bends ? 30 : note.height + 6
                        // Beside the line: clear of it by 8 points or more, so it runs straight past.
                        let offset = link.bends || side == 0 ? side * step : (side > 0 ? 1 : -1) * (across + 8 + (abs(side) - 1) * step)
                        tries.append((Point(x: a.x + dx * t + nx * offset, y: a.y + dy * t + ny * offset), side))
                    }
                }
            }
            // Only what is near those places can touch a note there (a margin is 28 points at most).
            let (low, high) = tries.reduce((Point(x: .infinity, y: .infinity), Point(x: -.infinity, y: -.infinity))) { box, tried in
                (Point(x: min(box.0.x, tried.point.x), y: min(box.0.y, tried.point.y)),
                 Point(x: max(box.1.x, tried.point.x), y: max(box.1.y, tried.point.y)))
            }
            /// What a note centred anywhere from `low` to `high` might touch.
            func nearby(from low: Point, to high: Point) -> [(Point, Size)] {
                placed.filter { other in
                    let reach = Point(x: (other.1.width + note.width) / 2 + 28, y: (other.1.height + note.height) / 2 + 28)
                    return other.0.x + reach.x > low.x && other.0.x - reach.x < high.x && other.0.y + reach.y > low.y && other.0.y - reach.y < high.y
                }
            }
            let near = nearby(from: low, to: high)
            for (point, side) in tries {
                // On the line, a clear length of line on each side: no stub between two close parts.
                let keepsEndsClear = (side == 0 || !straight()) && link.from != link.to
                guard !near.contains(where: { overlaps($0.0, $0.1, point, note, margin: keepsEndsClear && ($0.0 == a || $0.0 == b) ? 28 : 10) }) else {
                    continue
                }
                best = point
                if !link.second && side != 0 && link.from != link.to && straight() {
                    besides.insert(number)
                    if abs(side) > 1 { apart.insert(number) }
                }
                break
            }
            if best == nil {
                // Crowded: the nearest free place round the middle of the line.
                let middle = Point(x: a.x + dx / 2, y: a.y + dy / 2)
                spiral: for step in 1...60 {
                    // The places tried at this step are on a circle: only what is near it can touch them.
                    let radius = Double(step) * 8
                    let near = nearby(from: Point(x: middle.x - radius, y: middle.y - radius),
                                      to: Point(x: middle.x + radius, y: middle.y + radius))
                    for (cosine, sine) in ClinicalLayout.compass {
                        let point = Point(x: middle.x + cosine * radius, y: middle.y + sine * radius)
                        // The line runs through the note: a clear length of it on each side.
                        if !near.contains(where: {
                            overlaps($0.0, $0.1, point, note, margin: link.from != link.to && ($0.0 == a || $0.0 == b) ? 28 : 10)
                        }) {
                            best = point
                            break spiral
                        }
                    }
                }
            }
            let point = best ?? Point(x: a.x + dx / 2, y: a.y + dy / 2)
            notes[number] = point
            placed.append((point, note))
        }
        return (notes, besides, apart)
    }
}
