import Foundation
import Testing
@testable import PartsMap
@testable import PartsMapCLI

/// Helpers for the report and worksheet suites.
enum ReportTestSupport {
    /// The bundled example, parsed.
    static func example() throws -> SystemMap {
        TestSupport.parseValid(try TestSupport.exampleText("numbness.parts"))
    }

    /// A private folder holding a copy of the example as `numbness.parts`.
    static func folderWithExample() throws -> URL {
        let folder = try TestSupport.makeTemporaryFolder()
        try TestSupport.exampleText("numbness.parts").write(to: folder.appendingPathComponent("numbness.parts"),
                                                           atomically: true, encoding: .utf8)
        return folder
    }

    /// Runs the real `partsmap` binary and checks its exit status.
    @discardableResult
    static func partsmap(_ arguments: [String], in folder: URL, environment: [String: String] = [:], expect status: Int32 = 0,
                         sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> TestSupport.ProcessResult {
        let result = try TestSupport.partsmap(arguments, environment: environment, in: folder)
        #expect(result.status == status, "\(arguments): \(result.stderr)", sourceLocation: sourceLocation)
        return result
    }

    static func read(_ folder: URL, _ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    /// How often `needle` occurs in `text` (case-insensitive when asked).
    static func count(_ needle: String, in text: String, caseInsensitive: Bool = false) -> Int {
        let haystack = caseInsensitive ? text.lowercased() : text
        let target = caseInsensitive ? needle.lowercased() : needle
        return haystack.components(separatedBy: target).count - 1
    }

    /// The `<svg …>…</svg>` elements of an HTML page, outermost only, in order.
    static func svgElements(in html: String) -> [String] {
        var found: [String] = []
        var rest = html[...]
        while let start = rest.range(of: "<svg") {
            guard let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex) else { break }
            found.append(String(rest[start.lowerBound..<end.upperBound]))
            rest = rest[end.upperBound...]
        }
        return found
    }

    /// The lines of user text as the report shows them: split at line feeds, without carriage
    /// returns, blank lines left out.
    static func shownLines(_ text: String) -> [String] {
        ReportModel.lines(text).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    }

    /// A map in which every piece of free text is `text`, in every place a report shows one.
    /// A text longer than 1,000 characters is not used as a part's name: Graphviz fails on such a
    /// label once the legend is drawn ("Edge length … larger than maximum 65535"), a limit of
    /// DOTWriter's labels rather than of the report.
    static func hostileMap(_ texts: [String]) -> SystemMap {
        var items: [MapItem] = [.field(MapField(key: "title", value: texts.joined(separator: " / ")))]
        items.append(.field(MapField(key: "x-client", value: texts[0])))
        items.append(.selfBlock(SelfBlock(fields: [SelfField(.note(texts[0]))])))
        var ids: [PartID] = []
        for (index, text) in texts.enumerated() {
            let id = PartID(unchecked: "p\(index)")
            ids.append(id)
            items.append(.part(Part(id: id, name: text.count > 1_000 ? "Long text \(index)" : text, fields: [
                PartField(.role(index % 2 == 0 ? .manager : .exile)),
                PartField(.age(text)),
                PartField(.body(text)), PartField(.feelings([text])), PartField(.beliefs(text)), PartField(.job(text)),
                PartField(.intent(text)), PartField(.fears(text)), PartField(.burden(Burden(.legacy, text))),
                PartField(.trailheads(text)), PartField(.tags([text])), PartField(.note(text)),
                PartField(.custom(key: "x-extra", value: text)), PartField(.status(.known)),
            ])))
        }
        for index in 1..<ids.count {
            items.append(.relationship(Relationship(.part(ids[index - 1]), .protects, .part(ids[index]), note: texts[index])))
        }
        for (index, text) in texts.enumerated() {
            items.append(.session(Session(date: CalendarDate(year: 2026, month: 1, day: 1 + index % 28) ?? CalendarDate.today(),
                                          title: text, fields: [
                SessionField(.present([ids[index]])),
                SessionField(.selfEnergy([QualityRating(.calm, 5)])),
                SessionField(.statusChange(StatusChange(part: ids[index], from: .noticed, to: .known, note: text))),
                SessionField(.sixFs(part: ids[index], step: .befriend)),
                SessionField(.homework(text)),
                SessionField(.note(text)),
                SessionField(.custom(key: "x-score", value: text)),
            ])))
        }
        return SystemMap(items: items)
    }

    /// The whole HTML report for `map`, with the picture drawn by the real Graphviz.
    static func html(for map: SystemMap, options: PictureOptions? = nil) throws -> String {
        let dotPath = try #require(TestSupport.dotPath, "Graphviz must be installed (apt-get install graphviz)")
        var picture = try options ?? PictureOptions(ParsedArguments(), ReportCommand.spec)
        picture.legend = true
        let prepared = try picture.prepare(map)
        let renderer = GraphvizRenderer(executable: dotPath)
        let svg = try ReportPicture.svg(picture.attempts(prepared), renderer: renderer)
        let model = ReportModel(map: prepared.map, view: picture.view, redacted: picture.redact)
        return ReportHTML.html(model, picture: .svg(svg.svg))
    }
}
