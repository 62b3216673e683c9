import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import PartsMap

/// Feelings check-ins followed over sessions: the trend, the report section and `journey`.
@Suite("Feelings check-ins in the report and journey")
struct FeelingsReportTests {
    @Test func theExampleShowsFeelingComingBack() throws {
        let map = TestSupport.parseValid(try TestSupport.exampleText("numbness.parts"))
        let trend = try #require(FeelingsTrend(map: map))
        #expect(trend.sessions.count == 5)
        #expect(trend.lines.first == "sadness 0 → 1 → 3 → 1 → 6")
        #expect(trend.lines.last == "tenderness – → – → – → – → 3")
        #expect(trend.reachable == [1, 3, 3, 3, 5])
        let model = ReportModel(map: map, view: MapView(), redacted: false)
        let html = ReportHTML.html(model, picture: .missing("test"))
        #expect(html.contains("<tr><th scope=\"row\">sadness</th><td>0</td><td>1</td><td>3</td><td>1</td><td>6</td></tr>"))
        #expect(html.contains("<a href=\"#feelings\">"))
        let markdown = ReportMarkdown.markdown(model)
        #expect(markdown.contains("## Feelings check-ins\n"))
        #expect(markdown.contains("- Feelings reached (above 0): 1 → 3 → 3 → 3 → 5\n"))
        // Redacted, the check-ins are left out like every word the client said.
        #expect(ReportModel(map: Redaction.apply(to: map), view: MapView(), redacted: true).feelings == nil)
    }

    @Test func feelingWordsAreEscaped() throws {
        let map = TestSupport.parseValid("partsmap 1\nsession 2026-01-01\n  feelings: <b>&amp 3\n")
        let html = ReportHTML.html(ReportModel(map: map, view: MapView(), redacted: false), picture: .missing("test"))
        #expect(html.contains("<th scope=\"row\">&lt;b&gt;&amp;amp</th>"))
        #expect(!html.contains("<b>&amp"))
    }

    @Test func journeyEndsWithTheCheckIns() throws {
        let folder = try TestSupport.makeTemporaryFolder()
        defer { TestSupport.cleanUp(folder) }
        try TestSupport.exampleText("numbness.parts").write(to: folder.appendingPathComponent("map.parts"), atomically: true, encoding: .utf8)
        let result = try TestSupport.partsmap(["journey", "little"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Permission from The Fog to go to Little One: agrees"))
        #expect(result.stdout.contains("unburdening began witnessing"))
        #expect(result.stdout.contains("feelings reachable: 1 → 3 → 3 → 3 → 5):\n  sadness 0 → 1 → 3 → 1 → 6\n"))
    }
}

/// The exile's worksheet asks exile questions; explore writes feel-toward, blending and permission.
@Suite("Exile worksheet and explore records")
struct ExileWorksheetTests {
    @Test func anExileGetsExileQuestionsWithWhatTheMapRecords() throws {
        let map = TestSupport.parseValid(try TestSupport.exampleText("numbness.parts"))
        let littleID = PartID(unchecked: "little")
        let little = try #require(map.part(littleID))
        let sheet = Worksheet(part: little, map: map)
        #expect(sheet.questionsHeading == "Towards unburdening")
        #expect(sheet.questions.map(\.heading) == ["Permission", "Feel toward", "Witness", "Where it is stuck", "What it needs"])
        #expect(sheet.questions[0].answers.contains("The Fog: agrees"))
        #expect(sheet.questions[1].answers == ["compassion, tenderness"])
        #expect(sheet.questions[4].answers.contains("retrieved to: the allotment shed"))
        #expect(sheet.questions.allSatisfy { $0.reached })
        #expect(!sheet.questions.contains { $0.prompt.contains("job") || $0.prompt.contains("afraid") })
        let fogID = PartID(unchecked: "fog")
        let fog = try #require(map.part(fogID))
        #expect(Worksheet(part: fog, map: map).questionsHeading == "The 6 Fs")
        #expect(Worksheet(part: fog, map: map).questions[3].answers == ["grateful, curious"])
    }

    @Test func exploreWritesFeelTowardBlendingAndPermission() throws {
        let folder = try TestSupport.makeTemporaryFolder()
        defer { TestSupport.cleanUp(folder) }
        let path = folder.appendingPathComponent("map.parts")
        try "partsmap 1\n\npart fog\n  role: manager\n\npart little\n  role: exile\n\nfog protects little\n"
            .write(to: path, atomically: true, encoding: .utf8)
        let answers = ["", "", "", "", "annoyed", "Worried One", "curious about it", "", "", "only a little at a time", ""]
            .joined(separator: "\n") + "\n"
        let result = try TestSupport.partsmap(["explore", "fog", "--date", "2026-11-26"], input: Data(answers.utf8), in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let text = try String(contentsOf: path, encoding: .utf8)
        #expect(text.contains("""
              feel-toward fog: annoyed
              feel-toward fog: curious about it
              blended worried-one: stepped-back: about fog
              permission fog for little: conditions: only a little at a time
            """))
        let parsed = MapParser.parse(text)
        #expect(!MapChecker.check(parsed.map, locations: parsed.locations).contains { $0.rule == "feel-toward-unblended" })
    }
}

/// `partsmap feelings-chart`: the check-ins drawn like the Self-energy chart.
@Suite("Feelings chart")
struct FeelingsChartTests {
    @Test func oneEscapedPanelPerFeelingWithEveryRating() throws {
        let map = TestSupport.parseValid("""
            partsmap 1
            session 2026-01-01
              feelings: sadness 0, <b> 2
            session 2026-01-08
              self: calm 4
            session 2026-01-15
              feelings: sadness 3, joy 1
            """)
        let chart = try #require(FeelingsChart.chart(for: map))
        #expect(chart.sessions == ["2026-01-01", "2026-01-15"])
        #expect(chart.series.map(\.name) == ["Sadness", "<b>", "Joy"])
        #expect(chart.series[0].points.map(\.score) == [0, 3])
        #expect(XMLParser(data: Data(chart.svg.utf8)).parse(), "well-formed")
        #expect(chart.svg.contains(">Sadness</text>") && chart.svg.contains(">&lt;b&gt;</text>"))
        #expect(!chart.svg.contains("<b>"), "escaped")
        #expect(chart.description.hasPrefix("Feelings check-ins across 2 sessions. Sadness: 0 to 3"))
        #expect(FeelingsChart.chart(for: TestSupport.parseValid("partsmap 1\n")) == nil)
    }

    @Test func theCommandWritesTheChart() throws {
        let folder = try TestSupport.makeTemporaryFolder()
        defer { TestSupport.cleanUp(folder) }
        try TestSupport.exampleText("numbness.parts").write(to: folder.appendingPathComponent("map.parts"), atomically: true, encoding: .utf8)
        let result = try TestSupport.partsmap(["feelings-chart", "map.parts"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let svg = try String(contentsOf: folder.appendingPathComponent("map.feelings.svg"), encoding: .utf8)
        #expect(svg.contains(">Tenderness</text>") && svg.contains("Sadness: 0 to 6"))
        try "partsmap 1\n".write(to: folder.appendingPathComponent("empty.parts"), atomically: true, encoding: .utf8)
        #expect(try TestSupport.partsmap(["feelings-chart", "empty.parts"], in: folder).status == 66)
    }
}
