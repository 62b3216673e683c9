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

    @Test(arguments: [("numbness", 0), ("first-map", 0), ("generated", 4), ("generated", 13)])
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
                    #expect(result.stderr.contains("drawn over \(files.count) pages, one per protective system"), "\(result.stderr)")
                }
                for file in files {
                    let svg = try String(contentsOf: file, encoding: .utf8)
                    let smallest = try #require(Self.smallestPrintedPoints(svg))
                    #expect(smallest >= 7.99, "\(name) \(page) legend \(legend) \(file.lastPathComponent): smallest text \(smallest) pt")
                }
            }
        }
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
    }
}
