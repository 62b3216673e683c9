import Foundation
import Testing
@testable import PartsMap
@testable import PartsMapCLI

/// User text that reaches a terminal: control characters (ESC, OSC, CSI, C1, BEL, lone CR) in
/// a part's name, a note or a session title are shown visibly by every command that prints
/// them, never sent raw. A lone CR is one line break, the same in every output.
@Suite("Terminal-safe text")
struct TerminalTextTests {
    /// A title-setting OSC, a screen-clearing CSI, a C1 CSI, BEL, DEL and a lone CR.
    static let hostile = "\u{1B}]0;pwned\u{07}\u{1B}[2J\u{9B}31m\u{7F}x\ry"

    static func map(_ extra: String = "") -> String {
        let quoted = MapText.quoted(hostile)
        return """
            partsmap 1
            title: \(quoted)

            part fog: \(quoted)
              role: manager
              note: \(quoted)
              beliefs: \(quoted)

            part little: Little
              role: exile

            fog protects little

            session 2026-11-19: \(quoted)
              present: fog
              self: calm 5
              status fog: known
              note: \(quoted)
            \(extra)
            """
    }

    /// Bytes a terminal would act on: C0 controls but LF and TAB, DEL, C1 (as UTF-8), a CR not before LF.
    static func rawControls(_ bytes: Data) -> [String] {
        let array = [UInt8](bytes)
        var found: [String] = []
        for (index, byte) in array.enumerated() {
            if byte == 0x0D {
                if index + 1 >= array.count || array[index + 1] != 0x0A { found.append("lone CR at \(index)") }
            } else if (byte < 0x20 && byte != 0x0A && byte != 0x09) || byte == 0x7F {
                found.append(String(format: "0x%02X at %d", byte, index))
            } else if byte == 0xC2, index + 1 < array.count, (0x80...0x9F).contains(array[index + 1]) {
                found.append(String(format: "C1 0x%02X at %d", array[index + 1], index))
            }
        }
        return found
    }

    @Test("Every command that prints user text shows control characters visibly")
    func commandsShowControlsVisibly() throws {
        let sandbox = try GitSandbox()
        defer { sandbox.cleanUp() }
        try sandbox.commit(TerminalTextTests.map(), "first")
        try sandbox.commit(TerminalTextTests.map().replacingOccurrences(of: "status fog: known", with: "status fog: befriended")
                           .replacingOccurrences(of: "part little: Little", with: "part little: \(MapText.quoted(TerminalTextTests.hostile))"),
                           "second", date: "2026-11-02T12:00:00")
        let commands: [[String]] = [
            ["part", "list"], ["part", "show", "fog"], ["session", "list"], ["session", "show", "1"],
            ["journey", "fog"], ["history"], ["diff", "--rev", "HEAD~1"], ["textconv", "map.parts"], ["check", "map.parts"],
        ]
        for command in commands {
            let result = try sandbox.partsmap(command)
            #expect(result.status == (command[0] == "diff" ? 1 : 0), "\(command): \(result.stderr)")
            if command[0] != "check" { #expect(!result.stdoutData.isEmpty, "\(command) printed nothing") }
            #expect(TerminalTextTests.rawControls(result.stdoutData).isEmpty,
                    "\(command): \(TerminalTextTests.rawControls(result.stdoutData)) in \(Reliability.escaped([UInt8](result.stdoutData)))")
            #expect(TerminalTextTests.rawControls(Data(result.stderr.utf8)).isEmpty, "\(command) stderr: \(result.stderr)")
        }
        let show = try sandbox.partsmap(["part", "show", "fog"])
        #expect(show.stdout.contains("\\u{1B}]0;pwned\\u{7}"), "\(show.stdout)")
        // The lone CR is a line break: "x" and "y" on lines of their own.
        #expect(show.stdout.contains("x\n"), "\(show.stdout)")
        // Error messages too.
        let error = try sandbox.partsmap(["part", "show", "a\u{1B}[2J"])
        #expect(TerminalTextTests.rawControls(Data(error.stderr.utf8)).isEmpty, "\(error.stderr)")
    }

    @Test("The visible form is one helper, used by error messages and output alike")
    func visibleForm() {
        #expect(TerminalText.visible("a\u{1B}[2Jb") == "a\\u{1B}[2Jb")
        #expect(TerminalText.visible("x\ry") == "x\ny")
        #expect(TerminalText.visible("x\r\ny") == "x\ny")
        #expect(TerminalText.visible("tab\there") == "tab\there")
        #expect(TerminalText.visible("\u{9B}\u{7F}\u{202E}") == "\\u{9B}\\u{7F}\\u{202E}")
        #expect(TerminalText.visible("one\ntwo", singleLine: true) == "one\\ntwo")
        #expect(TerminalText.visible("Ünïcödé ✓") == "Ünïcödé ✓")
    }

    @Test("A lone CR in a value is one line break in SVG, HTML, Markdown and the terminal alike")
    func loneCarriageReturnIsALineBreak() throws {
        let withCR = """
            partsmap 1
            title: T

            part fog: "The\\rFog"
              role: manager
              note: "one\\rtwo"

            """
        let withLF = withCR.replacingOccurrences(of: "\\r", with: "\\n")
        var outputs: [[String]: [String]] = [:]
        for text in [withCR, withLF] {
            let folder = try TestSupport.makeTemporaryFolder()
            defer { TestSupport.cleanUp(folder) }
            try text.write(to: folder.appendingPathComponent("map.parts"), atomically: true, encoding: .utf8)
            var commands: [[String]] = [["report", "-o", "-", "--format", "md"], ["part", "show", "fog"], ["dot"]]
            if TestSupport.dotPath != nil { commands += [["render", "-o", "-"], ["report", "-o", "-", "--format", "html"]] }
            for command in commands {
                let result = try TestSupport.partsmap(command, environment: ["XDG_CACHE_HOME": folder.path + "/cache"], in: folder)
                #expect(result.status == 0, "\(command): \(result.stderr)")
                outputs[command, default: []].append(result.stdout)
            }
        }
        for (command, pair) in outputs {
            #expect(pair.count == 2 && pair[0] == pair[1], "\(command): a CR and an LF give different output")
        }
    }

    @Test("Markdown keeps its structure whatever a name holds", arguments: ["    indented", "", "\t\ttabbed", " - dash"])
    func markdownStructure(name: String) throws {
        let text = """
            partsmap 1
            title: T

            part p1: \(MapText.quoted(name))
              role: manager

            part p2: Two
              role: exile

            p1 protects p2

            session 2026-11-19: S
              status p1: known -> befriended: first note

            session 2026-11-20: S
              status p1: befriended -> trusting: second note

            """
        let model = ReportModel(map: TestSupport.parseValid(text), view: MapView(), redacted: false)
        let markdown = ReportMarkdown.markdown(model)
        for line in markdown.split(separator: "\n") {
            // No line opens an indented code block (4+ columns after a list marker or at the start).
            if line.hasPrefix("- ") { #expect(!line.dropFirst(2).hasPrefix(" "), "\(line)") }
            if line.hasPrefix("  - ") { #expect(!line.dropFirst(4).hasPrefix(" "), "\(line)") }
            #expect(!line.hasPrefix("    ") || line.hasPrefix("    - "), "\(line)")
        }
        // The journey notes stay nested under the part's journey line.
        let journey = markdown.components(separatedBy: "## Status journeys")[1]
        let lines = journey.split(separator: "\n").map(String.init)
        guard let index = lines.firstIndex(where: { $0.contains("(`p1`)") }) else {
            Issue.record("no journey line for p1 in \(journey)")
            return
        }
        #expect(lines[index + 1].hasPrefix("  - 2026-11-19"), "\(lines)")
    }
}
