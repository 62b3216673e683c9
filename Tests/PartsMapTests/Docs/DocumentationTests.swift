import Foundation
import Testing
@testable import PartsMap

/// Keeps docs/ true: every map snippet reads as the docs say it does, and every
/// `partsmap check` transcript matches what partsmap prints today.
@Suite("Documentation examples")
struct DocumentationTests {
    struct Snippet: CustomStringConvertible {
        var file: String
        var line: Int
        var marker: String?
        var text: String
        var transcript: String?
        var description: String { "\(file):\(line)" }
    }

    static func snippets() throws -> [Snippet] {
        let docs = TestSupport.packageRoot.appendingPathComponent("docs")
        var found: [Snippet] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: docs.path).sorted() where name.hasSuffix(".md") {
            let lines = try String(contentsOf: docs.appendingPathComponent(name), encoding: .utf8)
                .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            var index = 0
            while index < lines.count {
                guard lines[index] == "```parts" else { index += 1; continue }
                let marker = index > 0 && lines[index - 1].hasPrefix("<!--") ? lines[index - 1] : nil
                let start = index + 1
                var end = start
                while end < lines.count, lines[end] != "```" { end += 1 }
                var snippet = Snippet(file: name, line: start, marker: marker,
                                      text: lines[start..<end].joined(separator: "\n") + "\n", transcript: nil)
                var next = end + 1
                while next < lines.count, lines[next].isEmpty { next += 1 }
                if next + 1 < lines.count, lines[next] == "```text", lines[next + 1] == "$ partsmap check map.parts" {
                    var close = next + 2
                    while close < lines.count, lines[close] != "```" { close += 1 }
                    snippet.transcript = lines[(next + 2)..<close].joined(separator: "\n")
                }
                found.append(snippet)
                index = end + 1
            }
        }
        return found
    }

    @Test func thereAreSnippetsToCheck() throws {
        #expect(try Self.snippets().count >= 20)
        #expect(try Self.snippets().filter { $0.transcript != nil }.count >= 4)
    }

    @Test(arguments: try snippets())
    func snippetReadsAsDocumented(snippet: Snippet) throws {
        let text = snippet.text.hasPrefix("partsmap 1") || snippet.text.contains("\npartsmap 1")
            ? snippet.text : "partsmap 1\n" + snippet.text
        let parsed = MapParser.parse(text)
        let warnings = parsed.hasErrors ? [] : MapChecker.check(parsed.map, locations: parsed.locations)
        switch snippet.marker {
        case "<!-- invalid -->"?:
            #expect(parsed.hasErrors, "\(snippet) should have errors")
        case "<!-- warning -->"?:
            #expect(!parsed.hasErrors && !warnings.isEmpty, "\(snippet) should read with warnings")
        default:
            #expect(parsed.diagnostics.isEmpty, "\(snippet): \(parsed.diagnostics)")
        }
        guard let transcript = snippet.transcript else { return }
        let folder = try TestSupport.makeTemporaryFolder()
        defer { TestSupport.cleanUp(folder) }
        try text.write(to: folder.appendingPathComponent("map.parts"), atomically: true, encoding: .utf8)
        let result = try TestSupport.partsmap(["check", "map.parts"], in: folder)
        #expect(result.stderr.trimmingCharacters(in: .newlines) == transcript, "\(snippet)")
    }
}
