import Foundation
import Testing
@testable import PartsMap

/// Paper: with `--page a4|letter` the smallest text on the page is at least 8 pt. Measured on
/// Graphviz's SVG: each `font-size` times the scale the page fit gives the drawing.
@Suite("Paper: readable text on every page")
struct PageFitTests {
    /// The smallest text in an SVG as printed, in points.
    static func smallestPrintedPoints(_ svg: String) -> Double? {
        let scale = svg.firstMatch(of: /transform="scale\(([0-9.]+)/).flatMap { Double($0.1) } ?? 1
        let sizes = svg.matches(of: /font-size="([0-9.]+)"/).compactMap { Double($0.1) }
        return sizes.min().map { $0 * scale }
    }

    /// A map of `systems` protective systems (an exile, two protectors) and a few loose parts.
    static func map(systems: Int) -> String {
        var text = "partsmap 1\ntitle: \(systems) systems\n"
        for index in 0..<systems {
            text += "part e\(index): Exile \(index)\n  role: exile\n  age: \(index + 4)\n"
            text += "part m\(index): Manager \(index)\n  role: manager\npart f\(index): Firefighter \(index)\n  role: firefighter\n"
            text += "m\(index) protects e\(index): keeps it hidden\nf\(index) protects e\(index)\nm\(index) polarized f\(index)\n"
        }
        text += "part loose: Loose Part\n  role: unknown\n"
        return text
    }

    /// Every page `partsmap render --page` wrote for `output` (one, or NAME-1, NAME-2, …).
    static func pages(_ output: URL) -> [URL] {
        if FileManager.default.fileExists(atPath: output.path) { return [output] }
        return (1...200).map { URL(fileURLWithPath: PageSplit.fileName(output.path, page: $0)) }
            .filter { FileManager.default.fileExists(atPath: $0.path) }
    }

    /// The examples, and generated maps of 10, 25 and 40 parts (3, 8 and 13 systems and a loose part).
    @Test(arguments: [("numbness", 0), ("first-map", 0), ("generated", 3), ("generated", 8), ("generated", 13)])
    func smallestTextIsAtLeastEightPoints(name: String, systems: Int) throws {
        #expect(TestSupport.dotPath != nil, "Graphviz is needed")
        let folder = try TestSupport.makeTemporaryFolder()
        defer { TestSupport.cleanUp(folder) }
        let map = folder.appendingPathComponent("map.parts")
        if systems > 0 {
            try Self.map(systems: systems).write(to: map, atomically: true, encoding: .utf8)
        } else {
            try FileManager.default.copyItem(at: TestSupport.example(name + ".parts"), to: map)
        }
        for page in ["a4", "letter"] {
            for legend in [false, true] {
                let output = folder.appendingPathComponent("\(page)-\(legend).svg")
                let result = try TestSupport.partsmap(["render", map.path, "--page", page, "-o", output.path] + (legend ? ["--legend"] : []))
                #expect(result.status == 0, "\(result.stderr)")
                let files = Self.pages(output)
                #expect(!files.isEmpty, "no picture: \(result.stderr)")
                if files.count > 1 {
                    #expect(result.stderr.contains("drawn over \(files.count) pages by protective system"), "\(result.stderr)")
                }
                // Sharing 8 or 13 systems out takes seconds: a line says so first (one line, before
                // the pages are written); 3 systems are shared out in well under a second.
                let sharing = "partsmap: sharing \(systems * 3 + 1) parts out over \(page) pages by protective system…\n"
                if files.count > 1 && systems >= PageSplit.slowFromPages {
                    #expect(result.stderr.hasPrefix(sharing) && result.stderr.components(separatedBy: sharing).count == 2, "\(result.stderr)")
                } else {
                    #expect(!result.stderr.contains("sharing"), "\(result.stderr)")
                }
                for file in files {
                    let svg = try String(contentsOf: file, encoding: .utf8)
                    #expect(svg.contains("<title>self</title>"), "\(file.lastPathComponent): Self is on every page")
                    let smallest = try #require(Self.smallestPrintedPoints(svg))
                    #expect(smallest >= 7.99, "\(name) \(page) legend \(legend) \(file.lastPathComponent): smallest text \(smallest) pt")
                }
            }
        }
    }

    /// The examples print on ONE page in the clinical layout (the picture on screen, closer
    /// together), turned to landscape as they are wider than tall (the first map may stand
    /// upright), with text of at least 8 pt:
    /// checked in the PDF itself (page size) and in Graphviz's SVG of the same page (text).
    @Test(arguments: ["numbness", "first-map"])
    func examplesFitOnePage(name: String) throws {
        let folder = try TestSupport.makeTemporaryFolder()
        defer { TestSupport.cleanUp(folder) }
        let map = TestSupport.example(name + ".parts")
        for (page, size) in [("a4", (842.0, 595.0)), ("letter", (792.0, 612.0))] {
            let dot = try TestSupport.partsmap(["dot", map.path, "--page", page])
            #expect(dot.stdout.contains("layout=\"nop2\""), "the clinical layout: \(dot.stdout.prefix(300))")
            for legend in [false, true] {
                let pdf = folder.appendingPathComponent("\(page)-\(legend).pdf")
                let svg = folder.appendingPathComponent("\(page)-\(legend).svg")
                for output in [pdf, svg] {
                    let result = try TestSupport.partsmap(["render", map.path, "--page", page, "-o", output.path] + (legend ? ["--legend"] : []))
                    #expect(result.status == 0 && !result.stderr.contains("pages"), "\(name) \(page): \(result.stderr)")
                    #expect(!result.stderr.contains("legend is left out"), "\(name) \(page): \(result.stderr)")
                    #expect(FileManager.default.fileExists(atPath: output.path), "one page, not split: \(result.stderr)")
                }
                let text = String(decoding: try Data(contentsOf: pdf), as: UTF8.self)
                let boxes = text.components(separatedBy: "/MediaBox [").dropFirst().map { $0.prefix { $0 != "]" }.split(separator: " ").compactMap { Double($0) } }
                #expect(boxes.count == 1)
                let box = try #require(boxes.first)
                // The first map (one protective system, its exile above its protectors) is about
                // as tall as wide: its page may stand either way.
                let upright = name == "first-map" && box.count == 4 && abs(box[2] - size.1) < 3 && abs(box[3] - size.0) < 3
                #expect(upright || box.count == 4 && abs(box[2] - size.0) < 3 && abs(box[3] - size.1) < 3, "\(name) \(page): landscape, exactly the page: \(box)")
                let drawn = try String(contentsOf: svg, encoding: .utf8)
                let smallest = try #require(Self.smallestPrintedPoints(drawn))
                #expect(smallest >= 7.99, "\(name) \(page) legend \(legend): smallest text \(smallest) pt")
                if legend {
                    // The legend asked for is printed: in full on A4, naming the kinds only where
                    // its words on their looks would not fit at 8 pt (the example on Letter).
                    #expect(drawn.contains(">Legend<"), "\(name) \(page): the legend is kept")
                    if page == "a4" { #expect(drawn.contains(">(rounded box)<"), "\(name) a4: the full legend") }
                }
            }
        }
    }

    /// The example grouped by protection (boxes round its systems, each named) prints on one
    /// A4 page at 8 pt or more, with its legend: each box's name goes where it makes the picture
    /// least larger (beyond the exile, the picture was split over two pages).
    @Test func theGroupedExampleFitsOnePage() throws {
        let folder = try TestSupport.makeTemporaryFolder()
        defer { TestSupport.cleanUp(folder) }
        let svg = folder.appendingPathComponent("grouped.svg")
        let result = try TestSupport.partsmap(["render", TestSupport.example("numbness.parts").path, "--group", "protection",
                                               "--page", "a4", "--legend", "-o", svg.path])
        #expect(result.status == 0 && !result.stderr.contains("pages"), "\(result.stderr)")
        let drawn = try String(contentsOf: svg, encoding: .utf8)
        #expect(drawn.contains("Protecting Little One") && drawn.contains(">Legend<"))
        let smallest = try #require(Self.smallestPrintedPoints(drawn))
        #expect(smallest >= 7.99, "smallest text \(smallest) pt")
    }

    /// Moved closer for the page, nothing touches: no two parts, no note and a part, no two
    /// notes overlap in Graphviz's own layout of the page's DOT (`-Tjson`), for the examples,
    /// generated maps of 10, 25 and 40 parts, and each page of those split by protective system.
    /// Self stays the picture's centre, and the lines PartsMap draws stay clear of the parts.
    @Test func pageLayoutsKeepPartsAndNotesApart() throws {
        var maps: [(String, SystemMap)] = []
        for example in ["numbness", "first-map"] { maps.append((example, TestSupport.parseValid(try TestSupport.exampleText(example + ".parts")))) }
        for count in [10, 25, 40] { maps.append(("\(count) parts", ReadabilityTests.generated(count, seed: UInt64(count)))) }
        for (name, map) in maps {
            var pages = [(name, map)]
            let split = PageSplit.pages(of: map)
            for (index, page) in split.enumerated() {
                pages.append(("\(name) page \(index + 1)", PageSplit.map(map, page: page, number: index + 1, of: split.count)))
            }
            for (label, pageMap) in pages {
                var settings = PictureSettings()
                settings.page = .a4
                settings.legend = label == name
                let prepared = try settings.prepare(pageMap)
                #expect(prepared.layout == .clinical, "\(label): the clinical layout on paper")
                let drawing = try ReadabilityTests().drawing(prepared.dot)
                let nodes = drawing.boxes.filter { ReadabilityTests.isMapNode($0.key) }
                #expect(nodes.count >= pageMap.parts.count + 1, "\(label): every part is drawn")
                let names = nodes.keys.sorted()
                for (i, a) in names.enumerated() {
                    for b in names[(i + 1)...] {
                        guard let first = nodes[a], let second = nodes[b] else { continue }
                        #expect(!first.overlaps(second), "\(label): \(a) overlaps \(b)")
                    }
                }
                for line in drawing.lines where ReadabilityTests.isMapNode(line.tail) {
                    for (node, box) in nodes where node != line.tail && node != line.head && node.hasPrefix("p_") {
                        let inset = min(box.maxX - box.minX, box.maxY - box.minY) * 0.3
                        #expect(!line.points.contains { box.contains($0, inset: inset) }, "\(label): \(line.tail) -> \(line.head) runs through \(node)")
                    }
                }
            }
        }
    }

    /// Packing for paper: small systems share a page while it stays readable; a system too big
    /// for one page is shared out, its exile on every piece. (`readable` here: at most 4 parts.)
    @Test func smallSystemsSharePagesAndALargeOneIsSharedOut() throws {
        var text = Self.map(systems: 2)
        text += "part big: Big Exile\n  role: exile\n"
        for index in 0..<7 { text += "part g\(index): Guard \(index)\n  role: manager\ng\(index) protects big\n" }
        let parsed = TestSupport.parseValid(text)
        let pages = PageSplit.pages(of: parsed)
        #expect(pages.map(\.members.count) == [3, 3, 8, 1])
        var asked: [Set<PartID>] = []
        let packed = PageSplit.packed(pages) { page in
            asked.append(page.members)
            return page.members.count <= 4
        }
        let id = { (name: String) in PartID(unchecked: name) }
        // 3 + 3 parts make 6 (too many); the big system in 3 pieces of Big Exile and up to 3
        // guards, in the order written; the loose part joins the last piece.
        #expect(packed.map(\.caption) == ["Protecting Exile 0", "Protecting Exile 1", "Protecting Big Exile (1 of 3)",
                                          "Protecting Big Exile (2 of 3)", "Protecting Big Exile (3 of 3), and other parts"])
        #expect(packed[2].members == [id("big"), id("g0"), id("g1"), id("g2")])
        #expect(packed[4].members == [id("big"), id("g6"), id("loose")])
        #expect(packed.allSatisfy { $0.members.count <= 4 })
        #expect(asked.contains([id("e0"), id("m0"), id("f0"), id("e1"), id("m1"), id("f1")]), "neighbours were tried together")
        // Everything that fits stays as it is, put together.
        let together = PageSplit.packed(pages) { _ in true }
        #expect(together.count == 1)
        #expect(together[0].members == Set(parsed.parts.map(\.id)))
        #expect(together[0].caption == "Protecting Exile 0, Exile 1 and Big Exile, and other parts")
    }

    /// A system too crowded for one page (an exile with 24 protectors, 2.6 pt on one page before)
    /// prints over several pages at 8 pt or more, its exile on each.
    @Test func aCrowdedSystemIsSharedOutOverReadablePages() throws {
        let folder = try TestSupport.makeTemporaryFolder()
        defer { TestSupport.cleanUp(folder) }
        var text = "partsmap 1\ntitle: One crowded system\npart e0: Little One\n  role: exile\npart e1: Hidden One\n  role: exile\n"
        for index in 0..<24 { text += "part m\(index): Guard number \(index)\n  role: \(index % 2 == 0 ? "firefighter" : "manager")\n" }
        text += "part k: Keeper\n  role: manager\nk protects e1\n"
        for index in 0..<24 { text += "m\(index) protects e0\n" }
        for index in stride(from: 0, to: 24, by: 2) { text += "m\(index) polarized m\(index + 1): pulls the other way\n" }
        let map = folder.appendingPathComponent("crowded.parts")
        try text.write(to: map, atomically: true, encoding: .utf8)
        let output = folder.appendingPathComponent("crowded.svg")
        let result = try TestSupport.partsmap(["render", map.path, "--page", "a4", "-o", output.path])
        #expect(result.status == 0, "\(result.stderr)")
        let files = Self.pages(output)
        #expect(files.count >= 3, "\(result.stderr)")
        #expect(result.stderr.contains("drawn over \(files.count) pages by protective system"), "\(result.stderr)")
        var guards: Set<String> = []
        for file in files {
            let svg = try String(contentsOf: file, encoding: .utf8)
            let smallest = try #require(Self.smallestPrintedPoints(svg))
            #expect(smallest >= 7.99, "\(file.lastPathComponent): smallest text \(smallest) pt")
            let drawn = Set(svg.matches(of: /<title>p_([a-z0-9]+)<\/title>/).map { String($0.1) })
            if drawn.contains(where: { $0.hasPrefix("m") }) { #expect(drawn.contains("e0"), "\(file.lastPathComponent): the exile is on its page") }
            guards.formUnion(drawn.filter { $0.hasPrefix("m") })
        }
        #expect(guards.count == 24, "every guard is on a page")
    }

    /// A map split over pages puts each protective system on its own page, titled with it.
    @Test func splitPagesAreProtectiveSystems() throws {
        let parsed = TestSupport.parseValid(Self.map(systems: 3))
        let pages = PageSplit.pages(of: parsed)
        #expect(pages.map(\.caption) == ["Protecting Exile 0", "Protecting Exile 1", "Protecting Exile 2", "Other parts"])
        #expect(pages[0].members == [PartID(unchecked: "e0"), PartID(unchecked: "m0"), PartID(unchecked: "f0")])
        let second = PageSplit.map(parsed, page: pages[1], number: 2, of: pages.count)
        #expect(second.title == "3 systems: Protecting Exile 1 (page 2 of 4)")
        #expect(Set(second.parts.map(\.id.rawValue)) == ["e1", "m1", "f1"])
        #expect(second.relationships.count == 3)
        #expect(PageSplit.fileName("out/map.pdf", page: 2) == "out/map-2.pdf")
        #expect(PageSplit.fileName("out.d/map", page: 3) == "out.d/map-3")
    }

    @Test func fitScalesDownAndTurnsWideDrawings() {
        let fit = PageFit(width: 20, height: 5, page: .a4)
        #expect(fit.drawing.width <= 11.69 - 1 + 0.001 && fit.scale < 1)
        #expect(abs(fit.drawing.width + 2 * fit.margin.width - 11.69) < 0.001, "landscape, exactly the page")
        #expect(!fit.keepsReadable(fontSize: 9))
        #expect(PageFit(width: 5, height: 4, page: .letter).keepsReadable(fontSize: 8))
        // Taller than wide stays upright.
        let tall = PageFit(width: 9, height: 12, page: .a4)
        #expect(abs(tall.drawing.height + 2 * tall.margin.height - 11.69) < 0.001 && abs(tall.scale - min(7.27 / 9, 10.69 / 12)) < 0.001)
    }
}
