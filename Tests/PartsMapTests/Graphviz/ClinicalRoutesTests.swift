import Foundation
import Testing
@testable import PartsMap

/// The clinical layout's own line router (`ClinicalRoutes`): lines go round parts, and a line
/// takes the way that crosses fewest others.
@Suite("Clinical layout: lines drawn by PartsMap")
struct ClinicalRoutesTests {
    typealias Point = ClinicalLayout.Point

    static func box(_ x: Double, _ y: Double, _ width: Double, _ height: Double) -> ClinicalRoutes.Obstacle {
        ClinicalRoutes.Obstacle(centre: Point(x: x, y: y), size: ClinicalLayout.Size(width: width, height: height), shape: "box")
    }

    /// A line from an exile to Self passes its protector `c` just below the exile, whose lines
    /// to `d` and `e` leave to the right, with a neighbour `f` below on the left. Round the right
    /// of `c` the line crosses both; round its left it has only a narrow way between `c` and
    /// `f`, which no single curve from end to end takes: two curves joined beside `c` do.
    @Test func aLineTurnsRoundAPartNearItsEndOnTheSideWithoutLines() throws {
        let obstacles = [
            "a": Self.box(0, 300, 100, 40), "b": Self.box(0, -700, 90, 90), "c": Self.box(0, 200, 160, 50),
            "d": Self.box(250, 300, 100, 40), "e": Self.box(250, 120, 100, 40), "f": Self.box(-190, 120, 140, 50),
        ]
        let lines = [("a", "b"), ("c", "d"), ("c", "e")].map { ClinicalRoutes.Line(tail: $0.0, head: $0.1, ends: [$0.0, $0.1]) }
        let plain = ClinicalRoutes(obstacles: obstacles)
        let ways = plain.chooseWays(lines)
        let routes = ClinicalRoutes(obstacles: obstacles, preferred: ways)
        func route(_ from: String, _ to: String) throws -> [Point] {
            try Self.samples(try #require(routes.pos(from: from, to: to, head: nil, tail: nil)))
        }
        let line = try route("a", "b")
        // Round the left of c, clear of every part it does not join…
        #expect(line.contains { $0.x < -80 && $0.y > 150 && $0.y < 250 })
        for name in ["c", "d", "e", "f"] {
            let obstacle = try #require(obstacles[name])
            #expect(!line.contains { ClinicalRoutes.inside($0, obstacle) }, "the line runs through \(name)")
        }
        // …and crossing neither of c's lines.
        for other in [try route("c", "d"), try route("c", "e")] {
            #expect(!ClinicalRoutes.polylinesCross(line, other))
        }
    }

    /// A line from `a` to `b` with a wide part `c` across its way has no clear straight or bowed
    /// way: it goes round `c`, on the side where no line runs (the line from `d` to `e`), not
    /// the side its ways are tried first. Taken in that order, as `pos` tries them, it crossed
    /// `d`–`e`.
    @Test func aLineWithNoClearStraightWayGoesRoundOnTheSideWithoutLines() throws {
        let obstacles = [
            "a": Self.box(0, 300, 100, 40), "b": Self.box(0, -300, 100, 40), "c": Self.box(0, 0, 600, 100),
            "d": Self.box(200, 270, 40, 40), "e": Self.box(200, -270, 40, 40),
        ]
        let lines = [("a", "b"), ("d", "e")].map { ClinicalRoutes.Line(tail: $0.0, head: $0.1, ends: [$0.0, $0.1]) }
        let ways = ClinicalRoutes(obstacles: obstacles).chooseWays(lines)
        let routes = ClinicalRoutes(obstacles: obstacles, preferred: ways)
        let line = try Self.samples(try #require(routes.pos(from: "a", to: "b", head: nil, tail: nil)))
        let other = try Self.samples(try #require(routes.pos(from: "d", to: "e", head: nil, tail: nil)))
        for name in ["c", "d", "e"] {
            let obstacle = try #require(obstacles[name])
            #expect(!line.contains { ClinicalRoutes.inside($0, obstacle) }, "the line runs through \(name)")
        }
        #expect(line.contains { $0.x < -300 }, "the line goes round c on the left")
        #expect(!ClinicalRoutes.polylinesCross(line, other))
        // Round the right, the first clear way tried crosses d–e: the test tells the two apart.
        let first = try Self.samples(try #require(ClinicalRoutes(obstacles: obstacles).pos(from: "a", to: "b", head: nil, tail: nil)))
        #expect(ClinicalRoutes.polylinesCross(first, other))
    }

    /// Routes `lines` as the clinical layout does and requires each clear of every part it does
    /// not join, and no two lines that share no part to cross; returns the drawn lines.
    static func routedUncrossed(_ obstacles: [String: ClinicalRoutes.Obstacle], _ pairs: [(String, String)]) throws -> [String: [Point]] {
        let lines = pairs.map { ClinicalRoutes.Line(tail: $0.0, head: $0.1, ends: [$0.0, $0.1]) }
        let routes = ClinicalRoutes(obstacles: obstacles, preferred: ClinicalRoutes(obstacles: obstacles).chooseWays(lines))
        var drawn: [String: [Point]] = [:]
        for (tail, head) in pairs {
            let line = try samples(try #require(routes.pos(from: tail, to: head, head: nil, tail: nil)))
            for (name, obstacle) in obstacles where name != tail && name != head {
                #expect(!line.contains { ClinicalRoutes.inside($0, obstacle) }, "\(tail)–\(head) runs through \(name)")
            }
            drawn[tail + " " + head] = line
        }
        for (i, first) in pairs.enumerated() {
            for second in pairs[(i + 1)...] where Set([first.0, first.1]).isDisjoint(with: [second.0, second.1]) {
                let (a, b) = (try #require(drawn[first.0 + " " + first.1]), try #require(drawn[second.0 + " " + second.1]))
                #expect(!ClinicalRoutes.polylinesCross(a, b), "\(first.0)–\(first.1) crosses \(second.0)–\(second.1)")
            }
        }
        return drawn
    }

    /// Two protective systems of the generated 60-part map, as the layout placed them: the
    /// critic's "triggers" line to the exile has the planner across its straight way. Round the
    /// planner's top it crossed the polarized line from the scroller; round its bottom it must
    /// leave the critic between the allied line's note and the hidden exile, then turn, which
    /// no single or double curve does: the path on the grid does.
    @Test func aLineLeavesByANarrowGapAndTurnsRoundAPart() throws {
        func part(_ x: Double, _ y: Double, _ shape: String) -> ClinicalRoutes.Obstacle {
            let size: (Double, Double) = shape == "box" ? (160, 49) : shape == "octagon" ? (254, 75) : (192, 69)
            return .init(centre: Point(x: x, y: y), size: .init(width: size.0, height: size.1), shape: shape)
        }
        let obstacles: [String: ClinicalRoutes.Obstacle] = [
            "planner": part(144.5, -1118.1, "box"), "critic": part(331, -976.8, "box"), "scroller": part(-108.8, -1025.6, "octagon"),
            "exile": part(-14, -1193.5, "ellipse"), "hidden": part(379.9, -1121.2, "ellipse"),
            "polarizedNote": Self.box(-15.7, -1100.9, 103, 28), "alliedNote": Self.box(237.7, -1047.5, 129, 28),
            "neighbour": part(-344.8, -972, "box"),
            "critic2": part(522.8, -889.1, "box"), "scroller2": part(710.8, -747.3, "octagon"), "planner2": part(848.5, -586.3, "box"),
            "exile2": part(951.8, -856.7, "ellipse"), "hidden2": part(614, -1044.3, "ellipse"),
            "polarizedNote2": Self.box(779.7, -666.8, 103, 28), "alliedNote2": Self.box(725.1, -832.3, 129, 28),
            "self": .init(centre: Point(x: -9.3, y: -1.7), size: .init(width: 120, height: 120), shape: "doublecircle"),
        ]
        let drawn = try Self.routedUncrossed(obstacles, [
            ("neighbour", "exile"), ("planner", "exile"), ("critic", "hidden"), ("scroller", "exile"), ("scroller", "planner"),
            ("planner", "alliedNote"), ("alliedNote", "critic"), ("critic", "exile"),
            ("critic2", "hidden2"), ("scroller2", "exile2"), ("scroller2", "polarizedNote2"), ("polarizedNote2", "planner2"),
            ("planner2", "alliedNote2"), ("alliedNote2", "critic2"), ("critic2", "exile2"), ("hidden2", "self"),
        ])
        // Below the planner, not over it.
        let trigger = try #require(drawn["critic exile"])
        #expect(trigger.contains { $0.x > 100 && $0.x < 190 && $0.y < -1143 })
    }

    /// Generated scenes of parts and lines, crowded so that many lines cross and look for paths
    /// on the grid: choosing ways never fails, no chosen curve runs through a part, and the
    /// lines together cross no more than with the router's own ways alone (the scene's lines
    /// drawn by `pos` in its own order, as a router with no choice would).
    @Test func chosenWaysOnGeneratedScenesStayClearAndNeverCrossMore() throws {
        var random = SplitMix64(seed: 9)
        var grid = 0
        for _ in 0..<40 {
            var obstacles: [String: ClinicalRoutes.Obstacle] = [:]
            var placed: [(Point, Double)] = []
            while obstacles.count < 14 {
                let centre = Point(x: Double(random.next() % 900), y: Double(random.next() % 700))
                guard !placed.contains(where: { abs($0.0.x - centre.x) < 130 && abs($0.0.y - centre.y) < 60 }) else { continue }
                placed.append((centre, 0))
                let shape = ["box", "ellipse", "octagon"][Int(random.next() % 3)]
                obstacles["n\(obstacles.count)"] = .init(centre: centre, size: .init(width: 100, height: 40), shape: shape)
            }
            let names = obstacles.keys.sorted()
            var pairs: [(String, String)] = []
            while pairs.count < 18 {
                let (a, b) = (names[Int(random.next() % 14)], names[Int(random.next() % 14)])
                if a != b && !pairs.contains(where: { Set([$0.0, $0.1]) == Set([a, b]) }) { pairs.append((a, b)) }
            }
            let lines = pairs.map { ClinicalRoutes.Line(tail: $0.0, head: $0.1, ends: [$0.0, $0.1]) }
            let chosen = ClinicalRoutes(obstacles: obstacles).chooseWays(lines)
            grid += chosen.own.count
            func crossings(_ routes: ClinicalRoutes) throws -> Int {
                let drawn = try pairs.map { pair in try routes.pos(from: pair.0, to: pair.1, head: nil, tail: nil).map(Self.samples) }
                var count = 0
                for i in pairs.indices {
                    guard let first = drawn[i] else { continue }
                    for (name, obstacle) in obstacles where name != pairs[i].0 && name != pairs[i].1 {
                        #expect(!first.contains { ClinicalRoutes.inside($0, obstacle) }, "\(pairs[i]) runs through \(name)")
                    }
                    for k in (i + 1)..<pairs.count where Set([pairs[i].0, pairs[i].1]).isDisjoint(with: [pairs[k].0, pairs[k].1]) {
                        if let second = drawn[k], ClinicalRoutes.polylinesCross(first, second) { count += 1 }
                    }
                }
                return count
            }
            let ours = try crossings(ClinicalRoutes(obstacles: obstacles, preferred: chosen))
            let plain = try crossings(ClinicalRoutes(obstacles: obstacles))
            #expect(ours <= plain)
        }
        // The scenes do reach the grid.
        #expect(grid > 0)
    }

    /// Points along a Graphviz edge `pos` (3n + 1 control points of n joined cubic curves).
    static func samples(_ pos: String) throws -> [Point] {
        let points = pos.dropFirst().dropLast().split(separator: " ").compactMap { word -> Point? in
            let numbers = word.split(separator: ",").compactMap { Double($0) }
            return numbers.count == 2 ? Point(x: numbers[0], y: numbers[1]) : nil
        }
        #expect(points.count % 3 == 1)
        var samples: [Point] = []
        for n in 0..<(points.count / 3) {
            let cubic = Array(points[(3 * n)...(3 * n + 3)])
            for step in 0...16 { samples.append(ClinicalRoutes.point(cubic, Double(step) / 16)) }
        }
        return samples
    }

    /// The part of a two-piece curve between two times starts and ends on the curve there.
    @Test func aPieceOfTwoJoinedCurvesStartsAndEndsOnTheCurve() {
        let curve = [(0.0, 0.0), (10, 30), (40, 40), (60, 40), (80, 40), (100, 20), (120, 0)].map { Point(x: $0.0, y: $0.1) }
        #expect(ClinicalRoutes.pieces(curve) == 2)
        #expect(ClinicalRoutes.piece(of: curve, from: 0, to: 2) == curve)
        for (t0, t1) in [(0.25, 1.5), (0.1, 0.9), (1.2, 1.8), (0.0, 1.0)] {
            let piece = ClinicalRoutes.piece(of: curve, from: t0, to: t1)
            let (start, end) = (ClinicalRoutes.point(curve, t0), ClinicalRoutes.point(curve, t1))
            #expect(abs(piece[0].x - start.x) < 1e-9 && abs(piece[0].y - start.y) < 1e-9)
            #expect(abs(piece[piece.count - 1].x - end.x) < 1e-9 && abs(piece[piece.count - 1].y - end.y) < 1e-9)
            #expect(piece.count == (Int(t0) == min(1, Int(t1)) ? 4 : 7))
        }
    }

    /// A map of `systems` five-part systems (two managers and a firefighter guarding two exiles,
    /// the firefighter polarized with a manager, the managers allied, a trigger to the next
    /// system), as the benchmark makes them.
    static func systems(_ systems: Int) -> String {
        var text = "partsmap 1\ntitle: \(systems * 5) parts\n"
        let names = ["The Planner", "The Critic", "The Scroller", "Little One", "The Hidden One"]
        let roles = ["manager", "manager", "firefighter", "exile", "exile"]
        for system in 0..<systems {
            for member in 0..<5 {
                text += "part p\(system * 5 + member): \(names[member]) \(system)\n  role: \(roles[member])\n  age: about \(5 + (system * 5 + member) % 40)\n"
            }
        }
        for system in 0..<systems {
            let p = (0..<5).map { "p\(system * 5 + $0)" }
            text += "\(p[0]) protects \(p[3])\n\(p[1]) protects \(p[4])\n\(p[2]) protects \(p[3])\n"
            text += "\(p[2]) polarized \(p[0]): control versus relief\n\(p[0]) allied \(p[1]): both keep things running\n"
            text += "\(p[1]) triggers \(p[3])\n\(p[4]) blends self\n"
            if system % 2 == 0 && system + 1 < systems { text += "\(p[0]) triggers p\((system + 1) * 5 + 3)\n" }
        }
        return text
    }

    /// Beyond 60 parts every line is drawn here, loops too: one line left to Graphviz made it
    /// route them all (22 s on this 150-part map, where the clinical router found no clear way
    /// for one trigger). Up to 60 parts a line with no clear way is still Graphviz's, which goes
    /// round parts.
    @Test func largeMapsLeaveNoLineToGraphviz() throws {
        // With loops that have no note, which Graphviz drew itself: three of them on a generated
        // map of 183 parts made it route every line, 38 s.
        let text = Self.systems(30) + "p0 triggers p0\np1 allied p1\np1 allied p1\nself polarized self\n"
        let map = TestSupport.parseValid(text)
        let dot = DOTWriter(options: DOTOptions(layout: .clinical)).dot(for: map)
        let lines = dot.split(separator: "\n").filter { $0.contains(" -> ") }
        #expect(lines.count >= map.relationships.count)
        #expect(lines.allSatisfy { $0.contains(" pos=\"") }, "\(lines.filter { !$0.contains(" pos=\"") })")
        // Graphviz keeps every line as drawn: its SVG has one path per line, from real Graphviz.
        let folder = try TestSupport.makeTemporaryFolder()
        defer { TestSupport.cleanUp(folder) }
        let path = folder.appendingPathComponent("large.parts")
        try text.write(to: path, atomically: true, encoding: .utf8)
        let result = try TestSupport.partsmap(["render", path.path, "--layout", "clinical", "-o", "-", "--timeout", "20"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.components(separatedBy: "class=\"edge\"").count - 1 == lines.count)
    }
}
