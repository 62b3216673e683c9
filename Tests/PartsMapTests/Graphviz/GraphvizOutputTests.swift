import Foundation
import Testing
@testable import PartsMap

/// Runs real Graphviz on DOT with hostile user text and reads back the SVG it wrote.
@Suite("Hostile text through real Graphviz")
struct GraphvizOutputTests {
    func svg(for map: SystemMap, options: DOTOptions = DOTOptions()) throws -> SVGDocument {
        let dotPath = try #require(TestSupport.dotPath, "Graphviz must be installed (apt-get install graphviz)")
        let dot = DOTWriter(options: options).dot(for: map)
        let result = try TestSupport.run(dotPath, ["-Tsvg"], input: Data(dot.utf8))
        #expect(result.status == 0, "dot failed: \(result.stderr)")
        return try SVGDocument(data: result.stdoutData)
    }

    func map(named name: String, intent: String) -> SystemMap {
        let part = Part(id: PartID(unchecked: "p1"), name: name,
                        fields: [PartField(.role(.manager)), PartField(.intent(intent))])
        let other = Part(id: PartID(unchecked: "p2"), name: "Other", fields: [PartField(.role(.exile))])
        return SystemMap(items: [
            .field(MapField(key: "title", value: name)),
            .part(part), .part(other),
            .relationship(Relationship(.part(part.id), .protects, .part(other.id), note: name)),
        ])
    }

    /// What Graphviz shows for a label: one `<text>` per non-empty line.
    func expectedLines(_ text: String) -> [String] {
        DOTText.displayed(text).split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    @Test(arguments: HostileText.corpus)
    func svgShowsExactlyWhatWasTyped(text: String) throws {
        let document = try svg(for: map(named: text, intent: text))
        let node = try #require(document.node("p_p1"))
        // Long names wrap at spaces: the words and their order stay exactly as typed.
        #expect(node.texts.dropLast().joined(separator: " ") == expectedLines(text).joined(separator: " "))
        #expect(node.texts.last == "manager")
        let tooltip = try #require(node.tooltip)
        #expect(tooltip == DOTText.displayed("\(text) (manager)\nIntent: \(text)"))
        #expect(document.graphTexts == expectedLines(text))
        #expect(document.groups.filter { $0.kind == "node" }.count == 3, "no extra nodes were injected")
        let edge = try #require(document.groups.first { $0.kind == "edge" && $0.name.contains("p_p1") })
        #expect(edge.tooltip == DOTText.displayed("\(text) protects Other: \(text)"))
    }

    @Test func hundredThousandCharactersSurvive() throws {
        let document = try svg(for: map(named: "Long", intent: HostileText.long))
        let tooltip = try #require(document.node("p_p1")?.tooltip)
        #expect(tooltip == "Long (manager)\nIntent: " + HostileText.long)
    }

    @Test func everyPartOfTheExampleIsInItsSVG() throws {
        let parsed = MapParser.parse(try TestSupport.exampleText("numbness.parts"))
        #expect(!parsed.hasErrors)
        let document = try svg(for: parsed.map, options: DOTOptions(showsLegend: true))
        for part in parsed.map.parts {
            let node = try #require(document.node("p_\(part.id)"), "missing node for \(part.id)")
            #expect(node.texts.first == part.displayName)
        }
    }
}
