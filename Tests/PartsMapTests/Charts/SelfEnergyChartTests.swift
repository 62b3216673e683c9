import Foundation
import Testing
@testable import PartsMap

@Suite("Self-energy chart")
struct SelfEnergyChartTests {
    @Test func chartIsAccessibleValidSVGWithEveryValueInText() throws {
        let map = TestSupport.parseValid(try TestSupport.exampleText("numbness.parts"))
        let chart = try #require(SelfEnergyChart(map: map))
        let svg = chart.svg
        #expect(svg == SelfEnergyChart(map: map)?.svg, "deterministic")
        let document = try SVGDocument(data: Data(svg.utf8))
        _ = document  // parses as XML
        #expect(svg.contains("role=\"img\"") && svg.contains("<title id=\"chart-title\">") && svg.contains("<desc id=\"chart-desc\">"))
        let rated = map.sessions.filter { !$0.selfEnergy.isEmpty }
        for quality in SelfQuality.allCases {
            let name = SelfEnergyChart.capitalized(quality.rawValue)
            let values = rated.compactMap { session in session.selfEnergy.first { $0.quality == quality }?.score }
            #expect(svg.contains(">\(name)</text>"))
            #expect(chart.description.contains("\(name): \(values.first ?? -1) to \(values.last ?? -1)"))
        }
        let valueLabels = svg.components(separatedBy: "text-anchor=\"middle\" font-size=\"10\">").count - 1
        #expect(valueLabels == rated.reduce(0) { $0 + $1.selfEnergy.count }, "one value label per rating")
    }

    @Test func hostileTitleIsEscaped() throws {
        let map = TestSupport.parseValid("partsmap 1\ntitle: <script>alert(1)</script> & \"x\"\nsession 2026-01-01\n  self: calm 3\n")
        let svg = try #require(SelfEnergyChart(map: map)).svg
        #expect(!svg.contains("<script>"))
        #expect(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;"))
        #expect(throws: Never.self) { try SVGDocument(data: Data(svg.utf8)) }
    }

    @Test func commandWritesTheChartAndRefusesAMapWithoutRatings() throws {
        let folder = try TestSupport.makeTemporaryFolder()
        defer { TestSupport.cleanUp(folder) }
        let result = try TestSupport.partsmap(["self-chart", TestSupport.example("numbness.parts").path, "-o", folder.appendingPathComponent("s.svg").path])
        #expect(result.status == 0)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("s.svg").path))
        try "partsmap 1\n".write(to: folder.appendingPathComponent("map.parts"), atomically: true, encoding: .utf8)
        let none = try TestSupport.partsmap(["self-chart"], in: folder)
        #expect(none.status == 66)
        #expect(none.stderr.contains("no Self-energy ratings yet"))
    }
}
