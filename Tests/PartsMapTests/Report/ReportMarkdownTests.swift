import Foundation
import Testing
@testable import PartsMap

/// `partsmap report --format md`: Markdown for clinical notes, where user text never becomes markup.
@Suite("Report: Markdown")
struct ReportMarkdownTests {
    static let markdownLines: [String] = HostileText.corpus.flatMap { ReportModel.lines($0) } + [
        "*bold* _em_ **strong** __strong__ `code` ``double``",
        "[a link](https://example.org) ![an image](x.png) <https://example.org>",
        "<b>tag</b> <!-- comment --> &copy; &#169; &",
        "# heading", "## heading", "- item", "+ item", "* item", "1. item", "12) item", "> quote", "=== rule", "---",
        "| table | cell |", "~~strike~~", "\\*not bold\\*", "trailing backslash \\", "a\\b", "5 * 3 = 15", "snake_case_name",
        "   - indented item", "    four spaces: code?",
    ]

    @Test(arguments: markdownLines)
    func escapingRoundTrips(line: String) {
        let escaped = MarkdownText.escaped(line)
        var expected = ""
        for scalar in line.unicodeScalars {
            switch scalar {
            case "\t": expected += " "
            case "\r": continue
            default: expected.unicodeScalars.append(scalar)
            }
        }
        #expect(MarkdownText.unescaped(escaped) == expected, "\(escaped)")
    }

    @Test(arguments: markdownLines)
    func escapedTextHasNoMarkup(line: String) {
        let escaped = Array(MarkdownText.escaped(line).unicodeScalars)
        var index = 0
        var atStart = true
        while index < escaped.count {
            let scalar = escaped[index]
            if scalar == "\\" {
                #expect(index + 1 < escaped.count, "a lone backslash at the end")
                index += 2
                atStart = false
                continue
            }
            if String(String.UnicodeScalarView(escaped[index...].prefix(5))) == "&#32;" {
                index += 5  // a leading blank, kept out of the Markdown structure
                continue
            }
            #expect(!MarkdownText.significant.contains(scalar) && scalar != "<", "unescaped '\(scalar)' in \(String(String.UnicodeScalarView(escaped)))")
            if scalar == "&" {
                let rest = String(String.UnicodeScalarView(escaped[index...].prefix(5)))
                #expect(rest.hasPrefix("&amp;") || rest.hasPrefix("&lt;"), "a raw & could start an entity")
            }
            if atStart && scalar != " " {
                #expect(!["-", "+", "="].contains(scalar), "a line starting with \(scalar) could be a list or a rule")
                atStart = false
            }
            index += 1
        }
        // A line starting with digits and a dot or parenthesis would become a numbered list.
        let text = String(String.UnicodeScalarView(escaped))
        #expect(text.firstMatch(of: /^\s*[0-9]+[.)]/) == nil, "\(text)")
    }

    @Test func blocksStayInsideTheirListItem() {
        let block = MarkdownText.block("first line\n\n  - second paragraph\n# third", indent: "  ")
        #expect(block == "first line\n\n  \\- second paragraph\n  \\# third")
    }

    @Test func theExampleReadsAsMarkdown() throws {
        let folder = try ReportTestSupport.folderWithExample()
        defer { TestSupport.cleanUp(folder) }
        try ReportTestSupport.partsmap(["report", "numbness.parts", "--format", "md"], in: folder)
        let markdown = try ReportTestSupport.read(folder, "numbness.report.md")
        let map = try ReportTestSupport.example()
        #expect(markdown.hasPrefix("# Sam — living inside the fog\n"))
        for heading in ["## Parts", "## Relationships", "## Sessions", "## Status journeys"] {
            #expect(markdown.contains("\n\(heading)\n"))
        }
        func expectShown(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
            for line in ReportTestSupport.shownLines(text) {
                let shown = MarkdownText.escaped(line.trimmingCharacters(in: .whitespaces))
                #expect(markdown.contains(shown), "'\(shown)' is missing", sourceLocation: sourceLocation)
            }
        }
        for part in map.parts {
            #expect(markdown.contains("### \(MarkdownText.escaped(part.displayName)) (`\(part.id)`)\n"))
            for text in part.body + part.beliefs + part.jobs + part.intents + part.fears + part.trailheads + part.notes
                + part.burdens.map(\.text) + part.customFields.map(\.value) {
                expectShown(text)
            }
        }
        for session in map.sessions {
            for text in session.notes + session.homework + [session.title ?? ""] { expectShown(text) }
        }
        #expect(markdown.contains("- The Fog (`fog`): noticed → known (2026-10-08, session 1) → befriended (2026-10-22, session 2) "
                                  + "→ trusting (2026-11-05, session 3) → befriended (went back, 2026-11-12, session 4) → trusting (2026-11-19, session 5)"))
        #expect(markdown.contains("- Unburdening: Little One (`little`): witnessing, do-over, retrieval (retrieved to: the allotment shed), "
                                  + "unburdening (released to: wind), invitation (invited in: playfulness, warmth)"))
        #expect(markdown.contains("- Unburdening: Little One (`little`): witnessing (started)\n"))
        #expect(markdown.contains("- Feelings check-in: sadness 6, anger 1, joy 2, longing 4, tenderness 3\n"))
        #expect(markdown.contains("  - Permission from The Fog to go to Little One: conditions (only if it can close again whenever it needs to)\n"))
        #expect(markdown.contains("  - The Critic was blended and stepped back (concerned: that therapy is self-indulgent)\n"))
        // The picture is the Mermaid diagram of the map, in one fenced block; outside it, no HTML.
        let fence = "```mermaid\n" + MermaidWriter().mermaid(for: map) + "```\n"
        #expect(markdown.components(separatedBy: "```mermaid").count == 2 && markdown.contains(fence))
        let outside = markdown.replacingOccurrences(of: fence, with: "")
        #expect(!outside.contains("<svg") && !outside.contains("<") && !outside.contains("```"), "no HTML, no other pictures")
        #expect(markdown.contains("The picture is a Mermaid diagram"))
    }

    /// With the diagram of a hostile map, the Mermaid block still opens and closes once: no
    /// label can hold a backtick, let alone a fence.
    @Test func theMermaidBlockHoldsHostileText() {
        let map = ReportTestSupport.hostileMap(ReportMarkdownTests.markdownLines + ["```", "```mermaid", "~~~"])
        let markdown = ReportMarkdown.markdown(ReportModel(map: map, view: MapView(), redacted: false),
                                               mermaid: MermaidWriter().mermaid(for: map))
        let fences = markdown.split(separator: "\n").filter { $0.hasPrefix("```") || $0.hasPrefix("~~~") }
        #expect(fences == ["```mermaid", "```"])
    }

    @Test func hostileTextNeverBecomesMarkup() {
        let map = ReportTestSupport.hostileMap(ReportMarkdownTests.markdownLines)
        let markdown = ReportMarkdown.markdown(ReportModel(map: map, view: MapView(), redacted: false))
        // Only partsmap's own headings, lists and code spans: user text adds none.
        let headings = markdown.split(separator: "\n").filter { $0.hasPrefix("#") }
        #expect(headings.count == 6 + ReportMarkdownTests.markdownLines.count * 2,
                "the title, six sections, and one heading per part and per session")
        for line in markdown.split(separator: "\n") {
            let trimmed = line.drop { $0 == " " }
            #expect(!trimmed.hasPrefix("<") && !trimmed.hasPrefix(">") && !trimmed.hasPrefix("|") && !trimmed.hasPrefix("*")
                    && !trimmed.hasPrefix("+") && !trimmed.hasPrefix("="), "\(line)")
            if trimmed.hasPrefix("-") { #expect(trimmed.hasPrefix("- "), "\(line)") }
        }
        #expect(!markdown.contains("<b>") && !markdown.contains("<!--") && !markdown.contains("<https"))
        #expect(!markdown.contains("](") || markdown.contains("\\]("), "no link can form")
        // Backticks that are not escaped are partsmap's own code spans around IDs, in pairs.
        var unescaped = 0
        var escaping = false
        for character in markdown {
            if escaping { escaping = false; continue }
            if character == "\\" { escaping = true } else if character == "`" { unescaped += 1 }
        }
        #expect(unescaped == 2 * markdown.matches(of: /`p[0-9]+`/).count + 2, "every code span is an ID, but `partsmap render`")
    }
}
