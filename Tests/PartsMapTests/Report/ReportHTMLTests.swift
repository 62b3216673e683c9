import Foundation
import Testing
@testable import PartsMap

/// `partsmap report`: one self-contained HTML page, checked through the real binary and the
/// real Graphviz.
@Suite("Report: HTML")
struct ReportHTMLTests {
    func exampleReport(_ extra: [String] = []) throws -> (html: String, folder: URL) {
        let folder = try ReportTestSupport.folderWithExample()
        try ReportTestSupport.partsmap(["report", "numbness.parts", "-o", "report.html"] + extra, in: folder)
        return (try ReportTestSupport.read(folder, "report.html"), folder)
    }

    @Test func everyPartFieldRelationshipAndSessionIsInTheReport() throws {
        let (html, folder) = try exampleReport()
        defer { TestSupport.cleanUp(folder) }
        let map = try ReportTestSupport.example()
        func expectShown(_ text: String, _ what: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
            for line in ReportTestSupport.shownLines(text) {
                #expect(html.contains(XMLText.escaped(line)), "\(what): '\(line)' is missing", sourceLocation: sourceLocation)
            }
        }
        for part in map.parts {
            #expect(html.contains("id=\"part-\(part.id)\""), "no card for \(part.id)")
            expectShown(part.displayName, "name of \(part.id)")
            if let age = part.age { expectShown(age, "age of \(part.id)") }
            for text in part.body + part.beliefs + part.jobs + part.intents + part.fears + part.trailheads + part.notes {
                expectShown(text, "field of \(part.id)")
            }
            if !part.feelings.isEmpty { expectShown(part.feelings.joined(separator: ", "), "feelings of \(part.id)") }
            if !part.tags.isEmpty { expectShown(part.tags.map(TagVocabulary.describe).joined(separator: ", "), "tags of \(part.id)") }
            for burden in part.burdens {
                expectShown(burden.text, "burden of \(part.id)")
                #expect(html.contains("(\(XMLText.escaped(burden.details)))"), "kind, state, form and lineage of \(part.id)")
            }
            for (key, value) in part.customFields {
                expectShown(key, "custom key of \(part.id)")
                expectShown(value, "custom value of \(part.id)")
            }
            if let status = part.status { #expect(html.contains("status <strong>\(status.rawValue)</strong>")) }
        }
        for relationship in map.relationships {
            if let note = relationship.note { expectShown(note, "relationship note") }
        }
        #expect(ReportTestSupport.count("<tr><td>", in: html) == map.relationships.count)
        for (index, session) in map.sessions.enumerated() {
            #expect(html.contains("id=\"session-\(index + 1)\""))
            if let title = session.title { expectShown(title, "session title") }
            for text in session.notes + session.homework { expectShown(text, "session \(index + 1)") }
            for change in session.statusChanges { if let note = change.note { expectShown(note, "status note") } }
            let ratings = session.selfEnergy.map { "\($0.quality.rawValue) \($0.score)" }.joined(separator: ", ")
            if !ratings.isEmpty { #expect(html.contains(ratings)) }
        }
        for note in map.selfBlock?.notes ?? [] { expectShown(note, "Self note") }
        // A multi-line note keeps its paragraphs and line breaks.
        #expect(html.contains("<p>Sam described the numbness as &quot;living behind glass&quot;. When asked where the<br>\n"))
        // Each part's journey: the Fog went back once, in session 4.
        #expect(html.contains("<li class=\"back\"><span class=\"status\">befriended</span> <small>went back, "
                              + "<a href=\"#session-4\">session 4</a></small></li>"))
    }

    @Test func isAValidSelfContainedPageWithContentsAndPrintStyles() throws {
        let (html, folder) = try exampleReport()
        defer { TestSupport.cleanUp(folder) }
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"))
        #expect(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"))
        #expect(html.hasSuffix("</body>\n</html>\n"))
        for element in ["html", "head", "body", "main", "header", "nav", "section", "article", "figure", "table", "dl", "ul", "ol", "style"] {
            #expect(ReportTestSupport.count("<\(element)>", in: html) + ReportTestSupport.count("<\(element) ", in: html)
                    == ReportTestSupport.count("</\(element)>", in: html), "unbalanced <\(element)>")
        }
        #expect(ReportTestSupport.count("<h1", in: html) == 1)

        // Headings never skip a level outside the SVGs.
        var outside = html
        for svg in ReportTestSupport.svgElements(in: html) { outside = outside.replacingOccurrences(of: svg, with: "") }
        let levels = outside.matches(of: /<h([1-6])[ >]/).compactMap { Int($0.1) }
        #expect(levels.first == 1)
        for (previous, next) in zip(levels, levels.dropFirst()) { #expect(next <= previous + 1, "h\(previous) then h\(next)") }

        // Every in-page link has its target, and IDs are unique.
        let ids = html.matches(of: /\ id="([^"]+)"/).map { String($0.1) }
        #expect(Set(ids).count == ids.count, "duplicate IDs: \(Dictionary(grouping: ids, by: { $0 }).filter { $0.value.count > 1 }.keys)")
        let targets = Set(html.matches(of: /href="#([^"]+)"/).map { String($0.1) })
        #expect(!targets.isEmpty)
        for target in targets { #expect(ids.contains(target), "link to #\(target) has no target") }
        for section in ["map", "self", "parts", "relationships", "sessions", "self-energy", "journeys"] {
            #expect(targets.contains(section), "the contents do not link to #\(section)")
        }

        // Print: the map on a landscape page of its own, sections following one another,
        // cards whole, nothing sticky. (scripts/browser-check.sh prints it: at most 6 pages.)
        #expect(html.contains("@media print"))
        #expect(html.contains("@page map { size: landscape;"))
        #expect(html.contains("header, section#map { page: map; }"))
        #expect(html.contains("section#map { break-after: page; page-break-after: always; }"))
        #expect(!html.contains("break-before: page"), "no page per section")
        #expect(html.contains(".card, figure, tr, .note p { break-inside: avoid; page-break-inside: avoid; }"))
        #expect(!html.contains("sticky") && !html.contains("position: fixed"))
    }

    @Test func loadsNothingAndRunsNothing() throws {
        let (html, folder) = try exampleReport()
        defer { TestSupport.cleanUp(folder) }
        let urls = Set(html.matches(of: /https?:\/\/[^"' <>)]*/).map { String($0.0) })
        #expect(urls.isSubset(of: ["http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"]), "\(urls)")
        for forbidden in ["<script", "<img", "<link", "<iframe", "<object", "<embed", "@import", "url(", " src=", "xlink:href", " href=\"http",
                          "javascript:", "<!DOCTYPE svg", "<?xml"] {
            #expect(ReportTestSupport.count(forbidden, in: html, caseInsensitive: true) == 0, "found \(forbidden)")
        }
    }

    @Test func theInlinePictureAndChartParseAsSVG() throws {
        let (html, folder) = try exampleReport()
        defer { TestSupport.cleanUp(folder) }
        let map = try ReportTestSupport.example()
        let svgs = ReportTestSupport.svgElements(in: html)
        #expect(svgs.count == 3, "the map, the Self-energy chart and the feelings chart")
        let picture = try SVGDocument(data: Data(try #require(svgs.first).utf8))
        for part in map.parts {
            let node = try #require(picture.node("p_\(part.id)"), "no node for \(part.id)")
            #expect(node.texts.first == part.displayName)
        }
        #expect(picture.node("legend_heading") != nil, "the legend is drawn")
        #expect(picture.node("legend_manager") != nil)
        for chart in svgs.dropFirst() { _ = try SVGDocument(data: Data(chart.utf8)) }
        #expect(svgs[1].contains("aria-labelledby=\"self-energy-chart-title self-energy-chart-desc\""))
        #expect(svgs[1].contains("<title id=\"self-energy-chart-title\">Self-energy (8 Cs)"))
        #expect(svgs[2].contains("aria-labelledby=\"feelings-chart-title feelings-chart-desc\""))
        #expect(svgs[2].contains("<title id=\"feelings-chart-title\">Feelings check-ins"))
        // Graphviz's element IDs are prefixed, so they cannot clash with the page's.
        #expect(try #require(svgs.first).contains("id=\"map-graph0\""))
    }

    /// Every id="…" of the page (header, cards, both charts, Graphviz's picture) is unique, and
    /// every aria-labelledby and in-page link points at one of them.
    @Test func everyIDOfThePageIsUniqueAndEveryReferenceResolves() throws {
        let (html, folder) = try exampleReport()
        defer { TestSupport.cleanUp(folder) }
        let ids = html.matches(of: /\sid="([^"]*)"/).map { String($0.1) }
        #expect(ids.count > 50)
        let repeated = Dictionary(grouping: ids, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
        #expect(repeated.isEmpty, "repeated IDs: \(repeated)")
        let known = Set(ids)
        #expect(known.isSuperset(of: ["self-energy-chart-title", "self-energy-chart-desc", "feelings-chart-title", "feelings-chart-desc"]))
        let labelled = html.matches(of: /aria-labelledby="([^"]*)"/).flatMap { $0.1.split(separator: " ").map(String.init) }
        #expect(labelled.filter { !known.contains($0) }.isEmpty)
        let links = html.matches(of: /href="#([^"]*)"/).map { String($0.1) }
        #expect(links.filter { !known.contains($0) }.isEmpty)
        // The feelings section holds the chart and, as its text alternative, the table.
        let feelings = try #require(html.range(of: "<section id=\"feelings\"")).lowerBound
        let section = html[feelings...].prefix { _ in true }
        let end = try #require(section.range(of: "</section>")).lowerBound
        let body = section[..<end]
        #expect(body.contains("<svg") && body.contains("<table class=\"feelings\">"))
    }

    @Test(arguments: [HostileText.corpus, [HostileText.long, "plain"]])
    func hostileTextStaysText(texts: [String]) throws {
        let map = ReportTestSupport.hostileMap(texts)
        let html = try ReportTestSupport.html(for: map)
        for injected in ["<script", "onerror=", "onload=", "onmouseover=", "<img", "<iframe", "javascript:alert", "<![CDATA["] {
            let found = ReportTestSupport.count(injected, in: html, caseInsensitive: true)
            if injected == "javascript:alert" {
                // Shown as text ("url: javascript:alert(1)"), never inside an attribute.
                #expect(!html.contains("=\"javascript:") && !html.contains("='javascript:"))
            } else {
                #expect(found == 0, "\(injected) appears \(found) times")
            }
        }
        #expect(ReportTestSupport.count("<article class=\"card ", in: html) == texts.count)
        #expect(ReportTestSupport.count("<article class=\"session", in: html) == texts.count)
        #expect(ReportTestSupport.count("<section ", in: html) == 7)
        #expect(ReportTestSupport.count("<style>", in: html) == 1)
        for text in texts {
            for line in ReportTestSupport.shownLines(text) {
                let escaped = XMLText.escaped(line)
                // name, age, 8 fields, burden, custom value, relationship note, session title, note, homework...
                #expect(ReportTestSupport.count(escaped, in: html) >= 10, "'\(line.prefix(40))' is not shown as text")
            }
        }
        for svg in ReportTestSupport.svgElements(in: html) {
            _ = try SVGDocument(data: Data(svg.utf8))
        }
    }

    @Test func viewsChooseTheCardsAndThePicture() throws {
        let folder = try ReportTestSupport.folderWithExample()
        defer { TestSupport.cleanUp(folder) }
        try ReportTestSupport.partsmap(["report", "numbness.parts", "-o", "fog.html", "--focus", "fog", "--depth", "0"], in: folder)
        let focused = try ReportTestSupport.read(folder, "fog.html")
        #expect(ReportTestSupport.count("<article class=\"card ", in: focused) == 1)
        #expect(focused.contains("id=\"part-fog\""))
        #expect(focused.contains("A view of the map: fog and the parts within 0 relationships of it."))
        #expect(!focused.contains("id=\"part-critic\""))
        // Sessions are those the Fog was in; they speak only of the Fog.
        #expect(!focused.contains("href=\"#part-critic\""))

        try ReportTestSupport.partsmap(["report", "numbness.parts", "-o", "client.html", "--hide", "exiles"], in: folder)
        let client = try ReportTestSupport.read(folder, "client.html")
        #expect(ReportTestSupport.count("<article class=\"card ", in: client) == 9)
        #expect(!client.contains("<h3 id=\"part-little-name\">") && client.contains("id=\"part-exile-1\""))
        #expect(!client.contains("(personal, released)"), "an exile's burdens are not shown")
        let picture = try SVGDocument(data: Data(try #require(ReportTestSupport.svgElements(in: client).first).utf8))
        #expect(!picture.groups.flatMap(\.texts).contains("Little One"))

        try ReportTestSupport.partsmap(["report", "numbness.parts", "-o", "s3.html", "--session", "3"], in: folder)
        let third = try ReportTestSupport.read(folder, "s3.html")
        #expect(third.contains("<article class=\"session highlighted\" id=\"session-3\""))
        #expect(ReportTestSupport.count("session highlighted", in: third) == 1)
    }

    @Test func outputNamingFormatsAndPermissions() throws {
        let folder = try ReportTestSupport.folderWithExample()
        defer { TestSupport.cleanUp(folder) }
        let written = try ReportTestSupport.partsmap(["report", "numbness.parts"], in: folder)
        #expect(written.stderr.contains("wrote numbness.report.html"))
        let attributes = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("numbness.report.html").path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        try ReportTestSupport.partsmap(["report", "numbness.parts", "--format", "md"], in: folder)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("numbness.report.md").path))
        try ReportTestSupport.partsmap(["report", "numbness.parts", "-o", "notes.markdown"], in: folder)
        #expect(try ReportTestSupport.read(folder, "notes.markdown").hasPrefix("# Sam"))
        let printed = try ReportTestSupport.partsmap(["report", "numbness.parts", "--format", "md", "-o", "-"], in: folder)
        #expect(printed.stdout.hasPrefix("# Sam — living inside the fog\n"))

        let unknown = try ReportTestSupport.partsmap(["report", "numbness.parts", "-o", "report.txt"], in: folder, expect: 64)
        #expect(unknown.stderr.contains("cannot tell the format from 'report.txt'"))
        try ReportTestSupport.partsmap(["report", "numbness.parts", "-o", "a.md", "--format", "html"], in: folder, expect: 64)
        let itself = try ReportTestSupport.partsmap(["report", "numbness.parts", "-o", "numbness.parts", "--format", "md"], in: folder, expect: 64)
        #expect(itself.stderr.contains("is the map itself"))
        try ReportTestSupport.partsmap(["report", "numbness.parts", "--focus", "nobody"], in: folder, expect: 65)
        try ReportTestSupport.partsmap(["report", "missing.parts"], in: folder, expect: 66)
        // Graphviz's temporary files are gone.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains("partsmap-") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    @Test func withoutGraphvizTheReportHasNoPictureButIsWritten() throws {
        let folder = try ReportTestSupport.folderWithExample()
        defer { TestSupport.cleanUp(folder) }
        let result = try ReportTestSupport.partsmap(["report", "numbness.parts", "-o", "plain.html"], in: folder,
                                                    environment: ["PATH": "/nonexistent", "PARTSMAP_GRAPHVIZ": ""])
        #expect(result.stderr.contains("Graphviz is not installed, so the report has no picture"))
        let html = try ReportTestSupport.read(folder, "plain.html")
        #expect(html.contains("<p class=\"notice\">No picture: Graphviz was not installed"))
        #expect(ReportTestSupport.svgElements(in: html).count == 2, "the Self-energy and feelings charts need no Graphviz")
        // A Graphviz named but missing is an error, and nothing is written.
        try ReportTestSupport.partsmap(["report", "numbness.parts", "-o", "named.html", "--graphviz", "/nonexistent/dot"],
                                       in: folder, expect: 69)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("named.html").path))
    }

    @Test func aFailingGraphvizWritesNothing() throws {
        let folder = try ReportTestSupport.folderWithExample()
        defer { TestSupport.cleanUp(folder) }
        let fake = folder.appendingPathComponent("fake-dot").path
        try TestSupport.writeExecutable("#!/bin/sh\ncat >/dev/null\necho 'Error: broken' >&2\nexit 1\n", to: fake)
        let result = try ReportTestSupport.partsmap(["report", "numbness.parts", "-o", "r.html", "--graphviz", fake], in: folder, expect: 70)
        #expect(result.stderr.contains("Nothing was written to r.html"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("r.html").path))
    }

    @Test func anEmptyMapStillMakesAReport() throws {
        let model = ReportModel(map: SystemMap(), view: MapView(), redacted: false)
        let html = ReportHTML.html(model, picture: .missing("test"))
        #expect(html.contains("<p>No parts recorded yet.</p>"))
        #expect(html.contains("<p>No sessions recorded yet.</p>"))
        #expect(html.contains("No Self-energy ratings recorded yet"))
        let markdown = ReportMarkdown.markdown(model)
        #expect(markdown.contains("No parts recorded yet."))
    }
}
