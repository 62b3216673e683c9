// partsmap-bench: how fast partsmap is, against the targets in docs/performance.md.
//
//   partsmap-bench [--partsmap PATH] [--example PATH] [--runs N] [--sizes 50,1000,10000]
//                  [--in-process-only] [--keep]
//                  [--timeline-only | --no-timeline] [--timeline-commits 500] [--timeline-runs 3] [--baseline PATH]
//
// In-process: median times of parse, check, print and DOT for generated maps of 50, 1,000
// and 10,000 parts, and how they grow. Whole processes, run side by side (A B A B ...):
// `partsmap check` against Graphviz's own parser (`gc -n`), `partsmap render` against
// `dot -Tsvg` alone, `partsmap part add` against a do-nothing Swift program, and peak memory.
// Timelines: `partsmap timeline` on a workbook of 500 commits it makes itself (TimelineBench).
// Prints a Markdown table with PASS or MISS for each target. Build it in release mode:
// scripts/benchmark.sh does.
//
// Only the C library and PartsMap: no Foundation, so that the copies of this program that
// measure other programs (`--measure-one`) stay small (see Launcher.measure).
import PartsMap

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

func benchmark() {
    let arguments = Array(CommandLine.arguments.dropFirst())
    if arguments.first == Launcher.helperFlag { Launcher.helperMain(Array(arguments.dropFirst())) }

    func option(_ name: String) -> String? {
        guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
        return arguments[index + 1]
    }

    let helper = ownExecutable()
    let partsmap = option("--partsmap") ?? (FileSystem.directory(of: helper) + "/partsmap")
    let example = option("--example") ?? "Examples/numbness.parts"
    let runs = max(15, Int(option("--runs") ?? "") ?? 21)
    guard access(partsmap, X_OK) == 0 else { fail("no partsmap at \(partsmap); build it first (swift build -c release)") }
    guard let exampleBytes = try? readFile(example) else { fail("cannot read \(example); run from the repository root or give --example") }

    var template = Array("/tmp/partsmap-bench-XXXXXX".utf8CString)
    guard let made = mkdtemp(&template) else { fail("cannot make a temporary folder") }
    let scratch = String(cString: made)

    // MARK: The machine

    func firstLine(of path: String, containing key: String) -> String? {
        guard let bytes = try? readFile(path) else { return nil }
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") where line.hasPrefix(key) {
            return line.split(separator: ":", maxSplits: 1).last.map { String($0.drop { $0 == " " || $0 == "\t" }) }
        }
        return nil
    }

    var system = utsname()
    uname(&system)
    let kernel = withUnsafeBytes(of: system.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    let cpu = firstLine(of: "/proc/cpuinfo", containing: "model name") ?? "unknown CPU"
    let cores = sysconf(Int32(_SC_NPROCESSORS_ONLN))
    let memory = (firstLine(of: "/proc/meminfo", containing: "MemTotal").flatMap { Int($0.split(separator: " ").first ?? "") } ?? 0) / 1_048_576
    print("# partsmap-bench")
    print("")
    print("Machine: \(cpu), \(cores) cores, \(memory) GiB, Linux \(kernel). partsmap: \(partsmap).")
    print("Whole processes: medians of \(runs) runs each. In process: medians of \(runs * 20) calls below 1,000 parts, "
          + "\(runs * 3) up to 9,999, \(runs) from 10,000.")
    print("")

    // MARK: Timelines

    let timelineCommits = max(2, Int(option("--timeline-commits") ?? "") ?? 500)
    let timelineRuns = max(1, Int(option("--timeline-runs") ?? "") ?? 3)
    func timelines() -> (rows: Int, misses: Int) {
        TimelineBench.run(partsmap: partsmap, baseline: option("--baseline"), commits: timelineCommits, runs: timelineRuns,
                          helper: helper, scratch: scratch)
    }
    if arguments.contains("--timeline-only") {
        let result = timelines()
        print("Targets: \(result.rows - result.misses) PASS, \(result.misses) MISS.")
        if arguments.contains("--keep") { print("Files kept in \(scratch)") } else { Launcher.run(["/bin/rm", "-rf", scratch]) }
        return
    }

    // MARK: In process

    let sizes = option("--sizes").map { $0.split(separator: ",").compactMap { Int($0) } } ?? [50, 1_000, 10_000]
    guard sizes.count >= 2, sizes.allSatisfy({ $0 > 0 && $0 % 5 == 0 }) else {
        fail("--sizes takes two or more part counts, multiples of 5, e.g. --sizes 50,1000,10000")
    }
    struct Stage {
        var name: String
        var seconds: [Double] = []
    }
    var stages = [Stage(name: "parse"), Stage(name: "check"), Stage(name: "print"), Stage(name: "DOT"), Stage(name: "parse + check"),
                  Stage(name: "Mermaid"), Stage(name: "graph JSON")]
    var fileSizes: [Int] = []
    var counts: [(relationships: Int, sessions: Int)] = []
    for size in sizes {
        let text = BenchmarkMap.text(parts: size)
        writeFile(scratch + "/map-\(size).parts", text.utf8)
        fileSizes.append(text.utf8.count)
        let source = SourceText(text)
        let parsed = MapParser.parse(source)
        guard parsed.diagnostics.isEmpty else { fail("the generated map has errors: \(parsed.diagnostics.prefix(3))") }
        let warnings = MapChecker.check(parsed.map, locations: parsed.locations)
        guard warnings.isEmpty else { fail("the generated map has warnings: \(warnings.prefix(3))") }
        counts.append((parsed.map.relationships.count, parsed.map.sessions.count))
        let repeats = size >= 10_000 ? runs : size >= 1_000 ? runs * 3 : runs * 20
        var sink = 0
        stages[0].seconds.append(timeMedian(runs: repeats) { sink &+= MapParser.parse(source).map.items.count })
        stages[1].seconds.append(timeMedian(runs: repeats) { sink &+= MapChecker.check(parsed.map, locations: parsed.locations).count })
        stages[2].seconds.append(timeMedian(runs: repeats) { sink &+= MapPrinter.print(parsed.map).utf8.count })
        stages[3].seconds.append(timeMedian(runs: repeats) { sink &+= DOTWriter().dot(for: parsed.map).utf8.count })
        stages[4].seconds.append(timeMedian(runs: repeats) {
            let again = MapParser.parse(source)
            sink &+= MapChecker.check(again.map, locations: again.locations).count
        })
        stages[5].seconds.append(timeMedian(runs: repeats) { sink &+= MermaidWriter().mermaid(for: parsed.map).utf8.count })
        stages[6].seconds.append(timeMedian(runs: repeats) { sink &+= GraphJSON.encode(parsed.map).serialized().utf8.count })
        if sink == 42 { print("") }  // keeps the work from being optimised away
    }

    print("## In process (median time per call)")
    print("")
    let steps = Array(zip(sizes, sizes.dropFirst()))
    print("| stage | " + sizes.enumerated().map { "\($1) parts (\(formatted(Double(fileSizes[$0]) / 1_048_576, 2)) MB)" }.joined(separator: " | ")
          + " | " + steps.map { "growth \($0)→\($1) (\(formatted(Double($1) / Double($0), 0))× parts)" }.joined(separator: " | ")
          + " | target: time ratio ≤ 1.2 × parts ratio |")
    print("|---|" + String(repeating: "---:|", count: sizes.count + steps.count) + "---|")
    var growthMisses: [String] = []
    for stage in stages {
        let growth = steps.indices.map { stage.seconds[$0 + 1] / stage.seconds[$0] }
        let pass = steps.indices.allSatisfy { growth[$0] <= 1.2 * Double(steps[$0].1) / Double(steps[$0].0) }
        if !pass { growthMisses.append(stage.name) }
        print("| \(stage.name) | " + stage.seconds.map { milliseconds($0) + " ms" }.joined(separator: " | ")
              + " | " + growth.map { formatted($0, 1) + "×" }.joined(separator: " | ") + " | \(pass ? "PASS" : "MISS") |")
    }
    print("")
    print("Maps: " + sizes.enumerated().map { "\($1) parts, \(counts[$0].relationships) relationships, \(counts[$0].sessions) sessions" }
          .joined(separator: "; ") + ".")
    print("")

    if arguments.contains("--in-process-only") {
        Launcher.run(["/bin/rm", "-rf", scratch])
        return
    }

    // MARK: Whole processes

    /// Runs A and B in turn, `runs` times each after two warm-up pairs; `before` runs (unmeasured)
    /// before each A run.
    func compare(_ a: [String], _ b: [String], before: () -> Void = {}) -> (a: [Run], b: [Run], ratios: [Double]) {
        var runsA: [Run] = [], runsB: [Run] = [], ratios: [Double] = []
        for round in 0..<(runs + 2) {
            before()
            let first = Launcher.measure(a, helper: helper, scratch: scratch)
            let second = Launcher.measure(b, helper: helper, scratch: scratch)
            guard first.succeeded else { fail("\(a.joined(separator: " ")) failed (status \(first.status))") }
            guard second.succeeded else { fail("\(b.joined(separator: " ")) failed (status \(second.status))") }
            if round >= 2 {
                runsA.append(first)
                runsB.append(second)
                ratios.append(first.seconds / second.seconds)
            }
        }
        return (runsA, runsB, ratios)
    }

    struct Row {
        var what: String
        var a: String
        var b: String
        var ratio: String
        var target: String
        var pass: Bool
        var note: String = ""
    }
    var rows: [Row] = []

    let floor = median((0..<5).map { _ in Double(Launcher.measure(["/bin/true"], helper: helper, scratch: scratch).peakBytes) })
    /// The median peak of some runs, marked when it is at the floor (the real figure may be lower).
    func peakText(_ runs: [Run]) -> String {
        let peak = median(runs.map { Double($0.peakBytes) })
        return megabytes(Int(peak)) + " MB" + (peak <= floor + 262_144 ? " (at the floor)" : "")
    }

    // (a) partsmap check on 10,000 parts vs gc -n on its DOT.
    let bigMap = scratch + "/map-10000.parts", bigDOT = scratch + "/map-10000.dot"
    if !sizes.contains(10_000) { writeFile(bigMap, BenchmarkMap.text(parts: 10_000).utf8) }
    guard Launcher.run([partsmap, "dot", bigMap], stdout: bigDOT) == 0 else { fail("partsmap dot failed on the 10,000-part map") }
    var checkRuns: [Run] = []
    if let gc = findOnPath("gc") {
        let result = compare([partsmap, "check", bigMap], [gc, "-n", bigDOT])
        checkRuns = result.a
        let a = median(result.a.map(\.seconds)), b = median(result.b.map(\.seconds)), ratio = median(result.ratios)
        rows.append(Row(what: "(a) `partsmap check` 10,000 parts vs `gc -n` on its DOT", a: milliseconds(a) + " ms",
                        b: milliseconds(b) + " ms", ratio: formatted(ratio, 2) + "×", target: "≤ 1× and < 200 ms",
                        pass: ratio <= 1 && a < 0.2,
                        note: "DOT \(megabytes((try? readFile(bigDOT))?.count ?? 0)) MB; peaks \(peakText(result.a)) vs \(peakText(result.b))"))
    } else {
        checkRuns = (0..<runs).map { _ in Launcher.measure([partsmap, "check", bigMap], helper: helper, scratch: scratch) }
        let a = median(checkRuns.map(\.seconds))
        rows.append(Row(what: "(a) `partsmap check` 10,000 parts (gc not installed)", a: milliseconds(a) + " ms", b: "-", ratio: "-",
                        target: "< 200 ms", pass: a < 0.2))
    }

    // (b) partsmap render on the example vs dot -Tsvg alone on its DOT.
    let exampleCopy = scratch + "/numbness.parts", exampleDOT = scratch + "/numbness.dot"
    writeFile(exampleCopy, exampleBytes)
    guard Launcher.run([partsmap, "dot", exampleCopy], stdout: exampleDOT) == 0 else { fail("partsmap dot failed on \(example)") }
    if let dot = findOnPath("dot") {
        // Both pictures are deleted before each pair: partsmap would otherwise find its picture
        // up to date and skip Graphviz (its render cache), which is not what is compared here.
        let result = compare([partsmap, "render", exampleCopy, "-o", scratch + "/by-partsmap.svg"],
                             [dot, "-Tsvg", exampleDOT, "-o", scratch + "/by-dot.svg"]) {
            unlink(scratch + "/by-partsmap.svg")
            unlink(scratch + "/by-dot.svg")
        }
        let a = median(result.a.map(\.seconds)), b = median(result.b.map(\.seconds)), ratio = median(result.ratios)
        rows.append(Row(what: "(b) `partsmap render` \(FileSystem.fileName(of: example)) vs `dot -Tsvg` on its DOT",
                        a: milliseconds(a) + " ms", b: milliseconds(b) + " ms", ratio: formatted(ratio, 2) + "×", target: "≤ 1.3×",
                        pass: ratio <= 1.3))
    } else {
        rows.append(Row(what: "(b) `partsmap render` (Graphviz not installed)", a: "-", b: "-", ratio: "-", target: "≤ 1.3×", pass: false,
                        note: "not measured"))
    }

    // (e) partsmap render on a generated 1,000-part map with 1,700 relationships, `--layout auto`
    // (what a person gets by default): the large-map fallbacks must finish within 2 s.
    if findOnPath("dot") != nil {
        let large = scratch + "/map-1000-large.parts", picture = scratch + "/large.svg"
        writeFile(large, BenchmarkMap.text(parts: 1_000, extraAllies: 200).utf8)
        let largeRuns = (0..<5).map { _ in
            unlink(picture)
            return Launcher.measure([partsmap, "render", large, "-o", picture], helper: helper, scratch: scratch)
        }
        let wall = median(largeRuns.map(\.seconds)), cpu = median(largeRuns.map(\.cpuSeconds))
        let drew = largeRuns.allSatisfy(\.succeeded)
        rows.append(Row(what: "(e) `partsmap render` on 1,000 parts and 1,700 relationships (`--layout auto`)",
                        a: milliseconds(wall) + " ms", b: "-", ratio: "-", target: "< 2 s", pass: drew && wall < 2,
                        note: drew ? "CPU \(milliseconds(cpu)) ms (partsmap and Graphviz); median of 5 runs" : "render failed"))
    }

    // Picture quality: the examples and generated maps of 25 and 60 parts.
    var pictureRows: [String] = []
    var pictureMisses = 0
    if let dot = findOnPath("dot"), let neato = findOnPath("neato") {
        var maps: [(name: String, path: String)] = []
        let examples = FileSystem.directory(of: example)
        for name in [FileSystem.fileName(of: example), "first-map.parts"] where !maps.contains(where: { $0.name == name }) {
            guard let bytes = try? readFile(examples + "/" + name) else { continue }
            writeFile(scratch + "/" + name, bytes)
            maps.append((name, scratch + "/" + name))
        }
        for parts in [25, 60] {
            let path = scratch + "/generated-\(parts).parts"
            writeFile(path, BenchmarkMap.text(parts: parts).utf8)
            maps.append(("generated, \(parts) parts", path))
        }
        for (name, path) in maps {
            let ours = scratch + "/ours.dot", plain = scratch + "/plain.dot"
            guard Launcher.run([partsmap, "dot", path], stdout: ours) == 0 else { fail("partsmap dot failed on \(name)") }
            let map = MapParser.parse(String(decoding: (try? readFile(path)) ?? [], as: UTF8.self)).map
            writeFile(plain, PictureQuality.plainDOT(map).utf8)
            func drawing(_ program: String, _ file: String) -> PlainDrawing {
                let out = scratch + "/drawing.plain"
                guard Launcher.run([program, "-Tplain", file, "-o", out]) == 0, let bytes = try? readFile(out) else { fail("\(program) failed on \(file)") }
                return PlainDrawing(String(decoding: bytes, as: UTF8.self))
            }
            let drawn = drawing(dot, ours)  // the DOT names its own layout
            let byDot = drawing(dot, plain), byNeato = drawing(neato, plain)
            // The smallest text on an A4 page, over every page when the map is split.
            let page = scratch + "/page.svg", messages = scratch + "/page.log"
            guard Launcher.run([partsmap, "render", path, "--page", "a4", "--force", "-o", page], stderr: messages) == 0 else {
                fail("partsmap render --page a4 failed on \(name)")
            }
            let said = String(decoding: (try? readFile(messages)) ?? [], as: UTF8.self)
            var files = [page]
            if said.contains("pages by protective system") {
                files = (1...200).map { scratch + "/page-\($0).svg" }.filter { access($0, F_OK) == 0 }
            }
            let smallest = files.compactMap { (try? readFile($0)).flatMap { PictureQuality.smallestPrintedPoints(svg: String(decoding: $0, as: UTF8.self)) } }.min() ?? 0
            let pages = files.count == 1 ? "1 page" : "\(files.count) pages"
            for file in files { unlink(file) }
            let result = compare([partsmap, "render", path, "-o", scratch + "/by-partsmap.svg"],
                                 [dot, "-Tsvg", ours, "-o", scratch + "/by-dot.svg"]) {
                unlink(scratch + "/by-partsmap.svg")
                unlink(scratch + "/by-dot.svg")
            }
            let a = median(result.a.map(\.seconds)), b = median(result.b.map(\.seconds)), ratio = median(result.ratios)
            let pass = ratio <= 1.3 && smallest >= 7.995
            if !pass { pictureMisses += 1 }
            let shape = drawn.height > 0 ? formatted(drawn.width / drawn.height, 2) : "-"
            pictureRows.append("| \(name) | \(map.parts.count) | \(formatted(drawn.width, 1))×\(formatted(drawn.height, 1)) in (\(shape)) "
                + "| \(drawn.crossings) | \(byDot.crossings) | \(byNeato.crossings) | \(formatted(smallest, 1)) pt, \(pages) "
                + "| \(milliseconds(a)) ms vs \(milliseconds(b)) ms = \(formatted(ratio, 2))× | \(pass ? "PASS" : "MISS") |")
        }
    }

    // (c) partsmap part add on a copy of the example vs a do-nothing Swift program.
    var baseline: [String]
    var baselineName: String
    let hello = scratch + "/hello"
    writeFile(hello + ".swift", "// A Swift program that does nothing.\n".utf8)
    if let swiftc = findOnPath("swiftc"), Launcher.run([swiftc, "-O", hello + ".swift", "-o", hello]) == 0 {
        baseline = [hello]
        baselineName = "a do-nothing Swift program (an empty file, `swiftc -O`)"
    } else {
        baseline = [partsmap, "--version"]
        baselineName = "`partsmap --version` (swiftc not found)"
    }
    let addResult = compare([partsmap, "part", "add", "bench", "--map", exampleCopy, "--name", "Benchmark", "--role", "manager"], baseline) {
        writeFile(exampleCopy, exampleBytes)  // the same edit every time
    }
    do {
        let a = median(addResult.a.map(\.seconds)), b = median(addResult.b.map(\.seconds)), ratio = median(addResult.ratios)
        rows.append(Row(what: "(c) `partsmap part add` on the example vs \(baselineName)", a: milliseconds(a) + " ms",
                        b: milliseconds(b) + " ms", ratio: formatted(ratio, 2) + "×", target: "< 2×", pass: ratio < 2,
                        note: "peaks \(peakText(addResult.a)) vs \(peakText(addResult.b))"))
    }
    let version = (0..<runs).map { _ in Launcher.measure([partsmap, "--version"], helper: helper, scratch: scratch) }

    // (d) peak memory of partsmap check on 10,000 parts.
    let peak = checkRuns.map(\.peakBytes).max() ?? 0
    rows.append(Row(what: "(d) peak memory of `partsmap check` on 10,000 parts", a: megabytes(peak) + " MB", b: "-", ratio: "-",
                    target: "< 100 MB", pass: peak < 100 << 20, note: "largest of \(checkRuns.count) runs"))

    print("## Whole processes (A and B run in turn; medians; ratio = median of A/B pair by pair)")
    print("")
    print("| comparison | A | B | A/B | target | result | notes |")
    print("|---|---:|---:|---:|---|---|---|")
    for row in rows {
        print("| \(row.what) | \(row.a) | \(row.b) | \(row.ratio) | \(row.target) | \(row.pass ? "PASS" : "MISS") | \(row.note) |")
    }
    print("")
    print("Start-up floor: `partsmap --version` \(milliseconds(median(version.map(\.seconds)))) ms, "
          + "\(peakText(version)). Peak memory cannot read below "
          + "\(megabytes(Int(floor))) MB, the size of the measuring helper.")
    if !pictureRows.isEmpty {
        print("")
        print("## Picture quality (shape and crossings from `-Tplain`; smallest text with `--page a4`; render time as in (b))")
        print("")
        print("| map | parts | drawing, width/height | crossings | plain `dot` | plain `neato` | smallest text on A4 | `partsmap render` vs `dot -Tsvg` | ≥ 8 pt, ≤ 1.3× |")
        print("|---|---:|---|---:|---:|---:|---|---|---|")
        for row in pictureRows { print(row) }
    }
    print("")
    let timeline = arguments.contains("--no-timeline") ? (rows: 0, misses: 0) : timelines()
    let misses = rows.filter { !$0.pass }.count + growthMisses.count + timeline.misses + pictureMisses
    print("Targets: \(rows.count + stages.count + timeline.rows + pictureRows.count - misses) PASS, \(misses) MISS.")

    if arguments.contains("--keep") {
        print("Files kept in \(scratch)")
    } else {
        Launcher.run(["/bin/rm", "-rf", scratch])
    }
}

benchmark()
