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
}
