import Foundation
import Testing
@testable import PartsMap

/// The clinical layout of a map with one protective system, and of loops: measured on the real
/// layout (`DOTWriter`'s clinical geometry) and on Graphviz's own output (`-Tjson`).
@Suite("Clinical layout: one protective system, loops")
struct ClinicalSystemsTests {
    typealias Point = (x: Double, y: Double)

    /// The map of the report: three protectors of one exile, two of them polarized.
    static let oneSystem = """
        partsmap 1
        title: One system
        part numb: The Numb One
          role: firefighter
        part critic: The Critic
          role: manager
        part planner: The Planner
          role: manager
        part grief: Little Grief
          role: exile
        numb protects grief
        critic protects grief
        planner protects grief
        critic polarized numb: push vs shut down

        """

    /// One protective system: `protectors` protectors (roles and names drawn from `seed`),
    /// `exiles` exiles; each exile guarded by every protector when `shared`, else by some of
    /// them (each protector guarding one exile at least, each exile guarded at least once);
    /// sometimes two protectors polarized or allied, with or without a note.
    static func system(protectors: Int, exiles: Int, shared: Bool = true, seed: UInt64) -> SystemMap {
        var random = SplitMix64(seed: seed)
        func below(_ limit: Int) -> Int { Int(random.next() % UInt64(limit)) }
        let names = ["The Critic", "The Planner", "The Numb One", "The Scroller", "The Pleaser", "The Worrier",
                     "The Controller Who Never Sleeps", "Mr Busy", "The Watchman", "The Freezer"]
        let roles = ["manager", "firefighter", "protector"]
        let young = ["Little Grief", "The Kid", "The Baby", "The Lonely One Who Waits", "Shame"]
        var text = "partsmap 1\ntitle: One system\n"
        for index in 0..<protectors { text += "part p\(index): \(names[below(names.count)])\n  role: \(roles[below(roles.count)])\n" }
        for index in 0..<exiles { text += "part e\(index): \(young[below(young.count)])\n  role: exile\n  age: \(3 + below(10))\n" }
        for index in 0..<protectors {
            // The first protector guards every exile: one system.
            for exile in 0..<exiles where shared || index == 0 || exile == index % exiles || below(3) == 0 {
                text += "p\(index) protects e\(exile)\n"
            }
        }
        if protectors > 1 && below(2) == 0 {
            let kind = below(2) == 0 ? "polarized" : "allied"
            text += "p0 \(kind) p\(protectors - 1)" + (below(2) == 0 ? ": push vs shut down" : "") + "\n"
        }
        return TestSupport.parseValid(text)
    }

    /// Each exile's centre, its protectors' centres and the tallest height among them, from
    /// Self's centre, with the boxes of Self and every part.
    struct Measures {
        var exiles: [(name: String, at: Point, guards: [Point], tallest: Double)] = []
        var selfCentre: Point = (0, 0)
        var boxes: [(centre: Point, width: Double, height: Double)] = []
    }

    static func measures(_ map: SystemMap, centres: [String: Point], sizes: [String: (width: Double, height: Double)]) -> Measures {
        var measures = Measures()
        measures.selfCentre = centres["self"] ?? (0, 0)
        for name in centres.keys.sorted() where name == "self" || name.hasPrefix("p_") {
            if let centre = centres[name], let size = sizes[name] { measures.boxes.append((centre, size.width, size.height)) }
        }
        for part in map.parts where part.role == .exile {
            let name = DOTWriter.nodeName(.part(part.id))
            let guards = map.relationships.filter { $0.kind == .protects && $0.to == .part(part.id) && $0.from != $0.to }
                .map { DOTWriter.nodeName($0.from) }
            guard !guards.isEmpty, let at = centres[name] else { continue }
            let tallest = ([name] + guards).compactMap { sizes[$0]?.height }.max() ?? 0
            measures.exiles.append((name, at, guards.compactMap { centres[$0] }, tallest))
        }
        return measures
    }

    /// The smallest arc (from, width) holding every angle, in radians.
    static func arc(_ angles: [Double]) -> (from: Double, width: Double) {
        let sorted = angles.map { ($0.truncatingRemainder(dividingBy: 2 * Double.pi) + 2 * Double.pi).truncatingRemainder(dividingBy: 2 * Double.pi) }.sorted()
        guard let first = sorted.first, sorted.count > 1 else { return (sorted.first ?? 0, 0) }
        var widest = (gap: 2 * Double.pi - ((sorted.last ?? first) - first), after: sorted.count - 1)
        for n in 1..<sorted.count where sorted[n] - sorted[n - 1] > widest.gap { widest = (sorted[n] - sorted[n - 1], n - 1) }
        return (sorted[(widest.after + 1) % sorted.count], 2 * Double.pi - widest.gap)
    }

    /// Every exile further from Self than each protector guarding it, by half the tallest of
    /// them at least, and within the angle its protectors span seen from Self (behind a lone
    /// protector, within 30 degrees); the protectors of one exile on one side of Self
    /// (spanning less than half a turn); the picture between 0.6 and 1.6 times as wide as tall.
    static func expectBehind(_ measures: Measures, _ name: String) {
        let origin = measures.selfCentre
        func polar(_ point: Point) -> (distance: Double, angle: Double) {
            let (dx, dy) = (point.x - origin.x, point.y - origin.y)
            return ((dx * dx + dy * dy).squareRoot(), atan2(dy, dx))
        }
        #expect(!measures.exiles.isEmpty, "\(name): an exile with protectors")
        for exile in measures.exiles {
            let (distance, angle) = polar(exile.at)
            let guards = exile.guards.map(polar)
            let furthest = guards.map(\.distance).max() ?? 0
            #expect(distance > furthest + exile.tallest / 2,
                    "\(name): \(exile.name) is \(Int(distance)) pt from Self, a protector \(Int(furthest)) pt (\(Int(exile.tallest)) pt tall)")
            let span = arc(guards.map(\.angle))
            var into = (angle - span.from).truncatingRemainder(dividingBy: 2 * Double.pi)
            if into < 0 { into += 2 * Double.pi }
            // Behind a lone protector: within 30 degrees (two exiles behind one protector stand
            // side by side behind it).
            let slack = guards.count == 1 ? Double.pi / 6 : 0.01
            let inside = into <= span.width + slack || 2 * Double.pi - into <= slack
            #expect(inside, "\(name): \(exile.name) at \(Int(angle * 180 / .pi))°, its protectors from \(Int(span.from * 180 / .pi))° over \(Int(span.width * 180 / .pi))°")
            #expect(span.width < Double.pi, "\(name): \(exile.name)'s protectors span \(Int(span.width * 180 / .pi))° round Self")
        }
        let low = (x: measures.boxes.map { $0.centre.x - $0.width / 2 }.min() ?? 0, y: measures.boxes.map { $0.centre.y - $0.height / 2 }.min() ?? 0)
        let high = (x: measures.boxes.map { $0.centre.x + $0.width / 2 }.max() ?? 0, y: measures.boxes.map { $0.centre.y + $0.height / 2 }.max() ?? 0)
        let ratio = (high.x - low.x) / max(1, high.y - low.y)
        #expect(ratio >= 0.6 && ratio <= 1.6, "\(name): width/height \(ratio)")
    }

    /// The layout as Graphviz draws it: centres and sizes from `-Tjson`.
    static func drawn(_ map: SystemMap) throws -> Measures {
        let drawing = try ReadabilityTests().drawing(DOTWriter(options: DOTOptions(layout: .clinical)).dot(for: map))
        let centres = drawing.boxes.mapValues { $0.centre }
        let sizes = drawing.boxes.mapValues { (width: $0.maxX - $0.minX, height: $0.maxY - $0.minY) }
        return measures(map, centres: centres, sizes: sizes)
    }

    /// The map of the report, and one exile with 1, 2, 5 and 8 protectors, and two exiles
    /// sharing three protectors: drawn by Graphviz, each exile stands behind its protectors.
    /// (The report's map had its three protectors spread over 180 degrees round Self, the
    /// Planner below it, and Little Grief only 23 points further from Self than the Numb One.)
    @Test(arguments: [("the map of the report", 0, 0), ("1 protector", 1, 1), ("2 protectors", 2, 1), ("5 protectors", 5, 1),
                      ("8 protectors", 8, 1), ("2 exiles sharing 3 protectors", 3, 2), ("2 exiles sharing 4 protectors", 4, 2)])
    func theExileStandsBehindItsProtectors(name: String, protectors: Int, exiles: Int) throws {
        let map = protectors == 0 ? TestSupport.parseValid(Self.oneSystem) : Self.system(protectors: protectors, exiles: exiles, seed: UInt64(protectors * 10 + exiles))
        Self.expectBehind(try Self.drawn(map), name)
    }

    /// The examples with one protective system (a first map, a vignette): the same.
    @Test(arguments: ["first-map.parts", "vignettes/preverbal.parts", "vignettes/perfectionist.parts", "vignettes/numb-teen.parts"])
    func theExamplesOfOneSystemKeepTheExileBehind(example: String) throws {
        let map = TestSupport.parseValid(try TestSupport.exampleText(example))
        Self.expectBehind(try Self.drawn(map), example)
    }

    /// One exile and two protectors, as a first map has them: the picture is symmetric about
    /// the exile. The protectors stand at one height, as far to either side of the exile, as
    /// Graphviz draws them (a wide firefighter and a narrow manager stood 40 points apart in
    /// height, spaced by their widths). The perfectionist's Vacuum is too wide to share its half
    /// circle evenly, and keeps its place.
    @Test(arguments: ["first-map.parts", "vignettes/preverbal.parts", "vignettes/numb-teen.parts"])
    func twoProtectorsStandSymmetricAboutTheirExile(example: String) throws {
        let map = TestSupport.parseValid(try TestSupport.exampleText(example))
        let measures = try Self.drawn(map)
        let exile = try #require(measures.exiles.first)
        #expect(measures.exiles.count == 1 && exile.guards.count == 2)
        let (a, b) = (exile.guards[0], exile.guards[1])
        #expect(abs(a.y - b.y) < 1, "\(example): protectors at heights \(a.y) and \(b.y)")
        #expect(abs((a.x + b.x) / 2 - exile.at.x) < 1, "\(example): protectors at \(a.x) and \(b.x), the exile at \(exile.at.x)")
    }

    /// Property: on generated maps of one protective system (1 to 8 protectors, 1 or 2
    /// exiles, shared or not, polarized or allied protectors, notes), the real layout keeps
    /// every exile behind its protectors, and draws the same map the same way twice.
    @Test func generatedSystemsKeepEveryExileBehindItsProtectors() throws {
        var random = SplitMix64(seed: 2026)
        for round in 0..<40 {
            let protectors = 1 + Int(random.next() % 8)
            let exiles = 1 + Int(random.next() % 2)
            let shared = random.next() % 2 == 0
            let seed = random.next()
            let map = Self.system(protectors: protectors, exiles: exiles, shared: shared, seed: seed)
            let writer = DOTWriter(options: DOTOptions(layout: .clinical))
            let geometry = writer.clinicalGeometry(map, legend: nil)
            let centres = geometry.centres.mapValues { (x: $0.x, y: $0.y) }
            let sizes = geometry.sizes.mapValues { (width: $0.width, height: $0.height) }
            Self.expectBehind(Self.measures(map, centres: centres, sizes: sizes),
                              "round \(round): \(protectors) protectors, \(exiles) exiles\(shared ? " shared" : ""), seed \(seed)")
            #expect(writer.dot(for: map) == writer.dot(for: map), "round \(round): the same map, the same bytes")
        }
    }

    // MARK: Loops

    /// Loops on one part, each with a note: `critic` (a manager guarding `hidden`) and the
    /// kinds of loop given, with `others` more relationships.
    static func loops(_ kinds: [String], others: [String] = []) -> SystemMap {
        let notes = ["the more it criticises, the more it finds to criticise", "takes over its own voice", "loud, then quiet",
                     "stays with itself", "pulls both ways at once"]
        var text = "partsmap 1\ntitle: Loops\npart critic: The Critic\n  role: manager\npart planner: The Planner\n  role: manager\n"
            + "part hidden: The Hidden One\n  role: exile\ncritic protects hidden\nplanner protects hidden\n"
        for (index, kind) in kinds.enumerated() { text += "critic \(kind) critic: \(notes[index % notes.count])\n" }
        return TestSupport.parseValid(text + others.map { $0 + "\n" }.joined())
    }

    /// Two or more loops on one part each go out their own way: as Graphviz draws them, no
    /// note overlaps another note or a part, no line runs through a note not its own, and
    /// each loop's note stands by its part. (The notes of two loops on one part stood one
    /// over the other, the second loop's line running up through the first note.)
    @Test(arguments: [["triggers", "blends"], ["triggers", "blends", "alternates"], ["triggers", "blends", "alternates", "allied"],
                      ["blends", "triggers", "polarized", "alternates", "allied"]])
    func loopsOnOnePartKeepTheirNotesApart(kinds: [String]) throws {
        for others in [[], ["planner triggers planner: plans more plans", "critic polarized planner: who decides"]] {
            let map = Self.loops(kinds, others: others)
            let drawing = try ReadabilityTests().drawing(DOTWriter(options: DOTOptions(layout: .clinical)).dot(for: map))
            let notes = drawing.boxes.filter { $0.key.hasPrefix("note_") && $0.value.maxX - $0.value.minX > 4 }
            let parts = drawing.boxes.filter { $0.key == "self" || $0.key.hasPrefix("p_") || $0.key == "title" }
            let name = kinds.joined(separator: ", ") + (others.isEmpty ? "" : " and more lines")
            let sortedNotes = notes.keys.sorted()
            for (i, a) in sortedNotes.enumerated() {
                guard let box = notes[a] else { continue }
                for b in sortedNotes[(i + 1)...] { #expect(!(notes[b].map(box.overlaps) ?? false), "\(name): \(a) overlaps \(b)") }
                for (part, other) in parts { #expect(!box.overlaps(other), "\(name): \(a) overlaps \(part)") }
            }
            for line in drawing.lines where ReadabilityTests.isMapNode(line.tail) && ReadabilityTests.isMapNode(line.head) {
                for (note, box) in notes where note != line.tail && note != line.head {
                    #expect(!line.points.contains { box.contains($0, inset: 2) }, "\(name): \(line.tail) -> \(line.head) runs through \(note)")
                }
            }
            // Each loop's note just beside its part: within 72 points of the part's box (room
            // for the arrowheads, and more when the ways nearer are taken).
            let critic = try #require(drawing.boxes["p_critic"])
            for (number, relationship) in map.relationships.enumerated() where relationship.from == relationship.to && DOTWriter.nodeName(relationship.from) == "p_critic" {
                let note = try #require(notes[ClinicalGeometry.noteName(number)], "\(name): loop \(number) has its note")
                let gap = max(note.minX - critic.maxX, critic.minX - note.maxX, note.minY - critic.maxY, critic.minY - note.maxY)
                #expect(gap > 0 && gap <= 72, "\(name): loop \(number)'s note is \(Int(gap)) pt from its part")
            }
        }
    }

    /// A part's first loop without a note is drawn on the right of the part (where Graphviz drew
    /// it when it was left to Graphviz): the notes of its other loops go out other ways, clear
    /// of it (the second loop's way out to the right lay over it).
    @Test func loopNotesKeepClearOfALoopGraphvizDraws() throws {
        let map = TestSupport.parseValid("""
            partsmap 1
            part critic: The Critic
              role: manager
            part hidden: The Hidden One
              role: exile
            critic protects hidden
            critic polarized critic
            critic blends critic: takes over its own voice
            critic triggers critic: the more it criticises
            critic alternates critic: loud, then quiet
            """)
        let drawing = try ReadabilityTests().drawing(DOTWriter(options: DOTOptions(layout: .clinical)).dot(for: map))
        let critic = try #require(drawing.boxes["p_critic"])
        let own = try #require(drawing.lines.first { $0.tail == "p_critic" && $0.head == "p_critic" }, "Graphviz draws the first loop")
        for number in 2...4 {
            let note = try #require(drawing.boxes[ClinicalGeometry.noteName(number)])
            #expect(!own.points.contains { note.contains($0, inset: 0) }, "Graphviz's loop runs through note \(number)")
            // Not just right of the part, where Graphviz's loop is (beyond it, 32 points out, it may).
            #expect(note.maxX <= critic.maxX || note.minX >= critic.maxX + 40 || note.minY > critic.maxY || note.maxY < critic.minY,
                    "note \(number) is not on the right of its part")
        }
    }

    /// Loops without a note are drawn by PartsMap, every size of map: left to Graphviz, one made
    /// it route every line (a 60-part map took 1.5 s instead of 0.02). They reach out of the
    /// part's right side, a second one further, and the legend beside or under the map keeps
    /// clear of them (it stood on the second loop).
    @Test func loopsWithoutNotesAreDrawnHereAndKeepClearOfTheLegend() throws {
        let map = Self.loops(["blends"], others: ["critic polarized critic", "planner triggers planner", "planner allied planner"])
        let dot = DOTWriter(options: DOTOptions(showsLegend: true, layout: .clinical)).dot(for: map)
        let lines = dot.split(separator: "\n").filter { $0.contains(" -> ") && !$0.contains("legend") }
        #expect(lines.allSatisfy { $0.contains(" pos=\"") }, "\(lines.filter { !$0.contains(" pos=\"") })")
        let drawing = try ReadabilityTests().drawing(dot)
        let legend = ReadabilityTests.bounds(Array(drawing.boxes.filter { $0.key.hasPrefix("legend") }.values))
        let planner = try #require(drawing.boxes["p_planner"])
        let loops = drawing.lines.filter { $0.tail == "p_planner" && $0.head == "p_planner" }
        #expect(loops.count == 2)
        for loop in loops {
            #expect(loop.points.allSatisfy { !legend.contains($0, inset: -8) }, "a loop runs into the legend")
            #expect(loop.points.contains { $0.x > planner.maxX + 20 }, "the loop reaches out of the part's right side")
        }
    }
}
