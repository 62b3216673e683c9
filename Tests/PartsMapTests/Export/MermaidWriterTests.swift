import Foundation
import Testing
@testable import PartsMap

/// `MermaidWriter` and `MermaidText`: the diagram's structure, each escaping rule of
/// docs/mermaid.md, and the real Mermaid (in headless Chromium) drawing what we write.
@Suite("Export: Mermaid")
struct MermaidWriterTests {
    static func example() throws -> SystemMap { TestSupport.parseValid(try TestSupport.exampleText("numbness.parts")) }

    /// The quoted strings of a diagram, and the diagram with each of them replaced by `""`.
    /// Scalar by scalar, as Mermaid's lexer reads: a quote followed by a combining mark is one
    /// Swift Character but still a quote.
    static func split(_ diagram: String) -> (labels: [String], rest: String) {
        var labels: [String] = []
        var rest = ""
        var current: String?
        for scalar in diagram.unicodeScalars {
            if scalar == "\"" {
                if let label = current { labels.append(label); current = nil; rest += "\"\"" } else { current = "" }
            } else if current != nil {
                current?.unicodeScalars.append(scalar)
            } else {
                rest.unicodeScalars.append(scalar)
            }
        }
        return (labels, rest)
    }

    /// The text a label stands for: entity codes and `<br>` undone (what Mermaid shows).
    static func decoded(_ label: String) -> String {
        var out = ""
        var rest = label[...]
        while let range = rest.range(of: "#[0-9]+;|<br>", options: .regularExpression) {
            out += rest[..<range.lowerBound]
            let code = rest[range]
            out += code == "<br>" ? "\n" : String(Unicode.Scalar(UInt32(code.dropFirst().dropLast()) ?? 0x3F).map(Character.init) ?? "?")
            rest = rest[range.upperBound...]
        }
        return out + rest
    }

    /// What a person's text looks like once control characters are left out (docs/mermaid.md).
    static func visible(_ text: String) -> String {
        var out = ""
        // A lone CR is a line break, as in every output (TextLines).
        for scalar in TextLines.normalized(text).unicodeScalars {
            switch scalar {
            case "\n": out += "\n"
            case "\t": out += " "
            case "\u{FFFE}", "\u{FFFF}": continue
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A map with one part of each role (one of them Self-like) and one relationship of each kind.
    static var everyKind: SystemMap {
        let ids = Role.allCases.map { PartID($0.rawValue + "-part")! }
        var items: [MapItem] = zip(ids, Role.allCases).map { id, role in
            .part(Part(id: id, name: "A " + role.rawValue, fields: [PartField(.role(role))] + (role == .unknown ? [PartField(.selfLike(true))] : [])))
        }
        items += Relationship.Kind.allCases.enumerated().map { index, kind in
            .relationship(Relationship(.part(ids[index % ids.count]), kind, index == 3 ? .theSelf : .part(ids[(index + 1) % ids.count]),
                                       note: kind == .protects ? "keeps it safe" : nil))
        }
        return SystemMap(items: items)
    }

    /// Text aimed at Mermaid itself: its entity codes and their private markers, its line breaks
    /// (`\n`, `<br>`, `#br#`), Markdown strings, directives, keywords and comments.
    static let mermaidTraps = [
        "#quot; #35; #br# #lt;b#gt;", "ﬂ°°35¶ß ﬂ°amp¶ß", "a\\nb \\\\n", "<br> <br/> &lt;br&gt;", "`**bold** _em_`",
        "%%{init: {\"theme\": \"dark\"}}%%", "%% comment", "end", "click p1 call alert(1)", "A-->B; C---oD", ":::manager",
        "@{ shape: circle }", "style p1 fill:#f00", "a\u{2028}b\u{2029}c", "\u{202E}reversed", "\u{1}\r", "\u{301}",
    ]

    @Test func rolesHaveShapesAndClassesAndKindsHaveLineStyles() {
        let diagram = MermaidWriter().mermaid(for: Self.everyKind)
        let lines = diagram.split(separator: "\n").map(String.init)
        #expect(lines.first == "flowchart TB")
        #expect(lines.contains("  self(((\"Self\")))"))
        #expect(lines.contains("  p1(\"A manager<br>manager\")"))
        #expect(lines.contains("  p2{{\"A firefighter<br>firefighter\"}}"))
        #expect(lines.contains("  p3[/\"A protector<br>protector\"\\]"))
        #expect(lines.contains("  p4([\"A exile<br>exile\"])"))
        #expect(lines.contains("  p5>\"A unknown<br>unknown, self-like\"]"))
        #expect(lines.contains("  p1 ==>|\"keeps it safe\"| p2"))
        #expect(lines.contains("  p2 x-.-x p3"))
        #expect(lines.contains("  p3 --- p4"))
        #expect(lines.contains("  p4 -.-o self"))
        #expect(lines.contains("  p5 --> p1"))
        #expect(lines.contains("  p1 <--> p2"))
        for role in Role.allCases {
            #expect(lines.contains { $0.hasPrefix("  classDef \(role.rawValue) ") && $0.contains("fill:") })
        }
        #expect(lines.contains("  class p1 manager") && lines.contains("  class p4 exile") && lines.contains("  class p5 selfLike"))
        // linkStyle numbers count every link in order: protects is link 0, triggers link 4.
        #expect(lines.contains("  linkStyle 0 stroke:#333333,stroke-width:1.4px"))
        #expect(lines.contains { $0.hasPrefix("  linkStyle 4 stroke:#E69F00") })
        // Self sits above the parts nothing protects and that are not exiles (invisible links, after the others).
        #expect(lines.filter { $0.hasPrefix("  self ~~~ ") } == ["  self ~~~ p1", "  self ~~~ p3", "  self ~~~ p5"])
    }

    @Test func theThemeGivesTheColours() {
        let dark = MermaidWriter(style: VisualStyle(theme: .dark), direction: .leftToRight).mermaid(for: Self.everyKind)
        #expect(dark.hasPrefix("flowchart LR\n"))
        #expect(dark.contains("  classDef manager fill:#0B3954,stroke:#56B4E9,stroke-width:1.2px,color:#F2F2F2\n"))
        let print = MermaidWriter(style: VisualStyle(theme: .print)).mermaid(for: Self.everyKind)
        #expect(print.contains("  classDef exile fill:#CCCCCC,stroke:#000000"))
    }

    /// Every rule of docs/mermaid.md, one input each.
    @Test(arguments: [
        ("say \"hi\"", "say #34;hi#34;"),
        ("#1 #35; #quot;", "#35;1 #35;35; #35;quot;"),
        ("a & b &amp;", "a #38; b #38;amp;"),
        ("<b>bold</b> <br>", "#60;b#62;bold#60;/b#62; #60;br#62;"),
        ("`**md**`", "#96;**md**#96;"),
        ("%%{init: {\"theme\": \"dark\"}}%%", "#37;#37;{init#58; {#34;theme#34;#58; #34;dark#34;}}#37;#37;"),
        ("ﬂ°°35¶ß", "ﬂ\u{2060}°°35¶\u{2060}ß"),
        ("style p1 fill:#f00;", "style p1 fill#58;#35;f00;"),
        ("two\nlines", "two<br>lines"),
        ("crlf\r\nend", "crlf<br>end"),
        ("tab\there", "tab here"),
        ("bell\u{7}\u{0}\u{1B}[31m\u{85}", "bell[31m"),
        ("end graph subgraph click style classDef", "end graph subgraph click style classDef"),
        ("[x] (y) {z} |w| ; : -->", "[x] (y) {z} |w| ; #58; --#62;"),
        ("\\n is not a line break\\", "#92;\u{2060}n is not a line break#92;"),
        ("עברית, 日本語, 👩‍👩‍👧, e\u{301}", "עברית, 日本語, 👩‍👩‍👧, e\u{301}"),
    ])
    func escapingRule(text: String, expected: String) {
        #expect(MermaidText.label(text) == expected)
        #expect(Self.decoded(expected).replacingOccurrences(of: "\u{2060}", with: "") == Self.visible(text).replacingOccurrences(of: "\u{2060}", with: ""))
    }

    /// In generated maps full of hostile text: node IDs are ours, nothing but labels holds text,
    /// and every label holds only safe characters and decodes to the text it stands for.
    @Test func userTextStaysInsideItsLabels() throws {
        var generator = MapGenerator(seed: 12)
        let maps = [try Self.example(), Self.everyKind] + (0..<60).map { _ in generator.map() }
        let line = try NSRegularExpression(pattern: #"""
            ^(flowchart TB|  self\(\(\(""\)\)\)|  p[0-9]+(\(""\)|\{\{""\}\}|\[/""\\\]|\(\[""\]\)|>""\])\
            |  (self|p[0-9]+) (==>|x-\.-x|---|-\.-o|-->|<-->)(\|""\|)? (self|p[0-9]+)|  self ~~~ p[0-9]+\
            |  classDef (self|manager|firefighter|protector|exile|unknown|selfLike) [a-z-]+:[#A-Za-z0-9. ]+(,[a-z-]+:[#A-Za-z0-9. ]+)*\
            |  class (self|p[0-9]+(,p[0-9]+)*) (self|manager|firefighter|protector|exile|unknown|selfLike)\
            |  linkStyle [0-9]+(,[0-9]+)* [a-z-]+:[#A-Za-z0-9. ]+(,[a-z-]+:[#A-Za-z0-9. ]+)*)$
            """#.replacingOccurrences(of: "\\\n", with: ""))
        for map in maps {
            let diagram = MermaidWriter().mermaid(for: map)
            #expect(diagram == MermaidWriter().mermaid(for: map), "deterministic")
            #expect(!diagram.contains("```"), "cannot close a Markdown fence")
            let (labels, rest) = Self.split(diagram)
            for text in rest.split(separator: "\n").map(String.init) {
                let range = NSRange(text.startIndex..., in: text)
                #expect(line.firstMatch(in: text, range: range) != nil, "unexpected line: \(text.debugDescription)")
            }
            for label in labels {
                let bare = label.replacingOccurrences(of: "<br>", with: "")
                    .replacingOccurrences(of: "#[0-9]+;", with: "", options: .regularExpression)
                #expect(bare.unicodeScalars.allSatisfy { !MermaidText.encoded.contains($0) && $0.value >= 0x20 }, "\(label.debugDescription)")
            }
            let parts = Dictionary(map.parts.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            let expected = ["Self"] + map.parts.filter { parts[$0.id] == $0 }.map { Self.visible(DOTWriter().label(for: $0)) }
            let joiner = { (text: String) in text.replacingOccurrences(of: "\u{2060}", with: "") }
            #expect(Array(labels.prefix(expected.count)).map { joiner(Self.decoded($0)) } == expected.map(joiner))
        }
    }

    /// The real Mermaid parses and draws the example, generated maps and every hostile text,
    /// showing each label exactly as the person wrote it, and nothing else.
    @Test func theRealMermaidDrawsEveryLabelAsWritten() throws {
        guard MermaidBrowser.available() else { return }
        var generator = MapGenerator(seed: 5)
        let hostile = (HostileText.corpus + [HostileText.long] + Self.mermaidTraps).map { text in
            SystemMap(items: [
                .part(Part(id: PartID("a")!, name: text, fields: [PartField(.role(.manager)), PartField(.age(text))])),
                .part(Part(id: PartID("b")!, name: text + " 2", fields: [PartField(.role(.exile))])),
                .relationship(Relationship(.part(PartID("a")!), .protects, .part(PartID("b")!), note: text)),
                .relationship(Relationship(.part(PartID("b")!), .blends, .theSelf, note: text + " 3")),
            ])
        }
        let maps = [try Self.example(), Self.everyKind] + hostile + (0..<30).map { _ in generator.map() }
        let diagrams = maps.map { MermaidWriter().mermaid(for: $0) }
        let drawings = try MermaidBrowser.draw(diagrams)
        try #require(drawings.count == maps.count)
        // What a reader sees: HTML shows runs of white space as one space, and Mermaid trims
        // labels (JavaScript's trim, which also takes U+FEFF).
        let collapse = { (text: String) in
            text.replacingOccurrences(of: "\u{2060}", with: "")
                .split(whereSeparator: { $0.isWhitespace || $0 == "\u{FEFF}" }).joined(separator: " ")
        }
        for (index, (map, drawing)) in zip(maps, drawings).enumerated() {
            #expect(drawing.ok, "diagram \(index): \(drawing.error ?? "")\n\(diagrams[index].prefix(2000))")
            guard drawing.ok else { continue }
            var expected: [String: String] = ["self": "Self"]
            var seen: Set<PartID> = []
            for (number, part) in map.parts.enumerated() where seen.insert(part.id).inserted {
                expected["p\(number + 1)"] = Self.visible(DOTWriter().label(for: part))
            }
            #expect(drawing.nodes?.mapValues(collapse) == expected.mapValues(collapse), "diagram \(index)")
            let ids = Set(map.parts.map(\.id))
            // A relationship of a part with itself (check warns) is one loop in Mermaid, without its
            // note (docs/mermaid.md); the page leaves loops out of its count.
            let drawn = map.relationships.filter { [$0.from, $0.to].allSatisfy { $0.partID.map(ids.contains) ?? true } && $0.from != $0.to }
            let notes = drawn.compactMap(\.note).filter { !$0.isEmpty }.map { collapse(Self.visible(MermaidWriter.shortened($0))) }
            // Every note shows; loops may show theirs too, and nothing else shows.
            let shown = Set((drawing.edgeLabels ?? []).map(collapse).filter { !$0.isEmpty })
            let allNotes = map.relationships.compactMap(\.note).map { collapse(Self.visible(MermaidWriter.shortened($0))) }
            #expect(shown.isSuperset(of: notes.filter { !$0.isEmpty }) && shown.isSubset(of: allNotes), "diagram \(index)")
            let anchors = DOTWriter.selfAnchors(map.parts, map.relationships).count
            #expect(drawing.edges == drawn.count + anchors, "diagram \(index)")
            let unsafe = Set(drawing.elements ?? []).intersection(["script", "a", "iframe", "img", "object", "embed", "image", "use"])
            #expect(unsafe.isEmpty, "diagram \(index) has \(unsafe)")
        }
    }
}
