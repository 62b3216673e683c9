import Foundation
import Testing
@testable import PartsMap
@testable import PartsMapCLI

@Suite("Views")
struct MapViewTests {
    let example = TestSupport.parseValid((try? TestSupport.exampleText("numbness.parts")) ?? "")

    func apply(_ configure: (inout MapView) -> Void) throws -> (map: SystemMap, decorations: DOTDecorations, clusters: [MapView.Cluster]) {
        var view = MapView()
        configure(&view)
        return try view.apply(to: example)
    }

    @Test func focusKeepsThePartAndItsNeighbours() throws {
        let fog = PartID(unchecked: "fog")
        let near = try apply { $0.focus = fog; $0.depth = 1 }
        let neighbours = Set(example.relationships.filter { $0.involves(fog) }.flatMap { [$0.from.partID, $0.to.partID] }.compactMap { $0 })
        #expect(Set(near.map.parts.map(\.id)) == neighbours.union([fog]))
        #expect(near.map.relationships.allSatisfy { [$0.from, $0.to].allSatisfy { $0.partID.map { near.map.part($0) != nil } ?? true } })
        let itself = try apply { $0.focus = fog; $0.depth = 0 }
        #expect(itself.map.parts.map(\.id) == [fog])
        #expect(throws: MapView.ViewError.unknownPart(PartID(unchecked: "nobody"))) { try apply { $0.focus = PartID(unchecked: "nobody") } }
    }

    @Test func onlyProtectorsAndHiddenExiles() throws {
        let protectors = try apply { $0.onlyProtectors = true }
        #expect(!protectors.map.parts.isEmpty && protectors.map.parts.allSatisfy { $0.role.isProtector })
        let hidden = try apply { $0.exiles = .placeholders }
        let exiles = hidden.map.parts.filter { $0.role == .exile }
        #expect(exiles.count == example.parts.filter { $0.role == .exile }.count)
        #expect(exiles.allSatisfy { $0.name == "Exile" && $0.fields == [PartField(.role(.exile))] && $0.id.rawValue.hasPrefix("exile-") })
        let exileNames = example.parts.filter { $0.role == .exile }.map(\.displayName)
        let dot = DOTWriter(decorations: hidden.decorations).dot(for: hidden.map)
        for name in exileNames { #expect(!dot.contains(name)) }
    }

    @Test func sessionHighlightsWhoWasPresent() throws {
        let session = example.sessions[1]
        let viewed = try apply { $0.session = .number(2) }
        for part in viewed.map.parts {
            let emphasis = try #require(viewed.decorations.parts[part.id])
            #expect((emphasis.note == "PRESENT") == session.present.contains(part.id))
        }
        #expect(throws: MapView.ViewError.self) { try apply { $0.session = .number(99) } }
        #expect(try apply { $0.session = .date(session.date) }.decorations == viewed.decorations)
    }

    @Test func tagAndGroupings() throws {
        let tag = try #require(example.parts.flatMap(\.tags).first)
        let tagged = try apply { $0.tag = tag }
        #expect(!tagged.map.parts.isEmpty && tagged.map.parts.allSatisfy { $0.tags.contains(tag) })
        let grouped = try apply { $0.grouping = .protection }
        for cluster in grouped.clusters {
            let exile = try #require(example.part(cluster.members[0]))
            #expect(exile.role == .exile)
            for protector in cluster.members.dropFirst() {
                #expect(example.relationships.contains { $0.kind == .protects && $0.from == .part(protector) && $0.to == .part(exile.id) })
            }
        }
        var options = DOTOptions()
        options.clusters = grouped.clusters
        let dot = DOTWriter(options: options).dot(for: grouped.map)
        #expect(dot.contains("subgraph \"cluster_group_1\""))
    }

    @Test func viewsNeverChangeTheMapFile() throws {
        let folder = try TestSupport.makeTemporaryFolder()
        defer { TestSupport.cleanUp(folder) }
        let text = try TestSupport.exampleText("numbness.parts")
        try text.write(to: folder.appendingPathComponent("map.parts"), atomically: true, encoding: .utf8)
        for arguments in [["--focus", "fog"], ["--hide", "exiles"], ["--session", "2"], ["--group", "protection"], ["--redact"]] {
            let result = try TestSupport.partsmap(["dot"] + arguments, in: folder)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        #expect(try String(contentsOf: folder.appendingPathComponent("map.parts"), encoding: .utf8) == text)
    }
}

@Suite("Redaction")
struct RedactionTests {
    let example = TestSupport.parseValid((try? TestSupport.exampleText("numbness.parts")) ?? "")

    @Test func aliasesAreStableRoleAndNumber() {
        let redacted = Redaction.apply(to: example)
        #expect(redacted == Redaction.apply(to: example))
        #expect(redacted.title == "Redacted map")
        let managers = redacted.parts.filter { $0.role == .manager }
        #expect(managers.map(\.displayName) == (1...managers.count).map { "Manager \($0)" })
        #expect(managers.map(\.id.rawValue) == (1...managers.count).map { "manager-\($0)" })
        #expect(!MapParser.parse(MapPrinter.print(redacted)).hasErrors, "a redacted map is a valid map")
    }

    @Test(arguments: [("7", "6-12"), ("about 8", "6-12"), ("teen", nil), ("15", "13-17"), ("3", "under 6"), ("40s", "over 25")])
    func agesBecomeBands(age: String, band: String?) {
        #expect(Redaction.ageBand(age) == band)
    }

    /// No free text from the map (longer than 3 characters) survives in any redacted output.
    @Test func nothingTheClientWroteLeaks() throws {
        let secrets = FreeText.strings(in: example)
        #expect(secrets.count > 50)
        let folder = try TestSupport.makeTemporaryFolder()
        defer { TestSupport.cleanUp(folder) }
        let map = TestSupport.example("numbness.parts").path
        var outputs: [String: String] = [:]
        outputs["dot"] = try TestSupport.partsmap(["dot", map, "--redact", "--legend"]).stdout
        outputs["json"] = try TestSupport.partsmap(["export", map, "--redact"]).stdout
        for format in ["svg", "pdf"] {
            let path = folder.appendingPathComponent("r.\(format)").path
            let result = try TestSupport.partsmap(["render", map, "--redact", "--legend", "-o", path])
            #expect(result.status == 0, "\(result.stderr)")
            outputs[format] = try Self.readable(path)
        }
        for (name, text) in outputs {
            #expect(!text.isEmpty)
            for secret in secrets { #expect(!text.contains(secret), "\(name) leaks \"\(secret)\"") }
        }
    }

    /// A file's text, with a PDF's compressed streams inflated (by Python's zlib) so text in
    /// them would be seen.
    static func readable(_ path: String) throws -> String {
        guard path.hasSuffix(".pdf") else { return try String(contentsOfFile: path, encoding: .utf8) }
        let inflate = """
            import re, sys, zlib
            data = open(sys.argv[1], 'rb').read()
            out = [data.decode('latin-1')]
            for m in re.finditer(rb'stream\\r?\\n(.*?)\\r?\\nendstream', data, re.S):
                try: out.append(zlib.decompress(m.group(1)).decode('latin-1'))
                except Exception: pass
            sys.stdout.write('\\n'.join(out))
            """
        let python = try #require(ExecutableSearch.find("python3"))
        return try TestSupport.run(python, ["-c", inflate, path]).stdout
    }
}

@Suite("Themes, pages and layout")
struct ThemeTests {
    let example = TestSupport.parseValid((try? TestSupport.exampleText("numbness.parts")) ?? "")

    @Test(arguments: VisualStyle.Theme.allCases)
    func everyThemeKeepsShapesAndLineStylesDistinct(theme: VisualStyle.Theme) {
        let style = VisualStyle(theme: theme)
        let shapes = Role.allCases.map { role in style.attributes(for: role).first { $0.name == "shape" }?.value ?? "" }
        #expect(Set(shapes).count == Role.allCases.count)
        let looks = Relationship.Kind.allCases.map { kind in
            style.attributes(for: kind).filter { ["style", "arrowhead", "dir"].contains($0.name) }.map { "\($0.name)=\($0.value)" }.joined()
                + (style.attributes(for: kind).first { $0.name == "color" }?.value.contains(":invis:") == true ? "double" : "")
        }
        #expect(Set(looks).count == Relationship.Kind.allCases.count)
    }

    @Test func printThemeIsBlackAndWhite() {
        let dot = DOTWriter(options: DOTOptions(showsLegend: true), style: VisualStyle(theme: .print)).dot(for: example)
        let colours = Set(dot.components(separatedBy: "\"#").dropFirst().map { String($0.prefix(6)) })
        for colour in colours {
            let channels = stride(from: 0, to: 6, by: 2).map { Int(colour.dropFirst($0).prefix(2), radix: 16) ?? -1 }
            #expect(Set(channels).count == 1, "#\(colour) is not a grey")
        }
    }

    @Test func darkThemeHasADarkBackgroundAndLightText() {
        let dot = DOTWriter(style: VisualStyle(theme: .dark)).dot(for: example)
        #expect(dot.contains("bgcolor=\"#121212\"") && dot.contains("fontcolor=\"#F2F2F2\""))
    }

    @Test func pdfFitsTheChosenPage() throws {
        let folder = try TestSupport.makeTemporaryFolder()
        defer { TestSupport.cleanUp(folder) }
        for (page, size) in [("a4", (595, 842)), ("letter", (612, 792))] {
            let path = folder.appendingPathComponent("\(page).pdf").path
            let result = try TestSupport.partsmap(["render", TestSupport.example("numbness.parts").path, "--legend", "--page", page, "-o", path])
            #expect(result.status == 0, "\(result.stderr)")
            // One file, or pages by protective system when the map would print below 8 pt.
            let files = FileManager.default.fileExists(atPath: path) ? [path]
                : (1...20).map { PageSplit.fileName(path, page: $0) }.filter { FileManager.default.fileExists(atPath: $0) }
            #expect(!files.isEmpty)
            for file in files {
                let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: file)), as: UTF8.self)
                let boxes = text.components(separatedBy: "/MediaBox [").dropFirst().map { $0.prefix { $0 != "]" } }
                #expect(boxes.count == 1, "one page")
                let numbers = boxes.first.map { $0.split(separator: " ").compactMap { Double($0) } } ?? []
                // Portrait or landscape (a wide map turns the page), always exactly the paper size.
                let dims = numbers.count == 4 ? [numbers[2], numbers[3]].sorted() : []
                #expect(dims.count == 2 && abs(dims[0] - Double(size.0)) < 3 && abs(dims[1] - Double(size.1)) < 3, "\(boxes)")
            }
        }
    }

    /// The clinical and dot layouts place the legend beside the map; the force-directed and
    /// circular engines would scatter its samples over the map, so they leave it out and say so.
    @Test func legendOnlyWhereTheLayoutPlacesIt() throws {
        let example = TestSupport.example("numbness.parts").path
        for layout in ["clinical", "dot", "neato", "fdp", "sfdp", "circo", "twopi"] {
            let result = try TestSupport.partsmap(["dot", example, "--legend", "--layout", layout])
            let drawn = result.stdout.contains("\"legend_heading\"") || result.stdout.contains("cluster_legend")
            let placed = layout == "clinical" || layout == "dot"
            #expect(result.status == 0 && drawn == placed, "\(layout)")
            #expect(result.stderr.contains("legend is drawn with the clinical and dot layouts only") == !placed, "\(layout): \(result.stderr)")
        }
    }

    @Test func automaticLayoutLeavesDotForLargeMaps() throws {
        var text = "partsmap 1\n"
        for index in 0..<(PictureOptions.automaticLimit + 1) { text += "part p\(index): Part \(index)\n  role: manager\n" }
        let folder = try TestSupport.makeTemporaryFolder()
        defer { TestSupport.cleanUp(folder) }
        try text.write(to: folder.appendingPathComponent("map.parts"), atomically: true, encoding: .utf8)
        let large = try TestSupport.partsmap(["dot"], in: folder)
        #expect(large.stdout.contains("layout=\"sfdp\""))
        #expect(large.stderr.contains("using the sfdp layout"))
        // The DOT is what render tries first: straight lines, which sfdp draws in a second
        // (its curved lines take minutes at this size).
        #expect(large.stdout.hasSuffix("graph [splines=\"line\"];\n}\n"), "\(large.stdout.suffix(80))")
        let chosen = try TestSupport.partsmap(["dot", "--layout", "dot"], in: folder)
        #expect(chosen.stdout.contains("layout=\"dot\"") && chosen.stderr.isEmpty)
        let small = try TestSupport.partsmap(["dot", TestSupport.example("numbness.parts").path])
        #expect(small.stdout.contains("layout=\"nop2\"") && small.stderr.isEmpty, "the clinical layout up to 60 parts")
    }
}

@Suite("Render cache and watch")
struct RenderCacheTests {
    /// A map of 40 parts or more is laid out for long enough that Graphviz is primed (given a
    /// graph in the picture's fonts to draw first, to /dev/null); a small one is not. Either way the picture is
    /// byte for byte what Graphviz draws from `partsmap dot` alone.
    @Test(arguments: [9, 45])
    func largeMapsArePrimedAndDrawTheSame(parts: Int) throws {
        let folder = try TestSupport.makeTemporaryFolder()
        defer { TestSupport.cleanUp(folder) }
        var text = "partsmap 1\n"
        for index in 0..<parts {
            text += "part p\(index): Part \(index)\n  role: \(index % 3 == 2 ? "exile" : "manager")\n"
        }
        for index in stride(from: 2, to: parts, by: 3) { text += "p\(index - 2) protects p\(index)\np\(index - 1) protects p\(index)\n" }
        try text.write(to: folder.appendingPathComponent("map.parts"), atomically: true, encoding: .utf8)
        let log = folder.appendingPathComponent("arguments").path
        let realDot = try #require(TestSupport.dotPath)
        let fake = folder.appendingPathComponent("logging-dot").path
        try TestSupport.writeExecutable("#!/bin/sh\necho \"$@\" >> '\(log)'\nexec '\(realDot)' \"$@\"\n", to: fake)
        let result = try TestSupport.partsmap(["render", "--graphviz", fake, "-o", "map.svg"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let runs = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        #expect(runs.count == 1)
        #expect(runs.first?.hasSuffix("-o /dev/null") == (parts >= 40), "\(runs)")
        let dot = try TestSupport.partsmap(["dot", "map.parts"], in: folder)
        let alone = try TestSupport.run(realDot, ["-Tsvg"], input: Data(dot.stdout.utf8))
        #expect(try Data(contentsOf: folder.appendingPathComponent("map.svg")) == alone.stdoutData)
    }

    @Test func unchangedMapSkipsGraphvizAndAChangeDrawsAgain() throws {
        let folder = try TestSupport.makeTemporaryFolder()
        defer { TestSupport.cleanUp(folder) }
        try "partsmap 1\npart a: A\n".write(to: folder.appendingPathComponent("map.parts"), atomically: true, encoding: .utf8)
        // A Graphviz that counts its runs.
        let counter = folder.appendingPathComponent("runs").path
        let realDot = try #require(TestSupport.dotPath)
        let fake = folder.appendingPathComponent("counting-dot").path
        try TestSupport.writeExecutable("#!/bin/sh\necho run >> '\(counter)'\nexec '\(realDot)' \"$@\"\n", to: fake)
        func render(_ extra: [String] = []) throws -> TestSupport.ProcessResult {
            try TestSupport.partsmap(["render", "--graphviz", fake] + extra, in: folder)
        }
        func runs() -> Int { ((try? String(contentsOfFile: counter, encoding: .utf8)) ?? "").split(separator: "\n").count }
        #expect(try render().stderr.contains("wrote map.svg"))
        #expect(runs() == 1)
        #expect(try render().stderr.contains("map.svg is up to date"))
        #expect(runs() == 1 || runs() == 2, "Graphviz may be started early, but is stopped without drawing")
        let svgBefore = try Data(contentsOf: folder.appendingPathComponent("map.svg"))
        #expect(try render(["--theme", "dark"]).stderr.contains("wrote map.svg"), "other options draw again")
        try "partsmap 1\npart a: Alpha\n".write(to: folder.appendingPathComponent("map.parts"), atomically: true, encoding: .utf8)
        #expect(try render().stderr.contains("wrote map.svg"))
        #expect(try Data(contentsOf: folder.appendingPathComponent("map.svg")) != svgBefore)
        #expect(try render(["--force"]).stderr.contains("wrote map.svg"))
    }

    /// Records are written in place (no temporary file, so no read through the cache folder at
    /// each render): a record cut short, as a killed render leaves it, matches nothing and the
    /// picture is drawn again; the folder keeps one record per picture and nothing else.
    @Test func aRecordCutShortDrawsAgain() throws {
        let folder = try TestSupport.makeTemporaryFolder()
        defer { TestSupport.cleanUp(folder) }
        let cache = folder.appendingPathComponent("cache")
        let environment = ["XDG_CACHE_HOME": cache.path]
        try "partsmap 1\npart a: A\n".write(to: folder.appendingPathComponent("map.parts"), atomically: true, encoding: .utf8)
        func render() throws -> String { try TestSupport.partsmap(["render", "-o", "map.svg"], environment: environment, in: folder).stderr }
        #expect(try render().contains("wrote map.svg"))
        #expect(try render().contains("map.svg is up to date"))
        let records = try FileManager.default.contentsOfDirectory(atPath: cache.appendingPathComponent("partsmap").path)
        #expect(records.count == 1, "\(records)")
        let record = cache.appendingPathComponent("partsmap").appendingPathComponent(try #require(records.first))
        let whole = try Data(contentsOf: record)
        #expect(try FileManager.default.attributesOfItem(atPath: record.path)[.posixPermissions] as? Int == 0o600)
        try whole.prefix(whole.count / 2).write(to: record)
        #expect(try render().contains("wrote map.svg"))
        // The same hash of the DOT and options; the picture's new size and time after it.
        let hash = { (data: Data) in String(decoding: data, as: UTF8.self).split(separator: " ").first.map(String.init) }
        #expect(try hash(Data(contentsOf: record)) == hash(whole))
        #expect(try render().contains("map.svg is up to date"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.appendingPathComponent("partsmap").path) == records)
    }

    @Test func watchRedrawsKeepsTheLastGoodPictureAndStopsOnInterrupt() throws {
        let folder = try TestSupport.makeTemporaryFolder()
        defer { TestSupport.cleanUp(folder) }
        let map = folder.appendingPathComponent("map.parts")
        let svg = folder.appendingPathComponent("map.svg")
        try "partsmap 1\npart a: First\n".write(to: map, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestSupport.partsmapBinary)
        process.arguments = ["render", "--watch"]
        process.currentDirectoryURL = folder
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        func waitFor(_ condition: () -> Bool) -> Bool {
            for _ in 0..<500 { if condition() { return true }; usleep(20_000) }
            return false
        }
        func picture() -> String { (try? String(contentsOf: svg, encoding: .utf8)) ?? "" }
        #expect(waitFor { picture().contains("First") })
        try "partsmap 1\npart a: Second\n".write(to: map, atomically: true, encoding: .utf8)
        #expect(waitFor { picture().contains("Second") })
        try "partsmap 1\npart a: Broken\n  role: manger\n".write(to: map, atomically: true, encoding: .utf8)
        usleep(800_000)
        #expect(picture().contains("Second"), "a map with errors keeps the last good picture")
        try "partsmap 1\npart a: Third\n".write(to: map, atomically: true, encoding: .utf8)
        #expect(waitFor { picture().contains("Third") })
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let log = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(log.contains("unknown role 'manger'"))
        #expect(log.contains("stopped watching"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".partsmap-") && !$0.hasSuffix("-cache") }
        #expect(leftovers.isEmpty)
    }
}
