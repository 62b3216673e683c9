// The library as another package sees it: `import PartsMap` without @testable, so only the
// public API is reachable. Each test drives a workflow an app would use and asserts on what it
// produced: files on disk, parsed maps, DOT, SVG from the real Graphviz, git history.
import Foundation
import PartsMap
import Testing

private let sample = """
    partsmap 1
    title: API test
    # a comment the edit must keep
    part fog: The Fog
      role: manager
      job: numbs every feeling

    part little: Little One
      role: exile

    fog protects little: keeps the grief away

    """

private func temporaryFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("partsmap-api-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}

private func write(_ text: String, in folder: URL, name: String = "map.parts") throws -> String {
    let path = folder.appendingPathComponent(name).path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

@Suite("Public API: maps on disk")
struct MapDocumentAPITests {
    @Test func lockedEditAddsAPartAndKeepsEveryOtherByte() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try write(sample, in: folder)
        let critic = try #require(PartID("critic"))
        let edited = try MapDocument.edit(path) { (map: inout SystemMap) throws(MapDocumentError) in
            map.items.append(.part(Part(id: critic, name: "The Critic", fields: [PartField(.role(.manager))])))
        }
        #expect(edited.parts.map(\.id.rawValue) == ["fog", "little", "critic"])
        let after = try String(contentsOfFile: path, encoding: .utf8)
        #expect(after.hasPrefix(sample), "the lines the edit did not change stay byte for byte")
        #expect(after.contains("part critic: The Critic"))
        let reread = try MapDocument.load(path)
        #expect(reread.map == edited)
    }

    @Test func aChangeThatGivesUpWritesNothing() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try write(sample, in: folder)
        struct Refused: Error {}
        #expect(throws: MapEditError<Refused>.self) {
            try MapDocument.edit(path) { (map: inout SystemMap) throws(Refused) in
                map.items.removeAll()
                throw Refused()
            }
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == sample)
    }

    @Test func aMapWithErrorsIsRefusedWithFileLineColumn() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let broken = sample.replacingOccurrences(of: "role: exile", with: "role: exlie")
        let path = try write(broken, in: folder)
        do {
            _ = try MapDocument.load(path)
            Issue.record("a map with errors loaded")
        } catch {
            guard case .invalid(_, let report, let count) = error else { Issue.record("wrong error \(error)"); return }
            #expect(count == 1)
            #expect(report.contains("map.parts:9:9: error:"))
            #expect(report.contains("exile"), "the message suggests the role meant")
        }
        do {
            try MapDocument.edit(path) { (_: inout SystemMap) throws(MapDocumentError) in }
            Issue.record("an edit of a broken map went through")
        } catch {
            guard case .document(.invalid) = error else { Issue.record("wrong error \(error)"); return }
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == broken, "nothing written")
    }

    @Test func aMissingFileIsAFileError() throws {
        do {
            _ = try MapDocument.read("/nonexistent-partsmap-folder/map.parts")
            Issue.record("read a file that does not exist")
        } catch {
            #expect(error == .file(.notFound(path: "/nonexistent-partsmap-folder/map.parts")))
            #expect(!error.description.contains("--"), "library messages name no command-line flags")
        }
    }
}

@Suite("Public API: pictures and reports")
struct PictureAPITests {
    static let map: SystemMap = MapParser.parse(sample).map

    @Test func prepareAppliesTheViewAndWritesDOT() throws {
        var settings = PictureSettings()
        settings.view.onlyProtectors = true
        let prepared = try settings.prepare(Self.map)
        #expect(prepared.map.parts.map(\.id.rawValue) == ["fog"])
        #expect(prepared.dot.contains("digraph"))
        #expect(prepared.dot.contains("The Fog"))
        #expect(!prepared.dot.contains("Little One"))
    }

    @Test func anUnknownFocusIsAViewError() {
        var settings = PictureSettings()
        settings.view.focus = PartID("nobody")
        #expect(throws: MapView.ViewError.self) { try settings.prepare(Self.map) }
    }

    @Test func redactionHidesNamesInTheDOT() throws {
        var settings = PictureSettings()
        settings.redact = true
        let dot = try settings.prepare(Self.map).dot
        #expect(!dot.contains("The Fog"))
        #expect(!dot.contains("keeps the grief away"))
    }

    @Test func markdownReportListsEveryPart() throws {
        let markdown = try Report.markdown(for: Self.map)
        #expect(markdown.contains("The Fog"))
        #expect(markdown.contains("Little One"))
    }

    @Test func htmlReportWithoutGraphvizSaysHowToDraw() throws {
        let report = try Report.html(for: Self.map, renderer: nil)
        #expect(report.html.hasPrefix("<!DOCTYPE html>"))
        #expect(report.html.contains("Graphviz was not installed"))
        #expect(report.html.contains("Little One"))
    }

    @Test(.enabled(if: (try? GraphvizRenderer.locate()) != nil, "needs Graphviz"))
    func htmlReportAndSVGFromTheRealGraphviz() throws {
        let renderer = try GraphvizRenderer.locate()
        let report = try Report.html(for: Self.map, renderer: renderer)
        #expect(report.html.contains("<svg"))
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("map.svg").path
        let prepared = try PictureSettings().prepare(Self.map)
        _ = try renderer.render(dot: prepared.dot, format: .svg, layout: prepared.layout, to: output)
        let svg = try String(contentsOfFile: output, encoding: .utf8)
        #expect(svg.contains("<svg"))
        #expect(svg.contains("The Fog"))
    }
}

@Suite("Public API: history")
struct HistoryAPITests {
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/git"), "needs git"))
    func versionsFollowEveryCommitOfTheMap() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        func git(_ arguments: String...) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
            process.arguments = ["-C", folder.path, "-c", "user.name=Test", "-c", "user.email=t@example.com"] + arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "git \(arguments.joined(separator: " "))")
        }
        try git("init", "-q")
        let path = try write(sample, in: folder)
        try git("add", "map.parts")
        try git("commit", "-q", "-m", "first map")
        try (sample + "part critic: The Critic\n  role: manager\n").write(toFile: path, atomically: true, encoding: .utf8)
        try git("commit", "-q", "-am", "the critic")
        let versions = try MapHistory.versions(of: path)
        #expect(versions.map(\.commit.subject) == ["first map", "the critic"], "oldest first")
        #expect(versions[0].before.parts.isEmpty, "before the first commit there was no map")
        #expect(versions[0].map.parts.count == 2)
        #expect(versions[1].before.parts.count == 2)
        #expect(versions[1].map.parts.count == 3)
    }

    @Test func outsideGitIsNotARepository() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try write(sample, in: folder)
        #expect(throws: MapHistory.HistoryError.self) { try MapHistory.versions(of: path) }
    }
}

@Suite("Public API: DOT options")
struct DOTOptionsAPITests {
    /// `DOTOptions` writes its own `==` (its canvas is a tuple); every stored option must take part.
    @Test func optionsThatDrawDifferentlyAreNotEqual() {
        let plain = DOTOptions()
        var fitted = DOTOptions()
        fitted.pageFit = PageFit(width: 20, height: 10, page: .a4)
        #expect(plain != fitted, "a page fit changes the DOT")
        var paged = DOTOptions()
        paged.page = .letter
        #expect(plain != paged)
        var canvas = DOTOptions()
        canvas.canvas = (DOTOptions.Position(x: 0, y: 0), DOTOptions.Position(x: 10, y: 10))
        #expect(plain != canvas)
        #expect(DOTWriter(options: fitted).dot(for: SystemMap()) != DOTWriter(options: plain).dot(for: SystemMap()))
    }
}
