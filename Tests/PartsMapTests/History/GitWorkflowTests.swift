import Foundation
import Testing
@testable import PartsMap

/// History, diff, journey, textconv and merging, against real git repositories.
@Suite("Maps over time with real git")
struct GitWorkflowTests {
    static let v1 = """
        partsmap 1
        title: Sam

        part fog: The Fog
          role: manager
          status: known
          burden legacy: we don't cry

        part little: Little One
          role: exile

        fog protects little

        session 2026-11-01: Session 1
          present: fog
          self: calm 4, curiosity 5
          status fog: noticed -> known

        """

    static let v2 = v1.replacingOccurrences(of: "  status: known", with: "  status: befriended")
        .replacingOccurrences(of: "burden legacy:", with: "burden legacy witnessed:")
        + "session 2026-11-08: Session 2\n  present: fog, little\n  self: calm 6, curiosity 5\n  status fog: known -> befriended\n"

    static let v3 = v2.replacingOccurrences(of: "fog protects little\n", with: "fog protects little\nscroller polarized fog\n")
        .replacingOccurrences(of: "part little: Little One", with: "part scroller: Scroller\n  role: firefighter\n\npart little: Little One")

    func sandbox() throws -> GitSandbox {
        let sandbox = try GitSandbox()
        try sandbox.commit(Self.v1, "Session 1", date: "2026-11-01T12:00:00")
        try sandbox.commit(Self.v2, "Session 2", date: "2026-11-08T12:00:00")
        try sandbox.commit(Self.v3, "Scroller", date: "2026-11-09T12:00:00")
        return sandbox
    }

    @Test func historyHasOneLinePerCommitWithWhatChanged() throws {
        let sandbox = try sandbox()
        defer { sandbox.cleanUp() }
        let result = try sandbox.partsmap(["history"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("2026-11-09  ") && lines[0].contains("Scroller  —  +1 part, +1 relationship"))
        #expect(lines[1].contains("Session 2  —  fog: known → befriended, fog burden witnessed, +1 session, Self calm 4 → 6"))
        #expect(lines[2].contains("Session 1  —  +2 parts, +1 relationship, +1 session, Self calm unrated → 4, curiosity unrated → 5"))
        let limited = try sandbox.partsmap(["history", "--limit", "1"])
        #expect(limited.stdout.split(separator: "\n").count == 1)
        #expect(limited.stdout.contains("+1 part, +1 relationship"))
    }

    @Test func diffAgainstRevisionsFilesAndRevPaths() throws {
        let sandbox = try sandbox()
        defer { sandbox.cleanUp() }
        let clean = try sandbox.partsmap(["diff"])
        #expect(clean.status == 0)
        #expect(clean.stdout == "no changes\n")
        let revs = try sandbox.partsmap(["diff", "--rev", "HEAD~2", "--rev", "HEAD~1"])
        #expect(revs.status == 1)
        #expect(revs.stdout.contains("~ part fog:\n    status: known → befriended\n"))
        #expect(revs.stdout.contains("+ session 2026-11-08 Session 2"))
        let revPath = try sandbox.partsmap(["diff", "HEAD~2:map.parts", "map.parts"])
        #expect(revPath.status == 1)
        #expect(revPath.stdout.contains("+ part scroller (Scroller, firefighter)"))
        try Self.v1.write(to: sandbox.folder.appendingPathComponent("old.parts"), atomically: true, encoding: .utf8)
        #expect(try sandbox.partsmap(["diff", "old.parts", "HEAD~2:map.parts"]).status == 0)
        let json = try sandbox.partsmap(["diff", "--rev", "HEAD~1", "--format", "json"])
        let value = try JSONValue.parse(Array(json.stdoutData))
        guard case .object(let root) = value else { Issue.record("not JSON"); return }
        #expect(root["addedParts"] == .array([.string("scroller")]))
        #expect(root["old"] == .string("HEAD~1:map.parts"))
        let unknown = try sandbox.partsmap(["diff", "--rev", "nope"])
        #expect(unknown.status == 66)
        #expect(unknown.stderr.contains("'nope' is not a commit"))
    }

    @Test func diffMapIsDrawnByGraphvizWithMarksInWords() throws {
        let sandbox = try sandbox()
        defer { sandbox.cleanUp() }
        let output = sandbox.folder.appendingPathComponent("changes.svg")
        let result = try sandbox.partsmap(["diff", "--rev", "HEAD~2", "--format", "svg", "-o", output.path])
        #expect(result.status == 1, "\(result.stderr)")
        let svg = try SVGDocument(data: Data(contentsOf: output))
        #expect(svg.node("p_scroller")?.texts.last == "NEW")
        // What changed, from and to, wrapped over the label's last lines.
        let changed = (svg.node("p_fog")?.texts ?? []).joined(separator: " ")
        #expect(changed.contains("CHANGED: status") && changed.contains("→") && changed.hasSuffix("burdens"), "\(changed)")
        let changedDOT = try sandbox.partsmap(["diff", "--rev", "HEAD~2", "--format", "dot"]).stdout
        let fogLine = changedDOT.split(separator: "\n").first { $0.contains("\"p_fog\" [") } ?? ""
        #expect(fogLine.contains("diagonals") && !fogLine.contains("peripheries"), "a changed part has no double outline (that means self-like)")
        #expect(svg.node("p_little")?.texts.last == "exile")
        #expect(svg.groups.contains { $0.kind == "node" && $0.texts.first == "REMOVED" }, "the legend explains the marks")
        let dot = try sandbox.partsmap(["diff", "--rev", "HEAD", "--rev", "HEAD~2", "--format", "dot"])
        #expect(dot.stdout.contains("\"p_scroller\" [") && dot.stdout.contains("REMOVED"))
    }

    @Test func journeyTellsOnePartsStory() throws {
        let sandbox = try sandbox()
        defer { sandbox.cleanUp() }
        let result = try sandbox.partsmap(["journey", "fog"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Session 1): first recorded as The Fog, manager, known"))
        #expect(result.stdout.contains("Session 2): status known → befriended"))
        #expect(result.stdout.contains("Session 2): burden (legacy) \"we don't cry\" witnessed"))
        #expect(result.stdout.contains("Scroller): gained relationship scroller polarized fog"))
        #expect(result.stdout.contains("session 2026-11-08 (Session 2): status known → befriended"))
    }

    @Test func gitDiffAndLogShowChangesPartByPart() throws {
        let sandbox = try sandbox()
        defer { sandbox.cleanUp() }
        #expect(try sandbox.partsmap(["git-setup"]).status == 0)
        let attributes = try String(contentsOf: sandbox.folder.appendingPathComponent(".gitattributes"), encoding: .utf8)
        #expect(attributes.contains("*.parts text eol=lf diff=partsmap merge=partsmap"))
        let log = try sandbox.run(["log", "-p", "-1", "--format="])
        #expect(log.stdout.contains("+part scroller: role: firefighter"))
        #expect(log.stdout.contains("+relationship: scroller polarized fog"))
        try sandbox.write(Self.v3.replacingOccurrences(of: "  status: befriended", with: "  status: trusting"))
        let diff = try sandbox.run(["diff"])
        #expect(diff.stdout.contains("-part fog: status: befriended\n+part fog: status: trusting"))
    }

    @Test func branchesThatAddDifferentThingsMergeWithoutConflict() throws {
        let sandbox = try sandbox()
        defer { sandbox.cleanUp() }
        #expect(try sandbox.partsmap(["git-setup"]).status == 0)
        try sandbox.run(["add", ".gitattributes"])
        try sandbox.run(["commit", "--quiet", "-m", "git-setup"])
        try sandbox.run(["checkout", "--quiet", "-b", "alice"])
        #expect(try sandbox.partsmap(["part", "add", "critic", "--name", "Critic", "--role", "manager"]).status == 0)
        #expect(try sandbox.partsmap(["relate", "critic", "protects", "little"]).status == 0)
        #expect(try sandbox.partsmap(["part", "set", "fog", "age", "12"]).status == 0)
        try sandbox.run(["commit", "--quiet", "-am", "alice"])
        try sandbox.run(["checkout", "--quiet", "main"])
        #expect(try sandbox.partsmap(["part", "add", "numb", "--name", "Numb", "--role", "firefighter"]).status == 0)
        #expect(try sandbox.partsmap(["session", "add", "--date", "2026-11-15", "--present", "numb", "--self", "calm=7"]).status == 0)
        #expect(try sandbox.partsmap(["part", "set", "fog", "status", "trusting"]).status == 0)
        try sandbox.run(["commit", "--quiet", "-am", "bob"])
        let merge = try sandbox.run(["merge", "--no-edit", "alice"])
        #expect(merge.status == 0)
        let merged = try sandbox.read()
        #expect(!merged.contains("<<<<<<<"))
        let map = TestSupport.parseValid(merged)
        #expect(Set(map.parts.map(\.id.rawValue)) == ["fog", "little", "scroller", "critic", "numb"])
        #expect(map.relationships.contains { $0.identity == "critic protects little" })
        #expect(map.sessions.map(\.date.description) == ["2026-11-01", "2026-11-08", "2026-11-15"])
        let fog = try #require(map.part(PartID(unchecked: "fog")))
        #expect(fog.age == "12" && fog.status == .trusting, "both sides' changes to one part")
    }

    @Test func realConflictsFallBackToConflictMarkers() throws {
        let sandbox = try sandbox()
        defer { sandbox.cleanUp() }
        #expect(try sandbox.partsmap(["git-setup"]).status == 0)
        try sandbox.run(["add", ".gitattributes"])
        try sandbox.run(["commit", "--quiet", "-m", "git-setup"])
        try sandbox.run(["checkout", "--quiet", "-b", "alice"])
        #expect(try sandbox.partsmap(["part", "set", "fog", "age", "12"]).status == 0)
        try sandbox.run(["commit", "--quiet", "-am", "alice"])
        try sandbox.run(["checkout", "--quiet", "main"])
        #expect(try sandbox.partsmap(["part", "set", "fog", "age", "40"]).status == 0)
        try sandbox.run(["commit", "--quiet", "-am", "bob"])
        #expect(throws: GitSandbox.GitFailure.self) { try sandbox.run(["merge", "--no-edit", "alice"]) }
        #expect(try sandbox.read().contains("<<<<<<<"))
    }

    @Test func timelineFramesKeepEveryPartInOnePlace() throws {
        let sandbox = try sandbox()
        defer { sandbox.cleanUp() }
        let result = try sandbox.partsmap(["timeline", "--frames", "-o", "frames"])
        #expect(result.status == 0, "\(result.stderr)")
        let folder = sandbox.folder.appendingPathComponent("frames")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names == ["frame-001.svg", "frame-002.svg", "frame-003.svg", "index.html"])
        var places: [String: Set<String>] = [:]
        for name in names where name.hasSuffix(".svg") {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            places["fog x", default: []].insert(try Self.attribute("x", ofFirst: "<text", after: "<title>p_fog</title>", in: text))
            places["little", default: []].insert(try Self.attribute("cx", ofFirst: "<ellipse", after: "<title>p_little</title>", in: text)
                                                 + "," + Self.attribute("cy", ofFirst: "<ellipse", after: "<title>p_little</title>", in: text))
            places["canvas", default: []].insert(try Self.attribute("viewBox", ofFirst: "<svg", after: "", in: text))
        }
        #expect(places.values.allSatisfy { $0.count == 1 }, "\(places)")
        let frame3 = try SVGDocument(data: Data(contentsOf: folder.appendingPathComponent("frame-003.svg")))
        #expect(frame3.node("p_scroller")?.texts.last == "NEW")
        let html = try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.components(separatedBy: "<svg").count == 2, "the page holds the drawing once")
        #expect(html.contains("type=\"range\""))
        #expect(html.contains("Content-Security-Policy"))
        for external in ["src=\"http", "href=\"http", "<link", "src=\"//"] { #expect(!html.contains(external)) }
        let sessions = try sandbox.partsmap(["timeline", "--by", "session", "--frames", "-o", "frames"])
        #expect(sessions.status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["frame-001.svg", "frame-002.svg", "index.html"],
                "frames from the longer timeline are removed")
        #expect(try sandbox.partsmap(["timeline", "--by", "session", "-o", "frames"]).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["index.html"],
                "without --frames, no frame files are left to mislead")
    }

    /// An attribute of the first `element` after `marker` in an SVG.
    static func attribute(_ name: String, ofFirst element: String, after marker: String, in svg: String) throws -> String {
        let start = marker.isEmpty ? svg.startIndex : (svg.range(of: marker)?.upperBound ?? svg.endIndex)
        guard let tag = svg.range(of: element, range: start..<svg.endIndex),
              let close = svg.range(of: ">", range: tag.upperBound..<svg.endIndex) else { throw CocoaError(.fileReadCorruptFile) }
        let text = String(svg[tag.upperBound..<close.lowerBound])
        guard let value = text.components(separatedBy: " \(name)=\"").dropFirst().first else { throw CocoaError(.fileReadCorruptFile) }
        return String(value.prefix { $0 != "\"" })
    }
}
