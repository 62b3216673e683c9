import Foundation
import Testing
@testable import PartsMap

@Suite("GraphvizRenderer")
struct GraphvizRendererTests {
    static let dot = DOTWriter().dot(for: TestSupport.parseValid("partsmap 1\npart a: Alpha\npart b: Beta\na protects b\n"))

    /// A stand-in for `dot` that misbehaves the way real Graphviz can.
    func fakeGraphviz(_ script: String, in folder: URL) throws -> String {
        let path = folder.appendingPathComponent("fake-dot").path
        try TestSupport.writeExecutable("#!/bin/sh\n" + script + "\n", to: path)
        return path
    }

    func leftovers(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".partsmap-") }
    }

    @Test(arguments: OutputFormat.allCases)
    func realGraphvizWritesEachFormat(format: OutputFormat) throws {
        let folder = try TestSupport.makeTemporaryFolder()
        defer { TestSupport.cleanUp(folder) }
        let output = folder.appendingPathComponent("map.\(format.rawValue)").path
        try GraphvizRenderer.locate().render(dot: Self.dot, format: format, layout: .dot, to: output)
        let data = try Data(contentsOf: URL(fileURLWithPath: output))
        let magic: [OutputFormat: [UInt8]] = [.svg: Array("<?xml".utf8), .png: [0x89, 0x50, 0x4E, 0x47], .pdf: Array("%PDF".utf8)]
        #expect(Array(data.prefix(magic[format]!.count)) == magic[format]!)
        let attributes = try FileManager.default.attributesOfItem(atPath: output)
        #expect((attributes[.posixPermissions] as? Int) == 0o600, "new pictures are private")
        #expect(try leftovers(in: folder).isEmpty)
    }

    /// A primed Graphviz (given a graph in the picture's fonts first, to load them while the map is laid
    /// out) draws the map byte for byte as an unprimed one does, in every format but PDF (whose
    /// font subsets are named at random by Graphviz itself), for the clinical and layered layouts.
    @Test(arguments: OutputFormat.allCases)
    func aPrimedGraphvizDrawsTheSamePicture(format: OutputFormat) throws {
        let folder = try TestSupport.makeTemporaryFolder()
        defer { TestSupport.cleanUp(folder) }
        let example = TestSupport.parseValid(try TestSupport.exampleText("numbness.parts"))
        // A title holding the very ids partsmap renames in a primed picture stays as it is.
        let hostile = TestSupport.parseValid("partsmap 1\ntitle: page0,1_graph0 <g id=\"page0,1_graph0\">\npart a: A\n")
        let renderer = try GraphvizRenderer.locate()
        for (map, layout) in [(example, LayoutEngine.clinical), (example, .dot), (hostile, .clinical)] {
            let dot = DOTWriter(options: DOTOptions(layout: layout)).dot(for: map)
            let plain = folder.appendingPathComponent("plain.\(format.rawValue)").path
            let primed = folder.appendingPathComponent("primed.\(format.rawValue)").path
            _ = try renderer.start(format: format, layout: .dot, to: plain).finish(dot: dot)
            _ = try renderer.start(format: format, layout: .dot, to: primed, primer: VisualStyle.standard.fontFaces(legend: true)).finish(dot: dot)
            let (a, b) = (try Data(contentsOf: URL(fileURLWithPath: plain)), try Data(contentsOf: URL(fileURLWithPath: primed)))
            #expect(PictureCheck.isValid(Array(b), as: format))
            if format == .pdf {
                #expect(abs(a.count - b.count) < 64, "\(layout): \(a.count) vs \(b.count) bytes")
            } else {
                #expect(a == b, "\(layout) \(format): the primed picture differs")
            }
            if format == .svg { #expect(!String(decoding: b, as: UTF8.self).contains("<g id=\"page0,1_")) }
        }
        #expect(try leftovers(in: folder).isEmpty)
    }

    /// A picture holding a script, in any letter case and anywhere in it, is refused; text that
    /// only looks like one is kept, and a near miss at the very end is read without running off.
    @Test func aPictureWithAScriptIsRefused() {
        let good = "<?xml version=\"1.0\"?>\n<!-- c -->\n<svg width=\"1\"><text>scripts &lt;script</text></svg>\n"
        #expect(PictureCheck.isValid(Array(good.utf8), as: .svg))
        for bad in ["<SCRIPT>", "<ScRiPt src=x>", "<script", "x<script>"] {
            #expect(!PictureCheck.isValid(Array("<svg width=\"1\"><g>\(bad)</g></svg>".utf8), as: .svg), "\(bad)")
        }
        #expect(PictureCheck.isValid(Array("<svg><scrip></svg>".utf8), as: .svg))
        #expect(PictureCheck.isValid(Array("<svg><g><sCRIP></g></svg>".utf8), as: .svg))
        #expect(!PictureCheck.isValid(Array("<svg><g></g></sv".utf8), as: .svg))
    }

    /// The primer looks up every font a picture sets words in, so none is left for Graphviz to
    /// look up once the map has come. Read back from Graphviz's SVG of the example in each theme,
    /// plain, with a legend and in boxes: each `<text>`'s family, weight and size is one of
    /// `PictureSettings.fontFaces`.
    @Test(arguments: VisualStyle.Theme.allCases)
    func thePrimerHasEveryFontAPictureUses(theme: VisualStyle.Theme) throws {
        let example = TestSupport.parseValid(try TestSupport.exampleText("numbness.parts"))
        let renderer = try GraphvizRenderer.locate()
        for (legend, grouping) in [(false, nil), (true, nil), (true, MapView.Grouping.protection)] {
            var settings = PictureSettings()
            (settings.theme, settings.legend, settings.view.grouping) = (theme, legend, grouping)
            let primed = Set(settings.fontFaces.map { "\($0.name.replacingOccurrences(of: "-Bold", with: " bold")) \(XMLText.number($0.size))" })
            let svg = String(decoding: try renderer.layoutOutput(dot: try settings.prepare(example).dot, layout: .dot, format: "svg"), as: UTF8.self)
            var used: Set<String> = []
            for tag in svg.components(separatedBy: "<text ").dropFirst() {
                func value(_ name: String) -> String? {
                    guard let start = tag.range(of: " \(name)=\"") ?? (tag.hasPrefix("\(name)=\"") ? tag.range(of: "\(name)=\"") : nil) else { return nil }
                    return String(tag[start.upperBound...].prefix { $0 != "\"" })
                }
                let family = value("font-family")?.split(separator: ",").first.map(String.init) ?? "?"
                let size = Double(value("font-size") ?? "") ?? 0
                used.insert("\(family)\(value("font-weight") == "bold" ? " bold" : "") \(XMLText.number(size))")
            }
            #expect(used.count >= 3, "\(theme) legend \(legend) \(String(describing: grouping)): \(used)")
            #expect(used.subtracting(primed).isEmpty, "\(theme) legend \(legend) \(String(describing: grouping)): not primed: \(used.subtracting(primed))")
        }
    }

    /// A Graphviz that writes every graph of its input to `-o` (none seen so far) leaves the
    /// primed run's standard output empty: the picture is drawn again, unprimed.
    @Test func aGraphvizThatIgnoresThePrimerStillDraws() throws {
        let folder = try TestSupport.makeTemporaryFolder()
        defer { TestSupport.cleanUp(folder) }
        let log = folder.appendingPathComponent("runs").path
        let picture = "<svg xmlns=\"http://www.w3.org/2000/svg\"><title>stand-in</title></svg>"
        let fake = try fakeGraphviz("echo \"$@\" >> '\(log)'; for a in \"$@\"; do out=$a; done; cat > /dev/null; printf '\(picture)' > \"$out\"",
                                    in: folder)
        let output = folder.appendingPathComponent("map.svg").path
        _ = try GraphvizRenderer(executable: fake, timeout: 10).start(format: .svg, layout: .dot, to: output, primer: VisualStyle.standard.fontFaces()).finish(dot: Self.dot)
        #expect(try String(contentsOfFile: output, encoding: .utf8) == picture)
        let runs = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        #expect(runs.count == 2 && runs[0].hasSuffix("-o /dev/null") && !runs[1].contains("/dev/null"), "\(runs)")
        #expect(try leftovers(in: folder).isEmpty)
    }

    @Test func replacingAPictureKeepsItsPermissions() throws {
        let folder = try TestSupport.makeTemporaryFolder()
        defer { TestSupport.cleanUp(folder) }
        let output = folder.appendingPathComponent("map.svg").path
        try "old".write(toFile: output, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: output)
        try GraphvizRenderer.locate().render(dot: Self.dot, format: .svg, layout: .neato, to: output)
        let attributes = try FileManager.default.attributesOfItem(atPath: output)
        #expect((attributes[.posixPermissions] as? Int) == 0o640)
        #expect(try String(contentsOfFile: output, encoding: .utf8).contains("Alpha"))
    }

    @Test func missingGraphvizSaysHowToInstallIt() throws {
        #expect {
            try GraphvizRenderer.locate(explicit: "/nonexistent/dot")
        } throws: { error in
            guard let error = error as? RenderError, case .graphvizNotFound = error else { return false }
            return error.description.contains("apt-get install -y graphviz") && error.description.contains("brew install graphviz")
        }
    }

    /// Each way Graphviz can fail leaves the existing picture untouched and no temporary file.
    @Test(arguments: [
        ("echo 'Error: <stdin>: syntax error in line 1' >&2; for a in \"$@\"; do out=$a; done; echo partial > \"$out\"; exit 1", "exit status 1"),
        ("kill -SEGV $$", "signal 11"),
        ("exec sleep 30", "longer than"),
        ("cat > /dev/null; exit 0", "wrote no picture"),
        ("head -c 3000000 /dev/zero | tr '\\\\0' x >&2; exit 3", "exit status 3"),
    ])
    func failuresNeverClobberTheOutput(script: String, expected: String) throws {
        let folder = try TestSupport.makeTemporaryFolder()
        defer { TestSupport.cleanUp(folder) }
        let output = folder.appendingPathComponent("map.svg").path
        try "previous picture".write(toFile: output, atomically: true, encoding: .utf8)
        let renderer = GraphvizRenderer(executable: try fakeGraphviz(script, in: folder), timeout: 1)
        let started = Date()
        #expect {
            try renderer.render(dot: Self.dot, format: .svg, layout: .dot, to: output)
        } throws: { error in
            "\(error)".contains(expected)
        }
        #expect(Date().timeIntervalSince(started) < 10, "a hanging Graphviz is stopped")
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "previous picture")
        #expect(try leftovers(in: folder).isEmpty)
    }

    @Test func graphvizSyntaxErrorFromRealDotIsReported() throws {
        let folder = try TestSupport.makeTemporaryFolder()
        defer { TestSupport.cleanUp(folder) }
        let output = folder.appendingPathComponent("map.svg").path
        #expect {
            try GraphvizRenderer.locate().render(dot: "digraph { a -> }", format: .svg, layout: .dot, to: output)
        } throws: { error in
            "\(error)".contains("syntax error")
        }
        #expect(!FileManager.default.fileExists(atPath: output))
        #expect(try leftovers(in: folder).isEmpty)
    }
}
