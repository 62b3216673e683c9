import Foundation
import Testing
@testable import PartsMap

@Suite("DOTWriter")
struct DOTWriterTests {
    static let sample = """
        partsmap 1
        title: Test map

        part fog: The Fog
          role: manager
          age: 12
          status: befriended
          intent: keeps grief from flooding
          fears: the sadness will never end
          burden legacy: we don't cry

        part scroller: Scroller
          role: firefighter

        part guard: Guard
          role: protector
          self-like: yes

        part little: Little One
          role: exile
          age: 7

        part who: Someone

        fog protects little
        fog polarized scroller: rest versus numbing
        fog allied guard
        fog blends self
        scroller triggers who
        """

    func dot(_ text: String = sample, _ options: DOTOptions = DOTOptions()) -> String {
        DOTWriter(options: options).dot(for: TestSupport.parseValid(text))
    }

    /// Every `label` the DOT gives, one after another.
    func labels(_ dot: String) -> String {
        dot.components(separatedBy: "label=\"").dropFirst().map { $0.prefix { $0 != "\"" } }.joined(separator: "|")
    }

    func line(containing fragment: String, in dot: String) -> String? {
        dot.split(separator: "\n").map(String.init).first { $0.contains(fragment) }
    }

    @Test func sameMapGivesByteIdenticalDOT() {
        #expect(dot() == dot())
        let reparsed = MapPrinter.print(TestSupport.parseValid(Self.sample))
        #expect(dot(reparsed) == dot())
    }

    @Test(arguments: [
        ("p_fog", "shape=\"box\"", "#CFE8F7"),
        ("p_scroller", "shape=\"octagon\"", "#FAD7BF"),
        ("p_guard", "shape=\"house\"", "#CDEBE0"),
        ("p_little", "shape=\"ellipse\"", "#F3D3E4"),
        ("p_who", "shape=\"note\"", "#FFFFFF"),
        ("\"self\" [", "shape=\"doublecircle\"", "#F0E442"),
    ])
    func eachRoleHasItsOwnShapeAndColour(node: String, shape: String, colour: String) throws {
        let text = try #require(line(containing: node.hasPrefix("\"") ? node : "\"\(node)\" [", in: dot()))
        #expect(text.contains(shape))
        #expect(text.contains(colour))
    }

    @Test func shapesAreDistinctPerRoleSoColourIsNeverTheOnlyCue() {
        let style = VisualStyle.standard
        let shapes = Role.allCases.map { role in style.attributes(for: role).first { $0.name == "shape" }?.value ?? "" }
        #expect(Set(shapes).count == Role.allCases.count)
        let edgeLooks = Relationship.Kind.allCases.map { kind in
            style.attributes(for: kind).filter { ["style", "arrowhead", "dir", "color"].contains($0.name) && !$0.value.hasPrefix("#") }
                .map { "\($0.name)=\($0.value)" }.joined(separator: ",") + (style.attributes(for: kind).first { $0.name == "color" }?.value.contains(":") == true ? "double" : "")
        }
        #expect(Set(edgeLooks).count == Relationship.Kind.allCases.count)
    }

    @Test func labelShowsNameRoleAgeAndStatus() throws {
        let text = try #require(line(containing: "\"p_fog\" [", in: dot()))
        #expect(text.contains("label=\"The Fog\\nmanager, age 12\\nbefriended\""))
        let guardLine = try #require(line(containing: "\"p_guard\" [", in: dot()))
        #expect(guardLine.contains("peripheries=\"2\""))
        #expect(guardLine.contains("self-like"))
    }

    @Test func tooltipCarriesIntentFearsAndBurdens() throws {
        let text = try #require(line(containing: "\"p_fog\" [", in: dot()))
        #expect(text.contains("Intent: keeps grief from flooding"))
        #expect(text.contains("Fears: the sadness will never end"))
        #expect(text.contains("Burdens: we don't cry (legacy, carried)"))
        // The table's order, the tooltip's lead first: intent, fears, burdens, then the rest.
        let order = ["Intent:", "Fears:", "Burdens:", "Status:"].compactMap { text.range(of: $0)?.lowerBound }
        #expect(order.count == 4 && order == order.sorted())
    }

    @Test func edgesFollowTheRelationshipConventions() throws {
        let output = dot()
        let protects = try #require(line(containing: "\"p_fog\" -> \"p_little\"", in: output))
        #expect(protects.contains("style=\"solid\"") && protects.contains("arrowhead=\"normal\""))
        let polarized = try #require(line(containing: "\"p_fog\" -> \"p_scroller\"", in: output))
        #expect(polarized.contains("style=\"dashed\"") && polarized.contains("arrowhead=\"tee\"")
                && polarized.contains("arrowtail=\"tee\"") && polarized.contains("dir=\"both\""))
        #expect(polarized.contains("label=\"rest versus numbing\""))
        let allied = try #require(line(containing: "\"p_fog\" -> \"p_guard\"", in: output))
        #expect(allied.contains("color=\"#009E73:invis:#009E73\"") && allied.contains("dir=\"none\""))
        let blends = try #require(line(containing: "\"p_fog\" -> \"self\" [style=\"dotted\"", in: output))
        #expect(blends.contains("arrowhead=\"odot\""))
        let triggers = try #require(line(containing: "\"p_scroller\" -> \"p_who\"", in: output))
        #expect(triggers.contains("#E69F00") && triggers.contains("arrowhead=\"veevee\""))
    }

    @Test func selfSitsAboveTheSystemInDotAndIsPinnedAtTheCentreInNeato() {
        #expect(dot().contains("{ rank=\"source\"; \"self\"; }"))
        #expect(dot().contains("{ rank=\"max\"; \"p_little\"; }"))
        let neato = dot(Self.sample, DOTOptions(layout: .neato))
        #expect(neato.contains("pos=\"0,0!\""))
        #expect(!neato.contains("rank="))
        #expect(dot(Self.sample, DOTOptions(layout: .twopi)).contains("root=\"self\""))
    }

    @Test func legendOnlyWhenAsked() {
        #expect(!dot().contains("cluster_legend"))
        let withLegend = dot(Self.sample + "\nguard alternates scroller\n", DOTOptions(showsLegend: true))
        #expect(withLegend.contains("subgraph \"cluster_legend\""))
        for role in Role.allCases { #expect(withLegend.contains("\"legend_\(role.rawValue)\"")) }
        for kind in Relationship.Kind.allCases {
            // Two left-aligned lines: what the line means, then how it looks.
            let lines = VisualStyle.standard.legendCaptionLines(for: kind)
            #expect(lines.count == 2 && lines.joined(separator: " ") == VisualStyle.standard.legendCaption(for: kind))
            #expect(withLegend.contains("label=\"" + lines.joined(separator: "\\l") + "\\l\""), "\(kind)")
        }
    }

    /// Named only, the legend keeps a sample of every kind and drops the words on their looks,
    /// in the clinical layout (a narrower legend beside the map) and the layered one.
    @Test func aLegendOfNamesOnlyIsNarrower() throws {
        let text = Self.sample + "\nguard alternates scroller\nscroller triggers little\n"
        for layout in [LayoutEngine.clinical, .dot] {
            var options = DOTOptions(showsLegend: true, layout: layout)
            let full = dot(text, options)
            options.legendNamesOnly = true
            let named = dot(text, options)
            for role in Role.allCases { #expect(named.contains("\"legend_\(role.rawValue)\""), "\(layout) \(role)") }
            for kind in Relationship.Kind.allCases {
                let lines = VisualStyle.standard.legendCaptionLines(for: kind)
                // In the words drawn (labels); a line sample's tooltip keeps its whole caption.
                #expect(labels(full).contains(lines[1]) && !labels(named).contains(lines[1]), "\(layout) \(kind)")
                #expect(labels(named).contains(lines[0]), "\(layout) \(kind)")
            }
            #expect(labels(full).contains("(rounded box)") && !labels(named).contains("(rounded box)"))
        }
        // Drawn by Graphviz: the names-only legend of the clinical layout is narrower, and the
        // map itself does not move. (The legend's own width: beside the map it makes the
        // picture narrower too; this map of one system is wider than tall, its legend under it.)
        let dotPath = try #require(TestSupport.dotPath, "Graphviz must be installed (apt-get install graphviz)")
        func drawn(_ options: DOTOptions) throws -> (width: Double, fromSelf: [Double]) {
            let result = try TestSupport.run(dotPath, ["-Tplain"], input: Data(dot(text, options).utf8))
            try #require(result.status == 0, "dot failed: \(result.stderr)")
            let lines = result.stdout.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
            _ = try #require(lines.first { $0.first == "graph" && $0.count >= 4 })
            func centre(_ name: String) throws -> [Double] {
                let line = try #require(lines.first { $0.count >= 4 && $0[0] == "node" && $0[1] == name })
                return [try #require(Double(line[2])), try #require(Double(line[3]))]
            }
            let (me, fog) = (try centre("self"), try centre("p_fog"))
            let legend = lines.filter { $0.count >= 6 && $0[0] == "node" && $0[1].hasPrefix("legend_") }
                .compactMap { line -> (Double, Double)? in
                    guard let x = Double(line[2]), let width = Double(line[4]) else { return nil }
                    return (x - width / 2, x + width / 2)
                }
            let width = ((legend.map(\.1).max() ?? 0) - (legend.map(\.0).min() ?? 0)) * 72
            return (width, [fog[0] - me[0], fog[1] - me[1]])
        }
        var options = DOTOptions(showsLegend: true, layout: .clinical)
        let wide = try drawn(options)
        options.legendNamesOnly = true
        let narrow = try drawn(options)
        #expect(narrow.width < wide.width - 30, "\(narrow.width) against \(wide.width)")
        #expect(zip(narrow.fromSelf, wide.fromSelf).allSatisfy { abs($0 - $1) < 0.001 }, "\(narrow.fromSelf) against \(wide.fromSelf)")
    }

    @Test func titleBecomesTheGraphLabel() {
        #expect(dot().contains("label=\"Test map\""))
        #expect(!dot("partsmap 1\n").contains("labelloc"))
    }

    @Test func longTextIsSplitIntoPiecesGraphvizAccepts() {
        let quoted = DOTText.quoted(HostileText.long)
        let pieces = quoted.components(separatedBy: "\" + \"")
        #expect(pieces.count > 1)
        #expect(pieces.allSatisfy { $0.utf8.count <= DOTText.maximumPieceBytes + 2 })
    }

    @Test func escapingNeutralisesDOTSyntax() {
        #expect(DOTText.quoted("a\"b") == "\"a\\\"b\"")
        #expect(DOTText.quoted("x\\") == "\"x\\\\\"")
        #expect(DOTText.quoted("\\N") == "\"\\\\N\"")
        #expect(DOTText.quoted("a&b") == "\"a&amp;b\"")
        #expect(DOTText.quoted("1\n2") == "\"1\\n2\"")
        #expect(DOTText.quoted("x\\", as: .tooltip) == "\"x\\\\\\\\\"")
        #expect(DOTText.quoted("bell\u{7}") == "\"bell\"")
        // A lone CR is a line break, as in every output; CR LF is one break.
        #expect(DOTText.quoted("bell\rring\r\n") == "\"bell\\nring\\n\"")
    }
}
