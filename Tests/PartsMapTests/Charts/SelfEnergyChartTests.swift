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
        let valueLabels = svg.components(separatedBy: "class=\"value\">").count - 1
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

    /// All values of an attribute in the SVG, in order.
    static func values(_ name: String, in svg: String) -> [String] {
        svg.components(separatedBy: " \(name)=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    /// The report prints on A4 between 14 mm margins (688 CSS px wide) and keeps a figure under
    /// 240 mm (907 px) tall: the chart fits both unscaled, so its smallest text prints at 8 pt or more.
    @Test func chartPrintsLegiblyWithOneAccentColour() throws {
        let map = TestSupport.parseValid(try TestSupport.exampleText("numbness.parts"))
        let svg = try #require(SelfEnergyChart(map: map)).svg
        let width = try #require(Double(Self.values("width", in: svg)[0]))
        let height = try #require(Double(Self.values("height", in: svg)[0]))
        let scale = min(1, 688 / width, 907 / height)
        let smallest = try #require(Self.values("font-size", in: svg).compactMap(Double.init).min())
        #expect(smallest * scale * 0.75 >= 8, "smallest text \(smallest) px at scale \(scale)")
        let colours = Set((Self.values("fill", in: svg) + Self.values("stroke", in: svg)).filter { $0.hasPrefix("#") })
        let greys = colours.filter { colour in
            let hex = colour.dropFirst()
            return hex.count == 6 && hex.prefix(2) == hex.dropFirst(2).prefix(2) && hex.prefix(2) == hex.suffix(2)
        }
        #expect(colours.subtracting(greys) == [SelfEnergyChart.accent], "\(colours)")
        // Each panel: its last date label ends inside the panel; "rating" sits clear of the tick labels.
        let panels = svg.components(separatedBy: "<g role=\"img\"").dropFirst()
        #expect(panels.count == 8)
        for panel in panels {
            let rect = Self.values("x", in: panel).first.flatMap(Double.init) ?? 0
            let panelWidth = Self.values("width", in: panel).first.flatMap(Double.init) ?? 0
            let texts = panel.components(separatedBy: "<text").dropFirst()
            let lastDate = try #require(texts.last { $0.contains("text-anchor=\"end\" font-size=\"12\" fill=\"#444444\">1") })
            #expect(try #require(Self.values("x", in: lastDate).first.flatMap(Double.init)) <= rect + panelWidth - 4)
            let rating = try #require(texts.first { $0.contains(">rating<") })
            let ratingX = try #require(Self.values("x", in: rating).first.flatMap(Double.init))
            let ticks = texts.filter { $0.contains(">10<") || $0.contains(">5<") }
            for tick in ticks where tick.contains("text-anchor=\"end\"") {
                let tickRight = try #require(Self.values("x", in: tick).first.flatMap(Double.init))
                // "10" at 12 px is under 14 px wide; "rating" rotated reaches about 3 px past its x.
                #expect(tickRight - 14 - (ratingX + 3) >= 6, "rating at \(ratingX), tick ends at \(tickRight)")
            }
        }
    }

    /// One helper prefixes a chart's IDs, so two charts can share a page; nothing else changes.
    @Test func idPrefixRenamesEveryIDAndItsReferences() throws {
        let map = TestSupport.parseValid(try TestSupport.exampleText("numbness.parts"))
        let chart = try #require(SelfEnergyChart(map: map))
        let plain = chart.svg
        let prefixed = chart.svg(idPrefix: "self-energy-")
        let ids = { (svg: String) in svg.matches(of: /\sid="([^"]*)"/).map { String($0.1) } }
        #expect(ids(plain) == ["chart-title", "chart-desc"])
        #expect(ids(prefixed) == ["self-energy-chart-title", "self-energy-chart-desc"])
        #expect(prefixed.contains("aria-labelledby=\"self-energy-chart-title self-energy-chart-desc\""))
        #expect(prefixed.replacingOccurrences(of: "self-energy-chart-", with: "chart-") == plain)
        let feelings = try #require(FeelingsChart.chart(for: map)).svg(idPrefix: "feelings-")
        #expect(Set(ids(feelings)).isDisjoint(with: ids(prefixed)))
    }
}
